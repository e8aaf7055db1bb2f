# Reference values of FactoMineR's HCPC and catdes for tests/test_hcpc.py and
# tests/test_catdes.py. Run from the repository root:
#   Rscript tests/reference/make_hcpc_reference.R
# The coordinates given to HCPC are written too, so the Python tests cluster
# exactly the same points without needing R.
suppressPackageStartupMessages(library(FactoMineR))
options(digits = 17)
out <- "tests/reference/hcpc"
dir.create(out, showWarnings = FALSE, recursive = TRUE)
wcsv <- function(x, name) {
  x <- as.data.frame(x)
  for (j in seq_along(x)) if (is.numeric(x[[j]])) x[[j]] <- format(x[[j]], digits = 17, scientific = TRUE, trim = TRUE)
  write.csv(x, file.path(out, name), row.names = FALSE)
}
named <- function(v, what) data.frame(row = names(v), value = as.numeric(v), stringsAsFactors = FALSE)

run_case <- function(name, res.mca, data, ..., inputs = TRUE) {
  if (inputs) {  # the coordinates and data, unless another case already wrote the same
    wcsv(cbind(data.frame(row = rownames(res.mca$ind$coord)), res.mca$ind$coord), paste0(name, "_coord.csv"))
    wcsv(cbind(data.frame(row = rownames(data)), data), paste0(name, "_data.csv"))
  }
  h <- HCPC(res.mca, graph = FALSE, ...)
  wcsv(data.frame(row = rownames(h$data.clust), cluster = as.integer(h$data.clust$clust)), paste0(name, "_clusters.csv"))
  wcsv(data.frame(gain = h$call$t$inert.gain), paste0(name, "_gains.csv"))
  wcsv(data.frame(ratio = h$call$t$quot), paste0(name, "_ratio.csv"))
  para <- do.call(rbind, lapply(names(h$desc.ind$para), function(k) data.frame(cluster = k, named(h$desc.ind$para[[k]]))))
  dist <- do.call(rbind, lapply(names(h$desc.ind$dist), function(k) data.frame(cluster = k, named(h$desc.ind$dist[[k]]))))
  wcsv(para, paste0(name, "_para.csv"))
  wcsv(dist, paste0(name, "_dist.csv"))
  dv <- h$desc.var
  wcsv(data.frame(variable = rownames(dv$test.chi2), dv$test.chi2, check.names = FALSE), paste0(name, "_chi2.csv"))
  cats <- do.call(rbind, lapply(names(dv$category), function(k) {
    m <- dv$category[[k]]
    if (is.null(m)) return(NULL)
    data.frame(cluster = k, category = rownames(m), m, check.names = FALSE)
  }))
  wcsv(cats, paste0(name, "_category.csv"))
  if (!is.null(dv$quanti.var)) {
    wcsv(data.frame(variable = rownames(dv$quanti.var), dv$quanti.var, check.names = FALSE), paste0(name, "_quanti_var.csv"))
    q <- do.call(rbind, lapply(names(dv$quanti), function(k) {
      m <- dv$quanti[[k]]
      if (is.null(m)) return(NULL)
      data.frame(cluster = k, variable = rownames(m), m, check.names = FALSE)
    }))
    wcsv(q, paste0(name, "_quanti.csv"))
  }
  invisible(h)
}

data(poison)
res <- MCA(poison, quanti.sup = 1:2, quali.sup = 3:4, graph = FALSE)
run_case("poison", res, poison, nb.clust = -1, consol = FALSE)
run_case("poison_consol", res, poison, nb.clust = -1, consol = TRUE)

data(tea)
res <- MCA(tea, quanti.sup = 19, quali.sup = 20:36, graph = FALSE)
run_case("tea", res, tea, nb.clust = 4, consol = FALSE)
run_case("tea_auto", res, tea, nb.clust = -1, consol = FALSE, min = 3, max = 8)

# FactoMineR's own data sets with ties and missing values (issue 14), with
# FactoMineR's default consolidation (consol = TRUE, Hartigan-Wong k-means).
# hobbies: 8403 people, 18 activities (binary) and TV (5 levels), missing
# values, many identical individuals.
data(hobbies)
res <- MCA(hobbies[, 1:23], quali.sup = 19:22, quanti.sup = 23, graph = FALSE)
run_case("hobbies", res, hobbies, nb.clust = -1)
run_case("hobbies_noconsol", res, hobbies, nb.clust = -1, consol = FALSE, inputs = FALSE)  # hobbies_coord.csv

# tied: a seeded table of 3000 rows x 8 binary items with 3 % missing values
# (a few hundred distinct profiles: ties everywhere in the tree and the k-means).
set.seed(14)
latent <- sample(3, 3000, replace = TRUE, prob = c(0.5, 0.3, 0.2))
tied <- as.data.frame(lapply(1:8, function(j) {
  p <- runif(3, 0.15, 0.85)
  v <- ifelse(runif(3000) < p[latent], "yes", "no")
  v[runif(3000) < 0.03] <- NA
  factor(v)
}))
names(tied) <- paste0("item", 1:8)
res <- MCA(tied, graph = FALSE)
run_case("tied", res, tied, nb.clust = -1)

# decathlon: HCPC of a PCA (principal coordinates of any analysis can be clustered).
data(decathlon)
res <- PCA(decathlon, quanti.sup = 11:12, quali.sup = 13, graph = FALSE)
run_case("decathlon", res, decathlon, nb.clust = -1)
