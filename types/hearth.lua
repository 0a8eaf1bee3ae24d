---@meta
-- Type stubs for Hearth's Lua API, version 1, for lua-language-server (see .luarc.json).
-- These files are never run: they describe what the host provides inside its sandbox.

---The host API, available to plugins, scenario scripts and import scripts.
---@class hearth
---@field api integer The plugin API major version this host implements (1).
---@field host_version string The version of the Hearth host.
hearth = {}

---Writes a line to the host's log (not to the caseworker).
---@param ... any values, shown as JSON
function hearth.log(...) end

---Adds a warning to `hearth plugin check`, at the caller's line: a plugin can say what is wrong with its own setup.
---@param message string
function hearth.warn(message) end

---The host's clock: time comes from the host so that runs are deterministic.
---@class clock
clock = {}

---Seconds since 1970-01-01T00:00:00Z, from the host's clock.
---@return number
function clock.now() end

---The host's time as ISO 8601 in UTC, e.g. `2025-03-04T10:00:00Z`.
---@return string
function clock.iso() end

---Today's date in UTC, `YYYY-MM-DD`.
---@return string
function clock.today() end

---Writes its arguments to the host's log.
---@param ... any
function print(...) end

---Loads a `.lua` module from the plugin's (or script's) own folder: `require "partners"` loads `partners.lua`,
---`require "lib.areas"` loads `lib/areas.lua`. Nothing outside that folder, no C modules.
---@param name string
---@return any
function require(name) end
