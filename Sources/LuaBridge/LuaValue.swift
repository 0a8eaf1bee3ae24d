/// A Lua value as the host sees it: the plain data a plugin, a scenario or an import script hands over.
///
/// Tables become `.array` when their keys are exactly 1…n, otherwise `.table` with string keys
/// (integer keys of a mixed table are written as strings). An empty table is `.table([:])`.
public enum LuaValue: Equatable, CustomStringConvertible {
    case `nil`
    case boolean(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([LuaValue])
    case table([String: LuaValue])
    /// A Lua function held by the runtime that produced it.
    case function(LuaFunction)

    /// The Lua type name, as Lua's `type()` says it (`"nil"`, `"boolean"`, `"number"`, `"string"`, `"table"`, `"function"`).
    public var typeName: String {
        switch self {
        case .nil: "nil"
        case .boolean: "boolean"
        case .integer, .number: "number"
        case .string: "string"
        case .array, .table: "table"
        case .function: "function"
        }
    }

    /// A short description used in error messages: the type, and the value when it is short.
    public var found: String {
        switch self {
        case .nil: "nil"
        case .boolean(let b): "\(b)"
        case .integer(let i): "\(i)"
        case .number(let d): "\(d)"
        case .string(let s): s.count <= 40 ? "\"\(s)\"" : "a string of \(s.count) characters"
        case .array(let a): a.isEmpty ? "an empty table" : "a list of \(a.count)"
        case .table(let t): t.isEmpty ? "an empty table" : "a table"
        case .function: "a function"
        }
    }

    public var description: String { (try? jsonString(pretty: false)) ?? found }

    /// The value's string, if it is one.
    public var stringValue: String? { if case .string(let s) = self { s } else { nil } }
    /// The value as an integer, if it is an integer or a float with an integral value.
    public var intValue: Int? {
        switch self {
        case .integer(let i): Int(exactly: i)
        case .number(let d): Int(exactly: d)
        default: nil
        }
    }
    /// The value as a double, if it is a number.
    public var doubleValue: Double? {
        switch self {
        case .integer(let i): Double(i)
        case .number(let d): d
        default: nil
        }
    }
    /// The value's boolean, if it is one.
    public var boolValue: Bool? { if case .boolean(let b) = self { b } else { nil } }
    /// The fields of a string-keyed table (an empty table counts).
    public var tableValue: [String: LuaValue]? {
        switch self {
        case .table(let t): t
        case .array(let a) where a.isEmpty: [:]
        default: nil
        }
    }
    /// The items of a list (an empty table counts).
    public var arrayValue: [LuaValue]? {
        switch self {
        case .array(let a): a
        case .table(let t) where t.isEmpty: []
        default: nil
        }
    }
    /// The field `key` of a table, or `.nil`.
    public subscript(key: String) -> LuaValue {
        if case .table(let t) = self { return t[key] ?? .nil }
        return .nil
    }

    public static func == (lhs: LuaValue, rhs: LuaValue) -> Bool {
        switch (lhs, rhs) {
        case (.nil, .nil): true
        case (.boolean(let a), .boolean(let b)): a == b
        case (.integer(let a), .integer(let b)): a == b
        case (.number(let a), .number(let b)): a == b
        case (.integer(let a), .number(let b)), (.number(let b), .integer(let a)): Double(a) == b
        case (.string(let a), .string(let b)): a == b
        case (.array(let a), .array(let b)): a == b
        case (.table(let a), .table(let b)): a == b
        case (.array(let a), .table(let b)), (.table(let b), .array(let a)): a.isEmpty && b.isEmpty
        case (.function(let a), .function(let b)): a === b
        default: false
        }
    }
}

extension LuaValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    public init(nilLiteral: ()) { self = .nil }
    public init(booleanLiteral value: Bool) { self = .boolean(value) }
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: LuaValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, LuaValue)...) {
        self = .table(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}

extension LuaValue {
    /// JSON text for the value: object keys sorted, integers kept as integers.
    /// - Throws: `LuaError` of kind `.conversion` for functions, NaN and infinities, which JSON cannot hold.
    public func jsonString(pretty: Bool = true) throws -> String {
        var out = ""
        try writeJSON(into: &out, indent: pretty ? 0 : nil, path: "")
        return out
    }

    private func writeJSON(into out: inout String, indent: Int?, path: String) throws {
        let newline = indent.map { "\n" + String(repeating: "  ", count: $0 + 1) } ?? ""
        let close = indent.map { "\n" + String(repeating: "  ", count: $0) } ?? ""
        let next = indent.map { $0 + 1 }
        switch self {
        case .nil: out += "null"
        case .boolean(let b): out += b ? "true" : "false"
        case .integer(let i): out += String(i)
        case .number(let d):
            guard d.isFinite else {
                throw LuaError(kind: .conversion, message: "\(path.isEmpty ? "value" : path): \(d) cannot be written as JSON")
            }
            if d == d.rounded(), abs(d) < 1e15 { out += String(Int64(d)) + ".0" } else { out += String(d) }
        case .string(let s): LuaValue.writeJSONString(s, into: &out)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                out += newline
                try item.writeJSON(into: &out, indent: next, path: "\(path)[\(i + 1)]")
            }
            out += close + "]"
        case .table(let fields):
            if fields.isEmpty { out += "{}"; return }
            out += "{"
            for (i, key) in fields.keys.sorted().enumerated() {
                if i > 0 { out += "," }
                out += newline
                LuaValue.writeJSONString(key, into: &out)
                out += indent == nil ? ":" : ": "
                try fields[key]!.writeJSON(into: &out, indent: next, path: path.isEmpty ? key : "\(path).\(key)")
            }
            out += close + "}"
        case .function:
            throw LuaError(kind: .conversion, message: "\(path.isEmpty ? "value" : path): a function cannot be written as JSON")
        }
    }

    static func writeJSONString(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                    + String(scalar.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
