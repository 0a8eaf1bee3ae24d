import HearthCore
import LuaBridge

/// Compares what a scenario's `expect` names with a plan's JSON, and nothing else.
///
/// Two kinds of finding: a *failure* is a difference between the plan and the expectation; an *error* is a
/// mistake in the expectation itself (a field the plan does not have, a value an enum field cannot take, a
/// malformed matcher), reported apart because no plan could ever satisfy it.
struct Matcher {
    /// Differences between the plan and the expectation, one line each.
    var failures: [String] = []
    /// Mistakes in the expectation, one line each.
    var errors: [String] = []
    /// The scenario file's runtime, for `is.matches` and `is.satisfying`.
    let runtime: LuaRuntime?
    /// Only count failures, without writing their messages (for trying items and options).
    var quiet = false

    /// A failure's message, written only when someone will read it.
    func say(_ message: @autoclosure () -> String) -> String { quiet ? "" : message() }

    init(runtime: LuaRuntime?) { self.runtime = runtime }

    static let listChecks = ["count", "every", "excludes", "includes"]

    // MARK: Checking

    /// Checks `expected` against `actual` (nil when the field is missing) of the given shape at `path`.
    mutating func check(_ expected: LuaValue, _ actual: JSONValue?, _ shape: PlanShape, _ path: String) {
        if let kind = Self.matcherKind(expected) {
            checkMatcher(kind, expected, actual, shape, path)
            return
        }
        switch shape {
        case .scalar(let values):
            guard Self.isScalar(expected) else {
                errors.append("\(label(path)): \(path) holds a single value, but expect gives \(Self.lua(expected)); write the value itself or an is.… matcher")
                return
            }
            if let values, case .string(let s) = expected, !values.contains(s) {
                errors.append("\(label(path)): \(Self.lua(expected)) is not a value \(path) can take; it is one of \(values.joined(separator: ", "))" + didYouMean(s, values))
                return
            }
            if !Self.scalarEquals(expected, actual) {
                failures.append(say("\(path): expected \(Self.lua(expected)), got \(Self.show(actual))"))
            }
        case .object(let fields):
            guard let table = expected.tableValue else {
                errors.append("\(label(path)): \(path) is a table of fields (\(fields.keys.sorted().joined(separator: ", "))), but expect gives \(Self.lua(expected))")
                return
            }
            let present: JSONObject
            if case .object(let o)? = actual { present = o } else { present = [:] }
            for key in table.keys.sorted() {
                guard let sub = fields[key] else {
                    errors.append(unknownField(key, at: path, names: fields.keys.sorted()))
                    continue
                }
                check(table[key]!, present[key], sub, join(path, key))
            }
        case .map(let value, let keys):
            guard let table = expected.tableValue else {
                errors.append("\(label(path)): \(path) is a table by \(keys.isEmpty ? "key" : keys.joined(separator: " / ")), but expect gives \(Self.lua(expected))")
                return
            }
            let present: JSONObject
            if case .object(let o)? = actual { present = o } else { present = [:] }
            for key in table.keys.sorted() {
                if !keys.isEmpty, !keys.contains(key) {
                    errors.append(unknownField(key, at: path, names: keys))
                    continue
                }
                var sub = present[key]
                if sub == nil, case .list = value, Self.matcherKind(table[key]!) == nil { sub = .array([]) }
                check(table[key]!, sub, value, join(path, key))
            }
        case .list(let item):
            checkList(expected, actual, item, path)
        }
    }

    mutating func checkList(_ expected: LuaValue, _ actual: JSONValue?, _ item: PlanShape, _ path: String) {
        let items: [JSONValue]
        switch actual {
        case .array(let a)?: items = a
        default: items = []
        }
        switch expected {
        case .array(let wanted):
            checkExact(wanted, items, item, path)
        case .table(let t) where t.isEmpty:
            if !items.isEmpty { failures.append(say("\(path): expected an empty list, got \(items.count) item\(items.count == 1 ? "" : "s"): \(summaries(items, item, pattern: nil, path))")) }
        case .table(let t):
            let unknown = t.keys.filter { !Self.listChecks.contains($0) }.sorted()
            if !unknown.isEmpty {
                for key in unknown {
                    errors.append("\(label(path)): \(path) is a list; '\(key)' is not a list check. Use includes, excludes, count or every, or a plain list { … } for the exact items" + didYouMean(key, Self.listChecks))
                }
                return
            }
            if let includes = t["includes"] {
                for pattern in patterns(includes, item) { checkIncludes(pattern, items, item, path) }
            }
            if let excludes = t["excludes"] {
                for pattern in patterns(excludes, item) { checkExcludes(pattern, items, item, path) }
            }
            if let count = t["count"] { checkCount(count, items.count, path) }
            if let every = t["every"] { checkEvery(every, items, item, path) }
        default:
            errors.append("\(label(path)): \(path) is a list; expect { includes = … }, { excludes = … }, { count = n }, { every = … } or a plain list, not \(Self.lua(expected))")
        }
    }

    /// `includes = x` names one item unless x is a plain list of items.
    func patterns(_ value: LuaValue, _ item: PlanShape) -> [LuaValue] {
        if case .array(let list) = value { return list }
        return [value]
    }

    mutating func checkIncludes(_ pattern: LuaValue, _ items: [JSONValue], _ item: PlanShape, _ path: String) {
        guard quiet || validate(pattern, item, path + "[]") else { return }
        var closest: (index: Int, failures: Int)?
        for (i, a) in items.enumerated() {
            let result = test(pattern, a, item, "\(path)[\(i + 1)]")
            if result.isEmpty { return }
            if closest == nil || result.count < closest!.failures { closest = (i, result.count) }
        }
        if quiet { failures.append(say("")); return }
        if items.isEmpty {
            failures.append(say("\(path): expected an item matching \(Self.lua(pattern)), but the list is empty"))
        } else if case .scalar = item {
            failures.append(say("\(path): expected an item matching \(Self.lua(pattern)), got \(Self.show(.array(items)))"))
        } else if let closest {
            let differences = test(pattern, items[closest.index], item, "\(path)[\(closest.index + 1)]", quiet: false)
            failures.append(say("\(path): expected an item matching \(Self.lua(pattern)), found none among \(items.count); closest is \(path)[\(closest.index + 1)] \(summary(items[closest.index], item, pattern: pattern)): "
                            + differences.joined(separator: "; ")))
        }
    }

    mutating func checkExcludes(_ pattern: LuaValue, _ items: [JSONValue], _ item: PlanShape, _ path: String) {
        guard quiet || validate(pattern, item, path + "[]") else { return }
        let found = items.indices.filter { test(pattern, items[$0], item, "\(path)[\($0 + 1)]").isEmpty }
        guard let first = found.first else { return }
        let more = found.count > 1 ? " and \(found.count - 1) more" : ""
        failures.append(say("\(path): expected no item matching \(Self.lua(pattern)), found \(path)[\(first + 1)] \(summary(items[first], item, pattern: pattern))\(more)"))
    }

    mutating func checkEvery(_ pattern: LuaValue, _ items: [JSONValue], _ item: PlanShape, _ path: String) {
        guard quiet || validate(pattern, item, path + "[]") else { return }
        for (i, a) in items.enumerated() {
            let result = test(pattern, a, item, "\(path)[\(i + 1)]")
            if !result.isEmpty {
                let differences = quiet ? [] : test(pattern, a, item, "\(path)[\(i + 1)]", quiet: false)
                failures.append(say("\(path): expected every item to match \(Self.lua(pattern)); \(path)[\(i + 1)] \(summary(a, item, pattern: pattern)) does not: " + differences.joined(separator: "; ")))
                return
            }
        }
    }

    mutating func checkCount(_ expected: LuaValue, _ count: Int, _ path: String) {
        if let n = expected.intValue {
            if n != count { failures.append(say("\(path): expected \(n) item\(n == 1 ? "" : "s"), got \(count)")) }
            return
        }
        if Self.matcherKind(expected) != nil {
            var sub = Matcher(runtime: runtime)
            sub.quiet = quiet
            sub.check(expected, .int(count), .scalar(values: nil), "\(path) count")
            errors += sub.errors
            if !sub.failures.isEmpty { failures.append(contentsOf: sub.failures.map { $0.replacingOccurrences(of: "\(path) count: expected ", with: "\(path): expected a count ") }) }
            return
        }
        errors.append("\(label(path)): count must be a whole number or is.between(a, b), found \(Self.lua(expected))")
    }

    /// A plain list: the same number of items, each expected item matching a different actual one, in any order.
    mutating func checkExact(_ wanted: [LuaValue], _ items: [JSONValue], _ item: PlanShape, _ path: String) {
        var valid = true
        if !quiet { for pattern in wanted where !validate(pattern, item, path + "[]") { valid = false } }
        guard valid else { return }
        var ok = [[Bool]](repeating: [Bool](repeating: false, count: items.count), count: wanted.count)
        for (i, pattern) in wanted.enumerated() {
            for (j, a) in items.enumerated() { ok[i][j] = test(pattern, a, item, path).isEmpty }
        }
        var owner = [Int?](repeating: nil, count: items.count)
        func augment(_ i: Int, _ seen: inout [Bool]) -> Bool {
            for j in items.indices where ok[i][j] && !seen[j] {
                seen[j] = true
                if owner[j] == nil || augment(owner[j]!, &seen) { owner[j] = i; return true }
            }
            return false
        }
        var matched = 0
        for i in wanted.indices {
            var seen = [Bool](repeating: false, count: items.count)
            if augment(i, &seen) { matched += 1 }
        }
        if matched == wanted.count && wanted.count == items.count { return }
        let missing = wanted.indices.filter { i in !owner.contains(i) }.map { Self.lua(wanted[$0]) }
        let extra = items.indices.filter { owner[$0] == nil }.map { summary(items[$0], item, pattern: wanted.first) }
        var line = "\(path): expected exactly \(Self.luaList(wanted)) (in any order), got \(items.isEmpty ? "an empty list" : summaries(items, item, pattern: wanted.first, path))"
        if !missing.isEmpty { line += "; missing \(missing.joined(separator: ", "))" }
        if !extra.isEmpty { line += "; unexpected \(extra.joined(separator: ", "))" }
        failures.append(say(line))
    }

    // MARK: Matchers (`is.…`)

    mutating func checkMatcher(_ kind: String, _ m: LuaValue, _ actual: JSONValue?, _ shape: PlanShape, _ path: String) {
        let isNull = actual == nil || actual == .null
        switch kind {
        case "present":
            if isNull { failures.append(say("\(path): expected a value (is.present), got nil")) }
        case "absent":
            if !isNull { failures.append(say("\(path): expected nothing (is.absent), got \(Self.show(actual))")) }
        case "between":
            guard case .scalar = shape else {
                errors.append("\(label(path)): is.between compares numbers, but \(path) is \(shape.kindName)" + (isList(shape) ? "; use { count = is.between(a, b) }" : ""))
                return
            }
            let low = m["low"].doubleValue, high = m["high"].doubleValue
            let words = Self.rangeWords(m)
            guard let n = Self.number(actual) else {
                failures.append(say("\(path): expected a number \(words), got \(Self.show(actual))"))
                return
            }
            if let low, n < low { failures.append(say("\(path): expected \(words), got \(Self.show(actual))")) }
            else if let high, n > high { failures.append(say("\(path): expected \(words), got \(Self.show(actual))")) }
        case "one_of", "all_of":
            guard let options = m["options"].arrayValue, !options.isEmpty else {
                errors.append("\(label(path)): is.\(kind) needs at least one option")
                return
            }
            if !quiet { for option in options where !validate(option, shape, path) { return } }
            let passing = options.filter { test($0, actual, shape, path).isEmpty }.count
            if kind == "one_of", passing == 0 {
                failures.append(say("\(path): expected one of \(options.map(Self.lua).joined(separator: ", ")), got \(Self.show(actual))"))
            } else if kind == "all_of", passing < options.count {
                let failing = options.first { !test($0, actual, shape, path).isEmpty }!
                failures.append(say("\(path): expected all of \(options.map(Self.lua).joined(separator: ", ")), got \(Self.show(actual)), which is not \(Self.lua(failing))"))
            }
        case "no":
            let inner = m["expected"]
            guard quiet || validate(inner, shape, path) else { return }
            if test(inner, actual, shape, path).isEmpty {
                failures.append(say("\(path): expected anything but \(Self.lua(inner)), got \(Self.show(actual))"))
            }
        case "containing":
            let text = m["text"].stringValue ?? ""
            guard case .string(let s)? = actual, s.contains(text) else {
                failures.append(say("\(path): expected text containing \(Self.lua(.string(text))), got \(Self.show(actual))"))
                return
            }
        case "matches", "satisfying":
            if validating { return }
            guard case .function(let f) = m["test"], let runtime else {
                errors.append("\(label(path)): is.\(kind) has lost its function")
                return
            }
            let argument = actual.map(Self.luaValue) ?? .nil
            do {
                let result = try runtime.call(f, [argument]).first ?? .nil
                if result == .nil || result == .boolean(false) {
                    let what = kind == "matches" ? "a string matching the pattern \(Self.lua(m["pattern"]))" : (m["description"].stringValue ?? "a value the function accepts")
                    failures.append(say("\(path): expected \(what), got \(Self.show(actual))"))
                }
            } catch {
                errors.append("\(label(path)): is.\(kind) failed: \(error)")
            }
        default:
            errors.append("\(label(path)): unknown matcher is.\(kind)")
        }
    }

    // MARK: Helpers

    /// Records errors in `pattern` (checked against a missing value) and says whether there were none.
    mutating func validate(_ pattern: LuaValue, _ shape: PlanShape, _ path: String) -> Bool {
        var sub = Matcher(runtime: nil)
        sub.validating = true
        sub.check(pattern, nil, shape, path)
        for e in sub.errors where !errors.contains(e) { errors.append(e) }
        return sub.errors.isEmpty
    }

    /// While validating, matchers that call Lua are not run.
    var validating = false

    /// The failures of `expected` against one value, for trying items.
    func test(_ expected: LuaValue, _ actual: JSONValue?, _ shape: PlanShape, _ path: String, quiet: Bool = true) -> [String] {
        var sub = Matcher(runtime: runtime)
        sub.validating = validating
        sub.quiet = quiet
        sub.check(expected, actual, shape, path)
        return sub.failures + sub.errors
    }

    func label(_ path: String) -> String { "expect.\(path)" }

    func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func isList(_ shape: PlanShape) -> Bool { if case .list = shape { true } else { false } }

    func unknownField(_ key: String, at path: String, names: [String]) -> String {
        let place = path.isEmpty ? "at the top of the plan" : "in \(path)"
        return "\(label(join(path, key))): the plan has no field '\(key)' \(place); the fields there are \(names.joined(separator: ", "))"
            + didYouMean(key, names)
    }

    /// An item shown by the fields that identify it and those the pattern names: `{partner = "marac", kind = "marac", status = "ready"}`.
    func summary(_ value: JSONValue, _ shape: PlanShape, pattern: LuaValue?) -> String {
        guard case .object(let fields) = value else { return Self.show(value) }
        var keys = ["id", "partner"].filter { fields[$0] != nil }
        if keys.isEmpty, fields["name"] != nil { keys = ["name"] }
        for key in (pattern?.tableValue?.keys.sorted() ?? []) where !keys.contains(key) && Self.matcherKind(pattern ?? .nil) == nil {
            keys.append(key)
        }
        if fields["status"] != nil, !keys.contains("status") { keys.append("status") }
        if keys.isEmpty { keys = ["name", "rule"].filter { fields[$0] != nil } }
        return "{" + keys.map { "\($0) = \(Self.show(fields[$0], limit: 60))" }.joined(separator: ", ") + "}"
    }

    func summaries(_ items: [JSONValue], _ shape: PlanShape, pattern: LuaValue?, _ path: String) -> String {
        let shown = items.prefix(6).map { summary($0, shape, pattern: pattern) }
        return "{" + shown.joined(separator: ", ") + (items.count > 6 ? ", … \(items.count - 6) more" : "") + "}"
    }

    /// The `__is` name of a matcher table, or nil.
    static func matcherKind(_ value: LuaValue) -> String? {
        if case .table(let t) = value, case .string(let kind)? = t["__is"] { return kind }
        return nil
    }

    static func isScalar(_ value: LuaValue) -> Bool {
        switch value {
        case .boolean, .integer, .number, .string: true
        default: false
        }
    }

    static func number(_ value: JSONValue?) -> Double? {
        switch value {
        case .int(let i)?: Double(i)
        case .double(let d)?: d
        default: nil
        }
    }

    static func scalarEquals(_ expected: LuaValue, _ actual: JSONValue?) -> Bool {
        switch (expected, actual) {
        case (.boolean(let a), .bool(let b)?): a == b
        case (.string(let a), .string(let b)?): a == b
        case (.integer, _), (.number, _): expected.doubleValue != nil && expected.doubleValue == number(actual)
        default: false
        }
    }

    static func rangeWords(_ m: LuaValue) -> String {
        switch (m["low"], m["high"]) {
        case (.nil, let high): "at most \(lua(high))"
        case (let low, .nil): "at least \(lua(low))"
        case (let low, let high): "between \(lua(low)) and \(lua(high))"
        }
    }

    /// A JSON value as Lua would write it; `nil` when missing.
    static func show(_ value: JSONValue?, limit: Int = 160) -> String {
        guard let value else { return "nil" }
        var text: String
        switch value {
        case .null: text = "nil"
        case .bool(let b): text = b ? "true" : "false"
        case .int(let i): text = String(i)
        case .double(let d): text = d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
        case .string(let s): text = quote(s)
        case .array(let items): text = "{" + items.map { show($0, limit: limit) }.joined(separator: ", ") + "}"
        case .object(let fields): text = "{" + fields.keys.sorted().map { "\($0) = \(show(fields[$0], limit: limit))" }.joined(separator: ", ") + "}"
        }
        if text.count > limit { text = String(text.prefix(limit - 1)) + "…" }
        return text
    }

    /// A Lua value as Lua would write it; matchers as the `is.…` call that made them.
    static func lua(_ value: LuaValue) -> String {
        if let kind = matcherKind(value) {
            switch kind {
            case "present", "absent": return "is.\(kind)"
            case "between": return "is.\(value["low"] == .nil ? "at_most" : value["high"] == .nil ? "at_least" : "between")(" + [value["low"], value["high"]].filter { $0 != .nil }.map(lua).joined(separator: ", ") + ")"
            case "one_of", "all_of": return "is.\(kind) " + luaList(value["options"].arrayValue ?? [])
            case "no": return "is.no(\(lua(value["expected"])))"
            case "matches": return "is.matches(\(lua(value["pattern"])))"
            case "containing": return "is.containing(\(lua(value["text"])))"
            case "satisfying": return "is.satisfying(\(lua(value["description"])))"
            default: return "is.\(kind)"
            }
        }
        switch value {
        case .nil: return "nil"
        case .boolean(let b): return b ? "true" : "false"
        case .integer(let i): return String(i)
        case .number(let d): return d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
        case .string(let s): return quote(s)
        case .array(let items): return luaList(items)
        case .table(let fields): return "{" + fields.keys.sorted().map { "\($0) = \(lua(fields[$0]!))" }.joined(separator: ", ") + "}"
        case .function: return "a function"
        }
    }

    static func luaList(_ items: [LuaValue]) -> String { "{" + items.map(lua).joined(separator: ", ") + "}" }

    static func quote(_ s: String) -> String {
        var out = "\""
        out.reserveCapacity(s.utf8.count + 2)
        for c in s.unicodeScalars {
            switch c {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(c)
            }
        }
        return out + "\""
    }

    /// A JSON value as a Lua value, for matchers written in Lua.
    static func luaValue(_ value: JSONValue) -> LuaValue {
        switch value {
        case .null: .nil
        case .bool(let b): .boolean(b)
        case .int(let i): .integer(Int64(i))
        case .double(let d): .number(d)
        case .string(let s): .string(s)
        case .array(let a): .array(a.map(luaValue))
        case .object(let o): .table(o.mapValues(luaValue))
        }
    }
}
