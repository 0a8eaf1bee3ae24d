/// Decodes Swift `Decodable` values from Lua values, with errors that name the field path the way a
/// Lua author writes it: `partners[3].phone: expected a string, found a number`.
public struct LuaDecoder {
    /// Whether keys in a table that the type does not know are errors (likely typos).
    public var rejectUnknownKeys: Bool
    /// Information for `init(from:)` implementations.
    public var userInfo: [CodingUserInfoKey: any Sendable] = [:]

    public init(rejectUnknownKeys: Bool = false) { self.rejectUnknownKeys = rejectUnknownKeys }

    /// Decodes `type` from `value`.
    /// - Throws: `LuaError` of kind `.conversion` whose message starts with the field path.
    public func decode<T: Decodable>(_ type: T.Type, from value: LuaValue) throws(LuaError) -> T {
        let tracker = rejectUnknownKeys ? KeyTracker() : nil
        do {
            let result = try T(from: LuaValueDecoding(value: value, codingPath: [], options: self, tracker: tracker))
            if let problem = tracker?.firstUnknown() { throw LuaError(kind: .conversion, message: problem) }
            return result
        } catch let error as LuaError {
            throw error
        } catch let error as DecodingError {
            throw LuaDecoder.describe(error)
        } catch {
            throw LuaError(kind: .conversion, message: "\(error)")
        }
    }

    /// A field path as a Lua author writes it: `partners[3].phone` (lists count from 1).
    public static func path(_ codingPath: [any CodingKey]) -> String {
        var out = ""
        for key in codingPath {
            if let index = key.intValue, key.stringValue.hasPrefix("Index ") || key is IndexKey {
                out += "[\(index + 1)]"
            } else {
                out += out.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return out
    }

    static func describe(_ error: DecodingError) -> LuaError {
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            let path = path(context.codingPath)
            return LuaError(kind: .conversion, message: path.isEmpty ? context.debugDescription : "\(path): \(context.debugDescription)")
        case .keyNotFound(let key, let context):
            let path = path(context.codingPath + [key])
            return LuaError(kind: .conversion, message: "\(path): missing (a required field)")
        @unknown default:
            return LuaError(kind: .conversion, message: "\(error)")
        }
    }
}

struct IndexKey: CodingKey {
    var stringValue: String { "Index \(index)" }
    var intValue: Int? { index }
    let index: Int
    init(_ index: Int) { self.index = index }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { index = intValue }
}

/// Records which keys of each table a type asked for, to find the ones nobody asked for (likely typos).
final class KeyTracker {
    var probed: [String: Set<String>] = [:]
    var present: [String: [String]] = [:]
    var order: [String] = []

    func container(_ path: String, keys: [String]) {
        if present[path] == nil { order.append(path) }
        present[path] = keys
    }
    func probe(_ path: String, _ key: String) { probed[path, default: []].insert(key) }

    func firstUnknown() -> String? {
        for path in order {
            let known = probed[path] ?? []
            guard !known.isEmpty else { continue }
            for key in (present[path] ?? []).sorted() where !known.contains(key) {
                let field = path.isEmpty ? key : "\(path).\(key)"
                return "\(field): unknown field (known fields here: \(known.sorted().joined(separator: ", ")))"
            }
        }
        return nil
    }
}

struct LuaValueDecoding: Decoder {
    let value: LuaValue
    let codingPath: [any CodingKey]
    let options: LuaDecoder
    var tracker: KeyTracker? = nil
    var userInfo: [CodingUserInfoKey: Any] { options.userInfo }

    func mismatch(_ expected: String) -> DecodingError {
        .typeMismatch(Any.self, .init(codingPath: codingPath, debugDescription: "expected \(expected), found \(value.found)"))
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard let fields = value.tableValue else { throw mismatch("a table") }
        let path = LuaDecoder.path(codingPath)
        tracker?.container(path, keys: Array(fields.keys))
        return KeyedDecodingContainer(KeyedLuaContainer<Key>(fields: fields, codingPath: codingPath, options: options,
                                                             tracker: tracker, path: path))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard let items = value.arrayValue else { throw mismatch("a list") }
        return UnkeyedLuaContainer(items: items, codingPath: codingPath, options: options, tracker: tracker)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { SingleLuaContainer(decoder: self) }
}

struct KeyedLuaContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let fields: [String: LuaValue]
    let codingPath: [any CodingKey]
    let options: LuaDecoder
    var allKeys: [Key] { fields.keys.compactMap { Key(stringValue: $0) } }

    let tracker: KeyTracker?
    let path: String

    func contains(_ key: Key) -> Bool {
        tracker?.probe(path, key.stringValue)
        return fields[key.stringValue] != nil && fields[key.stringValue] != .nil
    }
    func decodeNil(forKey key: Key) throws -> Bool { (fields[key.stringValue] ?? .nil) == .nil }

    func decoder(for key: Key) throws -> LuaValueDecoding {
        tracker?.probe(path, key.stringValue)
        guard let value = fields[key.stringValue], value != .nil else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "missing"))
        }
        return LuaValueDecoding(value: value, codingPath: codingPath + [key], options: options, tracker: tracker)
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try T(from: decoder(for: key)) }
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard contains(key) else { return nil }
        return try T(from: decoder(for: key))
    }
    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try decoder(for: key).container(keyedBy: type)
    }
    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer { try decoder(for: key).unkeyedContainer() }
    func superDecoder() throws -> any Decoder {
        LuaValueDecoding(value: .table(fields), codingPath: codingPath, options: options, tracker: tracker)
    }
    func superDecoder(forKey key: Key) throws -> any Decoder { try decoder(for: key) }
}

struct UnkeyedLuaContainer: UnkeyedDecodingContainer {
    let items: [LuaValue]
    let codingPath: [any CodingKey]
    let options: LuaDecoder
    let tracker: KeyTracker?
    var currentIndex = 0
    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    mutating func next() throws -> LuaValueDecoding {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(Any.self, .init(codingPath: codingPath, debugDescription: "the list has only \(items.count) items"))
        }
        defer { currentIndex += 1 }
        return LuaValueDecoding(value: items[currentIndex], codingPath: codingPath + [IndexKey(currentIndex)],
                                options: options, tracker: tracker)
    }

    mutating func decodeNil() throws -> Bool {
        if !isAtEnd, items[currentIndex] == .nil { currentIndex += 1; return true }
        return false
    }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try T(from: next()) }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try next().container(keyedBy: type)
    }
    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { try next().unkeyedContainer() }
    mutating func superDecoder() throws -> any Decoder { try next() }
}

struct SingleLuaContainer: SingleValueDecodingContainer {
    let decoder: LuaValueDecoding
    var codingPath: [any CodingKey] { decoder.codingPath }
    var value: LuaValue { decoder.value }

    func decodeNil() -> Bool { value == .nil }
    func decode(_ type: Bool.Type) throws -> Bool {
        guard let b = value.boolValue else { throw decoder.mismatch("true or false") }
        return b
    }
    func decode(_ type: String.Type) throws -> String {
        guard let s = value.stringValue else { throw decoder.mismatch("a string") }
        return s
    }
    func decode(_ type: Double.Type) throws -> Double {
        guard let d = value.doubleValue else { throw decoder.mismatch("a number") }
        return d
    }
    func decode(_ type: Float.Type) throws -> Float { Float(try decode(Double.self)) }
    func integer<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        guard let i = value.intValue, let v = T(exactly: i) else { throw decoder.mismatch("an integer") }
        return v
    }
    func decode(_ type: Int.Type) throws -> Int { try integer(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try integer(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try integer(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try integer(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try integer(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try integer(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(type) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        if T.self == LuaValue.self, let v = value as? T { return v }
        return try T(from: decoder)
    }
}
