return {
  risk = { marac_threshold = 14, source = "§1" },
  helplines = {
    { name = "Perpetrator helpline", audience = "perpetrator", source = "§6" },
  },
}
