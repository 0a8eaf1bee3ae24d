-- Housing repairs log → welfare-check flags on properties.
--
-- Repeated damage to doors and windows, frequent lock changes and an above-average number of repairs can be
-- signs of domestic abuse (domain.md §7). Each repair is counted per property; when a count reaches its
-- threshold the property gets an identification signal, which caseworkers see as a welfare-check flag.
-- Rows that raise no flag are skipped. The flag's external id names the property and the threshold crossed, so
-- re-running the log (or resuming it) never raises the same flag twice.

---@type ImportScript
local M = {
  source = "repairs_log",
  columns = { "job_ref", "property_ref", "reported", "category" },
}

-- Repairs in the log before a property is flagged. A plugin may set its own under `identification`;
-- these are the defaults.
M.thresholds = { door_damage = 3, lock_change = 2, window_damage = 3, repairs_above_average = 8 }

M.codes = {
  category = { DOOR = "door_damage", LOCK = "lock_change", WINDOW = "window_damage" },
}

local counts = {}
local thresholds = M.thresholds

function M.setup(ctx)
  local plugin = ctx.plugin
  if plugin and plugin.identification then
    for kind, n in pairs(plugin.identification) do thresholds[kind] = n end
  end
end

local function flag(row, ctx, property, kind, count, day)
  return {
    external_id = "welfare:" .. property .. ":" .. kind,
    signal = {
      property = property,
      kind = kind,
      at = day,
      details = { count = count, threshold = thresholds[kind], job = row.job_ref, reason = "welfare check" },
    },
  }
end

function M.map(row, ctx)
  local property = row.property_ref
  if property == "" then return ctx.reject("property_ref", "is empty") end
  local day, problem = hearth.date(row.reported)
  if not day then return ctx.reject("reported", problem) end

  local c = counts[property]
  if not c then
    c = { total = 0 }
    counts[property] = c
  end
  c.total = c.total + 1
  local kind = M.codes.category[row.category]
  if kind then
    c[kind] = (c[kind] or 0) + 1
    if c[kind] == thresholds[kind] then return flag(row, ctx, property, kind, c[kind], day) end
  end
  if c.total == thresholds.repairs_above_average then
    return flag(row, ctx, property, "repairs_above_average", c.total, day)
  end
  return nil, "no welfare-check signal"
end

return M
