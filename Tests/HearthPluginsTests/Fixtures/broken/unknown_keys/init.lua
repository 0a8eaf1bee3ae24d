return {
  risk = { marac_treshold = 14, source = "§1" },
  partners = {
    { id = "idva", name = "IDVA", kind = "idva", contcat = "01234 567890", source = "§3" },
  },
  helplnes = {},
}
