# Reference p-values of Fisher's exact tests for tests/test_covid_analysis.py.
# Run from the repository root:  Rscript tests/reference/make_fisher_reference.R
# Writes tests/reference/covid/fisher_reference.csv (R's stats::fisher.test,
# exact network algorithm for r x c tables, conditional MLE not used: we keep
# only the p-values).
options(digits = 17)
tables <- list(
  t2x2_a = matrix(c(5, 1, 1, 5), 2, byrow = TRUE),
  t2x2_b = matrix(c(12, 3, 4, 9), 2, byrow = TRUE),
  t2x2_c = matrix(c(0, 6, 7, 2), 2, byrow = TRUE),
  t3x3 = matrix(c(3, 1, 7, 2, 5, 1, 0, 4, 2), 3, byrow = TRUE),
  t4x3 = matrix(c(6, 2, 1, 1, 4, 0, 2, 2, 5, 0, 1, 3), 4, byrow = TRUE)
)
out <- data.frame(
  table = names(tables),
  cells = sapply(tables, function(m) paste(as.vector(t(m)), collapse = " ")),
  nrow = sapply(tables, nrow),
  p_value = sapply(tables, function(m) fisher.test(m)$p.value)
)
write.csv(out, "tests/reference/covid/fisher_reference.csv", row.names = FALSE)
