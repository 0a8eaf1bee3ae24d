return {
  risk = { marac_threshold = 14, bands = { medium = 10 }, source = "§1" },
  helplines = {
    { name = "National Domestic Abuse Helpline", number = "0808 2000 247", audience = "victim", source = "§2" },
  },
  partners = {
    { id = "marac", name = "MARAC", kind = "marac", source = "§3" },
    { id = "idva", name = "IDVA service", kind = "idva", when = { risk = "high" }, source = "§3" },
    { id = "outreach", name = "Outreach", kind = "outreach", source = "§3" },
  },
  hooks = { route = function(case, plan) return { referals = { { partner = "outreach" } } } end },
}
