return {
  risk = { marac_threshold = 14, source = "§1" },
  partners = {
    { id = "idva", name = "IDVA one", kind = "idva", source = "§3" },
    { id = "idva", name = "IDVA two", kind = "idva", source = "§3" },
  },
}
