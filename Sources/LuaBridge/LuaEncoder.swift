/// Encodes Swift `Encodable` values as Lua values (structs become tables with their coding keys).
public struct LuaEncoder {
    public init() {}

    /// Encodes `value`; `nil` optionals are left out of tables.
    /// - Throws: `LuaError` of kind `.conversion` naming the field that could not be encoded.
    public func encode<T: Encodable>(_ value: T) throws(LuaError) -> LuaValue {
        if let v = value as? LuaValue { return v }
        let box = EncodedBox()
        do {
            try value.encode(to: LuaValueEncoding(box: box, codingPath: []))
        } catch let error as LuaError {
            throw error
        } catch {
            throw LuaError(kind: .conversion, message: "\(error)")
        }
        return box.resolve()
    }
}

/// A node being filled while encoding; resolved to a `LuaValue` at the end.
final class EncodedBox {
    enum Content { case empty, value(LuaValue), keyed([String: EncodedBox]), unkeyed([EncodedBox]) }
    var content: Content = .empty

    func resolve() -> LuaValue {
        switch content {
        case .empty: return .nil
        case .value(let v): return v
        case .keyed(let fields):
            var out: [String: LuaValue] = [:]
            out.reserveCapacity(fields.count)
            for (k, box) in fields {
                let v = box.resolve()
                if v != .nil { out[k] = v }
            }
            return .table(out)
        case .unkeyed(let items): return items.isEmpty ? .table([:]) : .array(items.map { $0.resolve() })
        }
    }
}

struct LuaValueEncoding: Encoder {
    let box: EncodedBox
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .keyed = box.content {} else { box.content = .keyed([:]) }
        return KeyedEncodingContainer(KeyedLuaEncoding<Key>(box: box, codingPath: codingPath))
    }
    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .unkeyed = box.content {} else { box.content = .unkeyed([]) }
        return UnkeyedLuaEncoding(box: box, codingPath: codingPath)
    }
    func singleValueContainer() -> any SingleValueEncodingContainer { SingleLuaEncoding(box: box, codingPath: codingPath) }
}

private func encodeChild<T: Encodable>(_ value: T, path: [any CodingKey]) throws -> EncodedBox {
    let child = EncodedBox()
    switch value {
    case let v as LuaValue: child.content = .value(v)
    case let v as String: child.content = .value(.string(v))
    case let v as Bool: child.content = .value(.boolean(v))
    case let v as Int: child.content = .value(.integer(Int64(v)))
    case let v as Double: child.content = .value(.number(v))
    default: try value.encode(to: LuaValueEncoding(box: child, codingPath: path))
    }
    return child
}

struct KeyedLuaEncoding<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let box: EncodedBox
    let codingPath: [any CodingKey]

    func set(_ key: Key, _ child: EncodedBox) {
        guard case .keyed(var fields) = box.content else { return }
        box.content = .empty
        fields[key.stringValue] = child
        box.content = .keyed(fields)
    }
    func set(_ key: Key, _ value: LuaValue) {
        let child = EncodedBox()
        child.content = .value(value)
        set(key, child)
    }
    mutating func encodeNil(forKey key: Key) throws {}
    mutating func encode(_ value: Bool, forKey key: Key) throws { set(key, .boolean(value)) }
    mutating func encode(_ value: String, forKey key: Key) throws { set(key, .string(value)) }
    mutating func encode(_ value: Double, forKey key: Key) throws { set(key, .number(value)) }
    mutating func encode(_ value: Float, forKey key: Key) throws { set(key, .number(Double(value))) }
    mutating func encode(_ value: Int, forKey key: Key) throws { set(key, .integer(Int64(value))) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { set(key, .integer(value)) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        set(key, try encodeChild(value, path: codingPath + [key]))
    }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let child = EncodedBox()
        set(key, child)
        return LuaValueEncoding(box: child, codingPath: codingPath + [key]).container(keyedBy: keyType)
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let child = EncodedBox()
        set(key, child)
        return LuaValueEncoding(box: child, codingPath: codingPath + [key]).unkeyedContainer()
    }
    mutating func superEncoder() -> any Encoder { LuaValueEncoding(box: box, codingPath: codingPath) }
    mutating func superEncoder(forKey key: Key) -> any Encoder {
        let child = EncodedBox()
        set(key, child)
        return LuaValueEncoding(box: child, codingPath: codingPath + [key])
    }
}

struct UnkeyedLuaEncoding: UnkeyedEncodingContainer {
    let box: EncodedBox
    let codingPath: [any CodingKey]
    var count: Int { if case .unkeyed(let items) = box.content { items.count } else { 0 } }

    func append(_ child: EncodedBox) {
        guard case .unkeyed(var items) = box.content else { return }
        box.content = .empty
        items.append(child)
        box.content = .unkeyed(items)
    }
    mutating func encodeNil() throws {
        let child = EncodedBox()
        child.content = .value(.nil)
        append(child)
    }
    mutating func encode<T: Encodable>(_ value: T) throws {
        append(try encodeChild(value, path: codingPath + [IndexKey(count)]))
    }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let child = EncodedBox()
        append(child)
        return LuaValueEncoding(box: child, codingPath: codingPath + [IndexKey(count - 1)]).container(keyedBy: keyType)
    }
    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let child = EncodedBox()
        append(child)
        return LuaValueEncoding(box: child, codingPath: codingPath + [IndexKey(count - 1)]).unkeyedContainer()
    }
    mutating func superEncoder() -> any Encoder {
        let child = EncodedBox()
        append(child)
        return LuaValueEncoding(box: child, codingPath: codingPath)
    }
}

struct SingleLuaEncoding: SingleValueEncodingContainer {
    let box: EncodedBox
    let codingPath: [any CodingKey]
    mutating func encodeNil() throws { box.content = .value(.nil) }
    mutating func encode(_ value: Bool) throws { box.content = .value(.boolean(value)) }
    mutating func encode(_ value: String) throws { box.content = .value(.string(value)) }
    mutating func encode(_ value: Double) throws { box.content = .value(.number(value)) }
    mutating func encode(_ value: Float) throws { box.content = .value(.number(Double(value))) }
    mutating func encode(_ value: Int) throws { box.content = .value(.integer(Int64(value))) }
    mutating func encode(_ value: Int8) throws { box.content = .value(.integer(Int64(value))) }
    mutating func encode(_ value: Int16) throws { box.content = .value(.integer(Int64(value))) }
    mutating func encode(_ value: Int32) throws { box.content = .value(.integer(Int64(value))) }
    mutating func encode(_ value: Int64) throws { box.content = .value(.integer(value)) }
    mutating func encode(_ value: UInt) throws { box.content = .value(.integer(Int64(value))) }
    mutating func encode(_ value: UInt8) throws { box.content = .value(.integer(Int64(value))) }
    mutating func encode(_ value: UInt16) throws { box.content = .value(.integer(Int64(value))) }
    mutating func encode(_ value: UInt32) throws { box.content = .value(.integer(Int64(value))) }
    mutating func encode(_ value: UInt64) throws {
        guard let v = Int64(exactly: value) else {
            throw LuaError(kind: .conversion, message: "\(LuaDecoder.path(codingPath)): \(value) does not fit a Lua integer")
        }
        box.content = .value(.integer(v))
    }
    mutating func encode<T: Encodable>(_ value: T) throws {
        let child = try encodeChild(value, path: codingPath)
        box.content = child.content
    }
}

