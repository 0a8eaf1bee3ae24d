import HearthCore
import LuaBridge

/// The shape a value must have, checked before anything is decoded so that every problem is reported at once.
indirect enum Schema: Sendable {
    case string
    case integer(ClosedRange<Int>)
    case boolean
    /// `YYYY-MM-DD` (or `YYYY-MM` when `monthAllowed`).
    case date(monthAllowed: Bool)
    case oneOf([String])
    case list(Schema)
    case record([String: Field])
    /// A table with any string keys, each value of the given shape.
    case map(Schema)
    /// The first alternative that fits; `expected` says what was wanted.
    case either([Schema], expected: String)
    /// A value, or a list of such values.
    case oneOrList(Schema)
    case function

    struct Field: Sendable {
        var schema: Schema
        var required: Bool
        static func req(_ s: Schema) -> Field { Field(schema: s, required: true) }
        static func opt(_ s: Schema) -> Field { Field(schema: s, required: false) }
    }

    var expected: String {
        switch self {
        case .string: "a string"
        case .integer(let r): r.upperBound >= Int.max / 2 ? "an integer of \(r.lowerBound) or more" : "an integer from \(r.lowerBound) to \(r.upperBound)"
        case .boolean: "true or false"
        case .date(let month): month ? "a date \"YYYY-MM-DD\" or month \"YYYY-MM\"" : "a date \"YYYY-MM-DD\""
        case .oneOf(let values): "one of " + values.map { "\"\($0)\"" }.joined(separator: ", ")
        case .list: "a list"
        case .record: "a table"
        case .map: "a table"
        case .either(_, let expected): expected
        case .oneOrList(let s): "\(s.expected), or a list of them"
        case .function: "a function"
        }
    }
}

/// One problem with a plugin, at a field path, with its place in the source when known.
public struct PluginProblem: Sendable, Hashable, CustomStringConvertible {
    /// The file and line, e.g. `plugins/eastleigh/init.lua:42`, when known.
    public var location: String?
    /// The field path, e.g. `risk.marac_threshold`; empty for the whole file.
    public var path: String
    /// What is wrong, and what was expected.
    public var message: String

    public init(location: String?, path: String, message: String) {
        self.location = location
        self.path = path
        self.message = message
    }

    /// `plugins/eastleigh/init.lua:42: risk.marac_threshold: expected an integer from 1 to 24, found "14"`.
    public var description: String {
        var out = location.map { "\($0): " } ?? ""
        if !path.isEmpty { out += "\(path): " }
        return out + message
    }
}

struct SchemaValidator {
    var problems: [(path: String, message: String)] = []

    mutating func check(_ value: LuaValue, _ schema: Schema, _ path: String) {
        switch schema {
        case .string:
            guard case .string = value else { return mismatch(value, schema, path) }
        case .integer(let range):
            guard let i = value.intValue, case .integer = value.integerOrSelf else { return mismatch(value, schema, path) }
            if !range.contains(i) { mismatch(value, schema, path) }
        case .boolean:
            guard case .boolean = value else { return mismatch(value, schema, path) }
        case .date(let monthAllowed):
            guard let s = value.stringValue else { return mismatch(value, schema, path) }
            let isDate = LocalDate.parse(s) != nil
            let isMonth = monthAllowed && s.count == 7 && LocalDate.parse(s + "-01") != nil
            if !(isDate || isMonth) { mismatch(value, schema, path) }
        case .oneOf(let allowed):
            guard let s = value.stringValue, allowed.contains(s) else {
                if let s = value.stringValue, let near = Self.nearest(s, in: allowed) {
                    problems.append((path, "expected \(schema.expected), found \"\(s)\" (did you mean \"\(near)\"?)"))
                    return
                }
                return mismatch(value, schema, path)
            }
        case .list(let item):
            guard let items = value.arrayValue else { return mismatch(value, schema, path) }
            for (i, v) in items.enumerated() { check(v, item, "\(path)[\(i + 1)]") }
        case .record(let fields):
            guard let table = value.tableValue else { return mismatch(value, schema, path) }
            for key in table.keys.sorted() where fields[key] == nil {
                let known = fields.keys.sorted()
                var message = "unknown field"
                if let near = Self.nearest(key, in: known) { message += " (did you mean '\(near)'?)" }
                message += "; known fields: \(known.joined(separator: ", "))"
                problems.append((join(path, key), message))
            }
            for key in fields.keys.sorted() {
                let field = fields[key]!
                let v = table[key] ?? .nil
                if v == .nil {
                    if field.required { problems.append((join(path, key), "missing (required: \(field.schema.expected))")) }
                    continue
                }
                check(v, field.schema, join(path, key))
            }
        case .map(let item):
            guard let table = value.tableValue else { return mismatch(value, schema, path) }
            for key in table.keys.sorted() { check(table[key]!, item, join(path, key)) }
        case .either(let alternatives, _):
            for alternative in alternatives {
                var trial = SchemaValidator()
                trial.check(value, alternative, path)
                if trial.problems.isEmpty { return }
            }
            // report against the alternative of the same broad type, if any, else a plain mismatch
            if let same = alternatives.first(where: { $0.accepts(typeOf: value) }) {
                check(value, same, path)
            } else {
                mismatch(value, schema, path)
            }
        case .oneOrList(let item):
            if case .array = value { check(value, .list(item), path) } else { check(value, item, path) }
        case .function:
            guard case .function = value else { return mismatch(value, schema, path) }
        }
    }

    mutating func mismatch(_ value: LuaValue, _ schema: Schema, _ path: String) {
        problems.append((path, "expected \(schema.expected), found \(value.found)"))
    }

    func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// The closest known name within two edits, for "did you mean".
    static func nearest(_ word: String, in candidates: [String]) -> String? {
        var best: (String, Int)?
        for c in candidates {
            let d = distance(word.lowercased(), c.lowercased())
            if d <= 2, d < (best?.1 ?? Int.max) { best = (c, d) }
        }
        return best?.0
    }

    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var row = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = row
        }
        return previous[b.count]
    }
}

extension Schema {
    func accepts(typeOf value: LuaValue) -> Bool {
        switch (self, value) {
        case (.string, .string), (.oneOf, .string), (.date, .string), (.integer, .integer), (.integer, .number),
             (.boolean, .boolean), (.function, .function): true
        case (.record, .table), (.map, .table), (.list, .array): true
        default: false
        }
    }
}

extension LuaValue {
    /// Integral floats count as integers (`14.0`), other numbers do not.
    var integerOrSelf: LuaValue {
        if case .number(let d) = self, let i = Int64(exactly: d) { return .integer(i) }
        return self
    }
}

/// The plugin API's schemas, version 1.
enum PluginSchema {
    static func names<E: RawRepresentable & CaseIterable>(_ type: E.Type) -> [String] where E.RawValue == String {
        E.allCases.map(\.rawValue)
    }

    static let condition: Schema = .record([
        "risk": .opt(.oneOrList(.oneOf(names(RiskBand.self)))),
        "marac": .opt(.boolean),
        "area": .opt(.oneOrList(.string)),
        "channel": .opt(.oneOrList(.oneOf(names(Channel.self)))),
        "behaviours": .opt(.oneOrList(.oneOf(names(Behaviour.self)))),
        "threats": .opt(.oneOrList(.oneOf(names(Threat.self)))),
        "dash_yes": .opt(.oneOrList(.integer(1...24))),
        "children": .opt(.boolean), "child_victims": .opt(.boolean), "homeless": .opt(.boolean),
        "wishes": .opt(.oneOrList(.oneOf(names(HousingWish.self)))),
        "tenure": .opt(.oneOrList(.oneOf(names(Tenure.self)))),
        "victim_tenant": .opt(.boolean), "perpetrator_tenant": .opt(.boolean), "perpetrator_left": .opt(.boolean),
        "lives_with_victim": .opt(.boolean), "damage_leaves_unsafe": .opt(.boolean), "counter_allegation": .opt(.boolean),
        "immediate_danger": .opt(.boolean), "recourse_to_public_funds": .opt(.boolean), "has_capacity": .opt(.boolean),
        "within_act": .opt(.boolean),
        "handoff": .opt(.oneOrList(.oneOf(names(HandoffConsent.self)))),
        "consent_given": .opt(.oneOrList(.string)),
    ])

    static let score: Schema = .integer(1...24)

    static let risk: Schema = .record([
        "marac_threshold": .req(.either([score, .record(["default": .req(score), "by_area": .opt(.map(score))])],
                                        expected: "an integer from 1 to 24, or { default = 14, by_area = { name = 17 } }")),
        "bands": .opt(.record(["medium": .req(score)])),
        "escalation": .opt(.record(["incidents": .req(.integer(1...100)), "window_months": .opt(.integer(1...60))])),
        "repeat_window_months": .opt(.integer(1...60)),
        "source": .opt(.string),
    ])

    static func item(_ fields: [String: Schema.Field]) -> Schema {
        var all = fields
        all["source"] = .opt(.string)
        return .list(.record(all))
    }

    static let plugin: Schema = .record([
        "risk": .req(risk),
        "deadlines": .opt(item([
            "id": .req(.string), "name": .req(.string),
            "within": .req(.either([
                .record(["hours": .req(.integer(1...8760))]),
                .record(["days": .req(.integer(1...3650))]),
                .record(["working_days": .req(.integer(1...365))]),
            ], expected: "{ hours = N }, { days = N } or { working_days = N }")),
            "from": .opt(.oneOf(names(DeadlineStart.self))), "when": .opt(condition),
        ])),
        "helplines": .opt(item([
            "name": .req(.string), "number": .opt(.string), "audience": .req(.oneOf(names(Audience.self))),
            "emergency": .opt(.boolean), "hours": .opt(.string), "notes": .opt(.string), "area": .opt(.string),
            "placeholder": .opt(.string), "outdated": .opt(.string),
        ])),
        "partners": .opt(item([
            "id": .req(.string), "name": .req(.string), "kind": .req(.oneOf(names(ReferralKind.self))),
            "area": .opt(.oneOrList(.string)), "contact": .opt(.string),
            "consent": .opt(.oneOf(names(PartnerConsentRule.self))), "basis": .opt(.oneOf(names(LawfulBasis.self))),
            "when": .opt(condition),
            "placeholder": .opt(.string), "outdated": .opt(.string), "notes": .opt(.string),
        ])),
        "security_measures": .opt(item([
            "id": .req(.string), "name": .req(.string), "when": .opt(condition), "funded_by": .opt(.string),
            "notes": .opt(.string), "placeholder": .opt(.string), "outdated": .opt(.string),
        ])),
        "housing_options": .opt(item([
            "id": .req(.string), "name": .req(.string), "when": .opt(condition), "notes": .opt(.string),
        ])),
        "perpetrator_options": .opt(item([
            "id": .req(.string), "name": .req(.string), "when": .opt(condition),
            "guard": .opt(.oneOf(names(PerpetratorGuard.self))), "notes": .opt(.string),
        ])),
        "closure_reasons": .opt(item(["id": .req(.string), "name": .req(.string)])),
        "retention": .opt(.record(["years": .req(.integer(1...100)), "after": .req(.string), "source": .opt(.string)])),
        "closure_days": .opt(.list(.date(monthAllowed: false))),
        "consent": .opt(.record(["handoff_declined": .opt(.string), "notes": .opt(.string), "source": .opt(.string)])),
        "hooks": .opt(.map(.function)),
        "identification": .opt(identification),
    ])

    static let manifest: Schema = .record([
        "id": .req(.string), "name": .req(.string), "organisation": .req(.string), "area": .opt(.string),
        "api": .req(.integer(1...Int.max / 4)), "version": .req(.string),
        "source": .req(.record(["title": .req(.string), "date": .opt(.date(monthAllowed: true)), "url": .opt(.string),
                                "file": .opt(.string), "notes": .opt(.string)])),
        "review": .opt(.record(["last": .opt(.date(monthAllowed: true)), "next": .opt(.date(monthAllowed: true)),
                                "cycle_years": .opt(.integer(1...10)), "notes": .opt(.string)])),
    ])
}
