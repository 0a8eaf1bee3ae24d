import HearthCore

/// Encodes a value straight to a `JSONValue` tree, as `JSONEncoder` would write it, without going through text.
///
/// Plans are matched against this tree: one encoding per decision. Optional fields that are `nil` are left out,
/// exactly as in `hearth decide --format json`.
struct JSONValueEncoder {
    /// Top-level keys to encode; nil for all. A scenario names a few sections of a plan, so only those are encoded.
    var onlyKeys: Set<String>?

    /// The value as a tree.
    func encode<T: Encodable>(_ value: T) throws -> JSONValue {
        let box = ValueBox()
        try value.encode(to: TreeEncoder(box: box, codingPath: [], onlyKeys: onlyKeys))
        return box.value
    }
}

/// Where an encoder writes its value: a scalar, or a container filled in later.
final class ValueBox {
    enum Content { case value(JSONValue), object(ObjectBox), array(ArrayBox) }
    var content: Content = .value(.null)

    var value: JSONValue {
        switch content {
        case .value(let v): v
        case .object(let o): .object(JSONObject(o.fields.mapValues(\.value)))
        case .array(let a): .array(a.items.map(\.value))
        }
    }
}

final class ObjectBox { var fields: [String: ValueBox] = [:] }
final class ArrayBox { var items: [ValueBox] = [] }

struct TreeEncoder: Encoder {
    let box: ValueBox
    var codingPath: [any CodingKey]
    /// Keys the first keyed container keeps (the others are not encoded at all); nil for all.
    var onlyKeys: Set<String>? = nil
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let object: ObjectBox
        if case .object(let existing) = box.content { object = existing } else {
            object = ObjectBox()
            box.content = .object(object)
        }
        return KeyedEncodingContainer(KeyedTree<Key>(object: object, codingPath: codingPath, onlyKeys: onlyKeys))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let array: ArrayBox
        if case .array(let existing) = box.content { array = existing } else {
            array = ArrayBox()
            box.content = .array(array)
        }
        return UnkeyedTree(array: array, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleTree(box: box, codingPath: codingPath) }
}

/// Encodes one value into a box: scalars directly, everything else through its own `encode(to:)`.
func encodeValue<T: Encodable>(_ value: T, into box: ValueBox, codingPath: [any CodingKey]) throws {
    switch value {
    case let s as String: box.content = .value(.string(s))
    case let b as Bool: box.content = .value(.bool(b))
    case let i as Int: box.content = .value(.int(i))
    case let d as Double: box.content = .value(.double(d))
    default: try value.encode(to: TreeEncoder(box: box, codingPath: codingPath))
    }
}

struct KeyedTree<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let object: ObjectBox
    var codingPath: [any CodingKey]
    var onlyKeys: Set<String>?

    /// Where the value for `key` goes; a box that is thrown away when the key is not wanted.
    func slot(_ key: Key) -> ValueBox {
        let box = ValueBox()
        if let onlyKeys, !onlyKeys.contains(key.stringValue) { return box }
        object.fields[key.stringValue] = box
        return box
    }

    mutating func encodeNil(forKey key: Key) throws { slot(key).content = .value(.null) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { slot(key).content = .value(.bool(value)) }
    mutating func encode(_ value: String, forKey key: Key) throws { slot(key).content = .value(.string(value)) }
    mutating func encode(_ value: Double, forKey key: Key) throws { slot(key).content = .value(.double(value)) }
    mutating func encode(_ value: Float, forKey key: Key) throws { slot(key).content = .value(.double(Double(value))) }
    mutating func encode(_ value: Int, forKey key: Key) throws { slot(key).content = .value(.int(value)) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { slot(key).content = .value(.int(Int(value))) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { slot(key).content = .value(.int(Int(value))) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { slot(key).content = .value(.int(Int(value))) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { slot(key).content = .value(.int(Int(value))) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { slot(key).content = .value(.int(Int(value))) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { slot(key).content = .value(.int(Int(value))) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { slot(key).content = .value(.int(Int(value))) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { slot(key).content = .value(.int(Int(value))) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { slot(key).content = .value(.int(Int(value))) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        if let onlyKeys, !onlyKeys.contains(key.stringValue) { return }
        try encodeValue(value, into: slot(key), codingPath: codingPath + [key])
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        TreeEncoder(box: slot(key), codingPath: codingPath + [key]).container(keyedBy: keyType)
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        TreeEncoder(box: slot(key), codingPath: codingPath + [key]).unkeyedContainer()
    }
    mutating func superEncoder() -> any Encoder {
        TreeEncoder(box: object.fields["super"] ?? ValueBox(), codingPath: codingPath)
    }
    mutating func superEncoder(forKey key: Key) -> any Encoder { TreeEncoder(box: slot(key), codingPath: codingPath + [key]) }
}

struct UnkeyedTree: UnkeyedEncodingContainer {
    let array: ArrayBox
    var codingPath: [any CodingKey]
    var count: Int { array.items.count }

    func next() -> ValueBox {
        let box = ValueBox()
        array.items.append(box)
        return box
    }

    mutating func encodeNil() throws { next().content = .value(.null) }
    mutating func encode(_ value: Bool) throws { next().content = .value(.bool(value)) }
    mutating func encode(_ value: String) throws { next().content = .value(.string(value)) }
    mutating func encode(_ value: Double) throws { next().content = .value(.double(value)) }
    mutating func encode(_ value: Int) throws { next().content = .value(.int(value)) }
    mutating func encode(_ value: Int64) throws { next().content = .value(.int(Int(value))) }
    mutating func encode<T: Encodable>(_ value: T) throws { try encodeValue(value, into: next(), codingPath: codingPath) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        TreeEncoder(box: next(), codingPath: codingPath).container(keyedBy: keyType)
    }
    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        TreeEncoder(box: next(), codingPath: codingPath).unkeyedContainer()
    }
    mutating func superEncoder() -> any Encoder { TreeEncoder(box: next(), codingPath: codingPath) }
}

struct SingleTree: SingleValueEncodingContainer {
    let box: ValueBox
    var codingPath: [any CodingKey]

    mutating func encodeNil() throws { box.content = .value(.null) }
    mutating func encode(_ value: Bool) throws { box.content = .value(.bool(value)) }
    mutating func encode(_ value: String) throws { box.content = .value(.string(value)) }
    mutating func encode(_ value: Double) throws { box.content = .value(.double(value)) }
    mutating func encode(_ value: Float) throws { box.content = .value(.double(Double(value))) }
    mutating func encode(_ value: Int) throws { box.content = .value(.int(value)) }
    mutating func encode(_ value: Int8) throws { box.content = .value(.int(Int(value))) }
    mutating func encode(_ value: Int16) throws { box.content = .value(.int(Int(value))) }
    mutating func encode(_ value: Int32) throws { box.content = .value(.int(Int(value))) }
    mutating func encode(_ value: Int64) throws { box.content = .value(.int(Int(value))) }
    mutating func encode(_ value: UInt) throws { box.content = .value(.int(Int(value))) }
    mutating func encode(_ value: UInt8) throws { box.content = .value(.int(Int(value))) }
    mutating func encode(_ value: UInt16) throws { box.content = .value(.int(Int(value))) }
    mutating func encode(_ value: UInt32) throws { box.content = .value(.int(Int(value))) }
    mutating func encode(_ value: UInt64) throws { box.content = .value(.int(Int(value))) }
    mutating func encode<T: Encodable>(_ value: T) throws { try encodeValue(value, into: box, codingPath: codingPath) }
}
