---@meta
-- Types for Hearth import scripts (scripts/import/*.lua), for lua-language-server.
-- The contract is in docs/import.md.

---@class ImportRow: { [string]: string }
-- One CSV record: every header column, as text ("" for an empty cell). Reading a column the header does not
-- have is an error naming it. For JSON Lines, the line's object as it is.

---@class ImportContext
---@field row integer the record's number (CSV: the header is row 1; JSON Lines: the line number)
---@field file string the input file's name
---@field script string the script's path
---@field codes table? the script's `codes` table
---@field plugin { id: string, name: string }? the plugin given with --plugin
local ImportContext = {}

--- Rejects the row for a reason in one field; call it once per problem, then return (the result is ignored).
---@param field string the column or case field at fault
---@param problem string what is wrong, for the integrator
function ImportContext.reject(field, problem) end

--- Skips the row with a reason (it is counted as skipped, not rejected).
---@param reason string?
function ImportContext.skip(reason) end

--- Sets the row's external id (its id in the source system), which makes re-imports idempotent.
---@param id string|integer
---@return string|integer id
function ImportContext.external_id(id) end

---@class ImportSignal
---@field property string the property's reference
---@field kind string e.g. "door_damage", "lock_change", "window_damage", "repairs_above_average", "asb_complaint", "noise_complaint", "abandoned"
---@field details table<string, string|number|boolean>?
---@field at string? ISO 8601 time with an offset, or YYYY-MM-DD (default: the time of the import)
---@field case_id string? record it on a case rather than on the property alone

---@class ImportEvent
---@field kind string an event kind, e.g. "note_added", "consent_recorded", "case_closed"
---@field at string ISO 8601 time with an offset, or YYYY-MM-DD
---@field recorded_by string?
-- … and the payload fields of that kind (docs/store.md)

---@class ImportResult
---@field external_id string|integer? the row's external id (or call ctx.external_id)
---@field signal ImportSignal? an identification signal
---@field events ImportEvent[]? events for an existing case (with case_id)
---@field case_id string? the existing case the events or signal belong to
-- Anything else: a case in the core's format (docs/case-format.md).

---@class ImportScript
---@field map fun(row: ImportRow, ctx: ImportContext): ImportResult?, string?
---@field setup fun(ctx: ImportContext)? runs once before the first row (in every copy, for a parallel script)
---@field finish fun(ctx: ImportContext)? runs once after the last row (not allowed with parallel)
---@field parallel boolean? map keeps nothing from row to row, so rows may be mapped on several threads
---@field source string? the system the rows come from; external ids are unique within it
---@field plugin string? the plugin id cases are opened under (--plugin overrides it)
---@field columns string[]? columns the script needs; a header without one stops the import before any row
---@field codes table? code tables, also reachable as ctx.codes

---@class hearth
hearth = {}

--- A date in a common UK form (31/01/2024, 31-01-24, 31.1.2024, 31 Jan 2024, 2024-01-31) as YYYY-MM-DD.
---@param text string
---@param ctx ImportContext? when given with field, a problem is also reported as ctx.reject(field, problem)
---@param field string? the column to report a problem under
---@return string? date, string? problem
function hearth.date(text, ctx, field) end

--- A UK local date and time (31/01/2024 14:30) as ISO 8601 with its offset (GMT or BST).
---@param text string
---@param ctx ImportContext? when given with field, a problem is also reported as ctx.reject(field, problem)
---@param field string? the column to report a problem under
---@return string? time, string? problem
function hearth.datetime(text, ctx, field) end

--- A UK postcode, upper case with one space (so509yn → SO50 9YN).
---@param text string
---@param ctx ImportContext? when given with field, a problem is also reported as ctx.reject(field, problem)
---@param field string? the column to report a problem under
---@return string? postcode, string? problem
function hearth.postcode(text, ctx, field) end

--- A UK phone number in international form (07700 900123 → +447700900123).
---@param text string
---@param ctx ImportContext? when given with field, a problem is also reported as ctx.reject(field, problem)
---@param field string? the column to report a problem under
---@return string? phone, string? problem
function hearth.phone(text, ctx, field) end

--- A yes/no answer: true, false, or nil when blank or not known (with a problem when unrecognised).
---@param text string
---@param ctx ImportContext? when given with field, a problem is also reported as ctx.reject(field, problem)
---@param field string? the column to report a problem under
---@return boolean? answer, string? problem
function hearth.yesno(text, ctx, field) end

--- A DASH count (0–24), accepting "15" or "15/24"; nil when blank.
---@param text string
---@param ctx ImportContext? when given with field, a problem is also reported as ctx.reject(field, problem)
---@param field string? the column to report a problem under
---@return integer? count, string? problem
function hearth.dash_count(text, ctx, field) end

--- Text without leading and trailing white space.
---@param text string
---@return string
function hearth.trim(text) end

--- The pieces of text between separators (plain text, not a pattern), each without the spaces and tabs around it;
--- empty pieces are left out, and nil or "" gives an empty list ("PHY| CC ||" split on "|" is { "PHY", "CC" }).
---@param text string?
---@param separator string
---@return string[]
function hearth.split(text, separator) end

--- A list of codes in one cell, translated: the pieces of text as hearth.split gives them, each replaced by its
--- value in `codes` (read raw). Returns the values in order and, only when some pieces are not keys of `codes`,
--- those pieces in order: hearth.codes("PHY|XX| CC", "|", { PHY = "physical", CC = "coercive_control" }) is
--- { "physical", "coercive_control" }, { "XX" }.
---@param text string?
---@param separator string
---@param codes table
---@param ctx ImportContext? when given with field, each unknown code is also reported as ctx.reject(field, "unknown code 'XX'")
---@param field string? the column to report unknown codes under
---@return any[] values, string[]? unknown
function hearth.codes(text, separator, codes, ctx, field) end

---@type integer the host API version (1)
hearth.api = 1
