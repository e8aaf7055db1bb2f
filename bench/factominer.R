# FactoMineR's side of bench/run.py: one task per call, in a fresh R process.
#   Rscript bench/factominer.R <task> <input.csv> <output prefix> [kk]
# task: mca (MCA, ncp = 5), hcpc (MCA, then HCPC(nb.clust = -1, description =
# FALSE), with kk pre-clusters when given), catdes (catdes on the column
# "class"). Reading the CSV and the MCA before HCPC are outside the timing.
# Peak memory is read from /proc/self/status (VmHWM) after resetting it by
# writing 5 to /proc/self/clear_refs just before the timed call.
suppressPackageStartupMessages(library(FactoMineR))
args <- commandArgs(trailingOnly = TRUE)
task <- args[1]; input <- args[2]; prefix <- args[3]
kk <- if (length(args) >= 4) as.numeric(args[4]) else Inf

status_kib <- function(field) {
  line <- grep(paste0("^", field, ":"), readLines("/proc/self/status"), value = TRUE)
  as.numeric(sub("^[^0-9]*([0-9]+).*$", "\\1", line))
}
reset_peak <- function() cat("5", file = "/proc/self/clear_refs")

X <- read.csv(input, colClasses = "factor", na.strings = "NA")
if (task == "hcpc") res <- MCA(X, ncp = 5, graph = FALSE)
if (task == "catdes") X$class <- factor(X$class)
invisible(gc())
rss_before <- status_kib("VmRSS")
reset_peak()
t0 <- proc.time()[["elapsed"]]
if (task == "mca") {
  res <- MCA(X, ncp = 5, graph = FALSE)
} else if (task == "hcpc") {
  h <- HCPC(res, nb.clust = -1, kk = kk, graph = FALSE, description = FALSE)
} else if (task == "catdes") {
  d <- catdes(X, num.var = which(names(X) == "class"))
}
seconds <- proc.time()[["elapsed"]] - t0
peak <- status_kib("VmHWM")

if (task == "mca") {
  write.csv(data.frame(eigenvalue = res$eig[, 1]), paste0(prefix, "_eig.csv"), row.names = FALSE)
} else if (task == "hcpc") {
  write.csv(data.frame(cluster = as.integer(h$data.clust$clust)), paste0(prefix, "_labels.csv"), row.names = FALSE)
} else if (task == "catdes") {
  cats <- do.call(rbind, lapply(names(d$category), function(k) {
    m <- d$category[[k]]
    if (is.null(m)) return(NULL)
    data.frame(cluster = k, category = rownames(m), v.test = m[, "v.test"])
  }))
  write.csv(cats, paste0(prefix, "_vtest.csv"), row.names = FALSE)
}
writeLines(sprintf("seconds %.4f\nrss_before_kib %.0f\npeak_kib %.0f", seconds, rss_before, peak),
           paste0(prefix, "_stats.txt"))
