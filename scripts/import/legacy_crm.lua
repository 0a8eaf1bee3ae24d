-- Legacy CRM case export → Hearth cases.
--
-- The CRM keeps its own codes for channels, tenures, relationships and risk; the tables below translate
-- them. A row becomes one case ("case opened"), identified by its CRM reference so that importing the same
-- export twice creates nothing new. Copy this file to start a script for another CRM.

---@type ImportScript
local M = {
  source = "legacy_crm",
  plugin = "eastleigh",
  -- map keeps nothing from one row to the next, so rows may be mapped on several threads at once.
  parallel = true,
  columns = {
    "crm_ref", "date_reported", "channel_code", "client_age", "relationship_code", "behaviour_codes",
    "dash_score", "risk_level", "immediate_danger",
  },
}

M.codes = {
  channel = {
    PH = "phone", WI = "in_person", EM = "email", ["3P"] = "third_party", RP = "repairs",
    ASB = "asb_complaint", HP = "homeless_presentation", TV = "tenancy_visit",
  },
  tenure = {
    SEC = "secure", JSEC = "joint_secure", ASS = "assured", JASS = "joint_assured", PRS = "private",
    TA = "temporary", NONE = "none",
  },
  relationship = {
    SP = "spouse", CP = "civil_partner", ENG = "engaged", IP = "intimate_partner", EXP = "intimate_partner",
    SHP = "shared_parent", REL = "relative", OTH = "none",
  },
  behaviour = {
    PHY = "physical", SEX = "sexual", THR = "violent_or_threatening", CC = "coercive_control",
    ECO = "economic", PSY = "psychological",
  },
  threat = {
    ARS = "arson", WEA = "weapons", KIL = "kill", STK = "stalking", HBV = "honour_based",
    FM = "forced_marriage", DMG = "property_damage",
  },
  -- The CRM's own risk grading: S(tandard), M(edium), H(igh).
  risk = { S = "standard", M = "medium", H = "high" },
  -- Postcode districts to the council areas their plugin thresholds are set for.
  area = { SO50 = "Eastleigh", SO53 = "Eastleigh", CT1 = "Canterbury", CT2 = "Canterbury", S40 = "Chesterfield",
           S41 = "Chesterfield", CB6 = "East Cambridgeshire", CB7 = "East Cambridgeshire" },
  consent = { Y = "given", N = "refused" },
}

local codes = M.codes
-- Locals for what every row uses: reading a global goes through the sandbox's read-only table each time.
-- Given ctx and a column name after their own arguments, the helpers reject the row with any problem themselves.
local yesno, datetime, dash_count, postcode_of = hearth.yesno, hearth.datetime, hearth.dash_count, hearth.postcode
local codes_of, sub, tointeger, tonumber = hearth.codes, string.sub, math.tointeger, tonumber

function M.map(row, ctx)
  if row.crm_ref == "" then return nil, "no CRM reference" end
  ctx.external_id(row.crm_ref)

  local reported_at, problem = datetime(row.date_reported)
  if not reported_at then ctx.reject("date_reported", problem) end

  local channel = codes.channel[row.channel_code]
  if not channel then ctx.reject("channel_code", "unknown code '" .. row.channel_code .. "'") end

  local relationship = codes.relationship[row.relationship_code]
  if not relationship then ctx.reject("relationship_code", "unknown code '" .. row.relationship_code .. "'") end

  local age = tointeger(tonumber(row.client_age))
  if not age then ctx.reject("client_age", "'" .. row.client_age .. "' is not a whole number") end

  local score = dash_count(row.dash_score, ctx, "dash_score")

  local risk = codes.risk[row.risk_level]
  if row.risk_level ~= "" and not risk then ctx.reject("risk_level", "unknown code '" .. row.risk_level .. "'") end

  local area
  if row.postcode ~= "" then
    local postcode, postcode_problem = postcode_of(row.postcode)
    if postcode then
      -- hearth.postcode writes one space before the three-character inward code: the rest is the district.
      area = codes.area[sub(postcode, 1, -5)]
    else
      ctx.reject("postcode", postcode_problem)
    end
  end

  local case = {
    id = "CRM-" .. row.crm_ref,
    reported_at = reported_at,
    channel = channel,
    immediate_danger = yesno(row.immediate_danger, ctx, "immediate_danger") or false,
    area = area,
    victim = {
      age = age,
      gender = row.client_gender ~= "" and row.client_gender or nil,
      tenant = yesno(row.tenant, ctx, "tenant"),
      tenure = codes.tenure[row.tenure_code],
      has_capacity = yesno(row.capacity, ctx, "capacity"),
    },
    perpetrator = {
      age = tointeger(tonumber(row.perp_age)),
      relationship = relationship,
      current = yesno(row.perp_current, ctx, "perp_current"),
      lives_with_victim = yesno(row.cohabiting, ctx, "cohabiting"),
    },
    -- "PHY|CC" becomes the codes' values; an unknown code is rejected, naming it.
    behaviours = codes_of(row.behaviour_codes, "|", codes.behaviour, ctx, "behaviour_codes"),
    threats = codes_of(row.threat_codes, "|", codes.threat, ctx, "threat_codes"),
    counter_allegation = false,
  }
  if score then case.dash = { yes_count = score } end
  -- The CRM's "H" grading is a practitioner's judgement: it may raise the risk, never lower it.
  if risk == "high" and (score == nil or score < 14) then
    case.professional_judgement = { high_risk = true, reason = "graded high risk in the legacy CRM" }
  end
  local handoff = codes.consent[row.consent_handoff]
  if handoff then case.consent = { handoff = handoff } end
  return case
end

return M
