-- Anti-social behaviour complaints log → identification signals on the property complained about.
--
-- Noise and ASB complaints, and a property that looks abandoned, can point to domestic abuse behind a door
-- (domain.md §7). Every relevant complaint becomes a signal on the property; complaints about pets and the
-- like are skipped with a reason. The complaint id is the external id.

---@type ImportScript
local M = {
  source = "asb_complaints",
  columns = { "complaint_id", "received", "property_ref", "complaint_type" },
}

M.codes = {
  complaint_type = {
    NOISE = "noise_complaint", DOMESTIC_NOISE = "noise_complaint", ASB = "asb_complaint",
    HARASSMENT = "asb_complaint", ABANDONED = "abandoned",
  },
}

-- Words in a description that suggest someone may be at risk.
local concern_words = { "scream", "crying", "shouting", "banging" }

function M.map(row, ctx)
  local kind = M.codes.complaint_type[row.complaint_type]
  if not kind then return nil, "complaint type '" .. row.complaint_type .. "' is not a welfare-check signal" end
  local at, problem = hearth.datetime(row.received)
  if not at then return ctx.reject("received", problem) end
  if row.property_ref == "" then return ctx.reject("property_ref", "is empty") end

  local details = { complaint_type = row.complaint_type, complainant = row.complainant }
  local text = string.lower(row.description)
  for _, word in ipairs(concern_words) do
    if string.find(text, word, 1, true) then
      details.concern = "description mentions '" .. word .. "'"
      break
    end
  end
  if row.complaint_type == "DOMESTIC_NOISE" then details.domestic = "yes" end
  return {
    external_id = row.complaint_id,
    signal = { property = row.property_ref, kind = kind, at = at, details = details },
  }
end

return M
