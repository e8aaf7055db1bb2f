# Reference values of FactoMineR's MCA for tests/test_mca.py.
# Run from the repository root:  Rscript tests/reference/make_mca_reference.R
# Writes, for each case, the input table and every result as CSV with 17
# significant digits, so that the Python tests never need R.
suppressPackageStartupMessages(library(FactoMineR))
options(digits = 17)
out <- "tests/reference/mca"
dir.create(out, showWarnings = FALSE, recursive = TRUE)

wcsv <- function(x, name) {
  x <- as.data.frame(x)
  for (j in seq_along(x)) if (is.numeric(x[[j]])) x[[j]] <- format(x[[j]], digits = 17, scientific = TRUE, trim = TRUE)
  write.csv(x, file.path(out, name), row.names = FALSE)
}
labels <- function(X) {
  # variable and category of each column of the disjunctive table, in FactoMineR's order
  data.frame(variable = rep(colnames(X), sapply(X, nlevels)), category = unlist(lapply(X, levels)))
}
labels_na <- function(X) {
  # as FactoMineR does: a missing value becomes the level "<variable>.NA", sorted
  # with the other levels; the label written for Python is then "NA"
  X <- as.data.frame(lapply(X, factor))
  for (j in seq_along(X)) if (any(is.na(X[[j]]))) {
    v <- as.character(X[[j]]); v[is.na(v)] <- paste0(colnames(X)[j], ".NA"); X[[j]] <- factor(v)
  }
  lab <- labels(droplevels(X))
  lab$category[lab$category == paste0(lab$variable, ".NA")] <- "NA"
  lab
}
with_labels <- function(m, lab) cbind(lab, as.data.frame(m))

run_case <- function(name, X, act, quali.sup = NULL, quanti.sup = NULL, row.w = NULL, excl = NULL, ncp = 5) {
  Xin <- X
  wcsv(cbind(data.frame(row = rownames(X)), X), paste0(name, "_input.csv"))
  if (!is.null(row.w)) wcsv(data.frame(weight = row.w), paste0(name, "_weights.csv"))
  res <- MCA(X, ncp = ncp, quali.sup = quali.sup, quanti.sup = quanti.sup, row.w = row.w,
             excl = excl, graph = FALSE)
  wcsv(res$eig[, 1:3], paste0(name, "_eig.csv"))
  # a specific MCA's eig also holds Benzecri's "modified rates" (rounded to 2 decimals by FactoMineR)
  if (!is.null(excl)) wcsv(res$eig[, 4:5], paste0(name, "_modified_rates.csv"))
  wcsv(cbind(data.frame(row = rownames(res$ind$coord)), res$ind$coord), paste0(name, "_ind_coord.csv"))
  wcsv(res$ind$contrib, paste0(name, "_ind_contrib.csv"))
  wcsv(res$ind$cos2, paste0(name, "_ind_cos2.csv"))
  lab <- labels_na(X[, act, drop = FALSE])
  if (!is.null(excl)) lab <- lab[-excl, ]
  wcsv(with_labels(res$var$coord, lab), paste0(name, "_var_coord.csv"))
  wcsv(with_labels(res$var$contrib, lab), paste0(name, "_var_contrib.csv"))
  wcsv(with_labels(res$var$cos2, lab), paste0(name, "_var_cos2.csv"))
  wcsv(with_labels(res$var$v.test, lab), paste0(name, "_var_vtest.csv"))
  wcsv(cbind(data.frame(variable = rownames(res$var$eta2)), res$var$eta2), paste0(name, "_eta2.csv"))
  if (!is.null(quali.sup)) {
    labs <- labels_na(X[, quali.sup, drop = FALSE])
    wcsv(with_labels(res$quali.sup$coord, labs), paste0(name, "_quali_sup_coord.csv"))
    wcsv(with_labels(res$quali.sup$cos2, labs), paste0(name, "_quali_sup_cos2.csv"))
    wcsv(with_labels(res$quali.sup$v.test, labs), paste0(name, "_quali_sup_vtest.csv"))
    wcsv(cbind(data.frame(variable = rownames(res$quali.sup$eta2)), res$quali.sup$eta2), paste0(name, "_quali_sup_eta2.csv"))
  }
  if (!is.null(quanti.sup)) {
    wcsv(cbind(data.frame(variable = rownames(res$quanti.sup$coord)), res$quanti.sup$coord), paste0(name, "_quanti_sup.csv"))
  }
  invisible(res)
}

data(poison)
# poison: FactoMineR's documented example (quanti.sup 1:2, quali.sup 3:4), active 5:15
run_case("poison", poison, act = 5:15, quali.sup = 3:4, quanti.sup = 1:2)
# poison with row weights (a fixed, deterministic pattern)
run_case("poison_weighted", poison[, 5:15], act = 1:11, row.w = rep(c(1, 2, 3), length.out = nrow(poison)))
# poison, specific MCA: the "_n" (no) categories of three symptoms made passive
pa <- poison[, 5:15]
ex <- which(unlist(lapply(pa, levels)) %in% c("Nausea_n", "Vomit_n", "Fever_n"))
run_case("poison_excl", pa, act = 1:11, excl = ex)

data(tea)
# tea: FactoMineR's documented example (quanti.sup 19, quali.sup 20:36)
run_case("tea", tea, act = 1:18, quali.sup = 20:36, quanti.sup = 19)
# tea, specific MCA: the "Not." categories of the six "where/when" items made passive
ta <- tea[, 1:18]
ex <- which(unlist(lapply(ta, levels)) %in% c("Not.breakfast", "Not.tea time", "Not.evening", "Not.lunch",
                                             "Not.dinner", "Not.always"))
run_case("tea_excl", ta, act = 1:18, excl = ex)

# a table with missing values: tea's active variables, every 7th cell of a
# rotating column set to NA (deterministic rule)
tna <- tea[, 1:18]
for (i in seq_len(nrow(tna))) if (i %% 7 == 0) tna[i, (i %/% 7) %% 18 + 1] <- NA
run_case("tea_na", tna, act = 1:18)
