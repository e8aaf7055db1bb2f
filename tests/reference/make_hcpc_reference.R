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

run_case <- function(name, res.mca, data, ...) {
  wcsv(cbind(data.frame(row = rownames(res.mca$ind$coord)), res.mca$ind$coord), paste0(name, "_coord.csv"))
  wcsv(cbind(data.frame(row = rownames(data)), data), paste0(name, "_data.csv"))
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
