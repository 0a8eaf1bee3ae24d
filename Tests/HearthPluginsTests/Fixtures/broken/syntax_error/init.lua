return {
  risk = { marac_threshold = 14 },
  helplines = { { name = "x" number = "1" } },
}
