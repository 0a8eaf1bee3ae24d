return {
  risk = { marac_threshold = "14", bands = { medium = 10 }, source = "§1" },
  helplines = {
    { name = "Helpline", number = "0808 2000 247", audience = "victim", source = "§2" },
    { name = "Police", number = 999, audience = "any", emergency = "yes", source = "§2" },
  },
  partners = {
    { id = "idva", name = "IDVA", kind = "idv", source = "§3" },
  },
  closure_days = { "25/12/2025" },
}
