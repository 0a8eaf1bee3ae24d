import HearthCore

/// The shape of a plan's JSON: which fields exist at each level, which are lists, and which values an enum field
/// can take. Read from the `Plan` type itself, so an `expect` naming a field the plan does not have is caught even
/// when this particular plan leaves the field out or has an empty list there.
indirect enum PlanShape: Sendable {
    /// A string, number or boolean; `values` lists what an enum field can hold.
    case scalar(values: [String]?)
    /// An object with named fields.
    case object([String: PlanShape])
    /// A list of items of one shape.
    case list(PlanShape)
    /// A map from keys to values of one shape; `keys` are the keys that may appear.
    case map(PlanShape, keys: [String])

    /// The shape of `Plan`'s JSON, plus `perpetrator_view` (the part of a plan that may go to the perpetrator).
    static let plan: PlanShape = {
        var top = (try? ShapeProbe.shape(of: Plan.self)) ?? .object([:])
        if case .object(var fields) = top {
            if case .map(let value, _)? = fields["helplines"] {
                fields["helplines"] = .map(value, keys: Audience.allCases.map(\.rawValue))
            }
            fields["perpetrator_view"] = (try? ShapeProbe.shape(of: PerpetratorView.self)) ?? .object([:])
            top = .object(fields)
        }
        return top
    }()

    /// The field names of an object shape, sorted.
    var fieldNames: [String] {
        switch self {
        case .object(let f): f.keys.sorted()
        case .map(_, let keys): keys
        default: []
        }
    }

    /// What the shape is, in words.
    var kindName: String {
        switch self {
        case .scalar: "a value"
        case .object: "a table of fields"
        case .list: "a list"
        case .map: "a table by key"
        }
    }
}

/// Reads the shape of a `Decodable` type by decoding one made-up instance and noting every key asked for.
enum ShapeProbe {
    static func shape<T: Decodable>(of type: T.Type) throws -> PlanShape {
        let node = ShapeNode()
        _ = try T(from: ProbeDecoder(node: node))
        return node.shape
    }

    /// Decodes `T` into `node`; enums answer with their first case so their synthesized init succeeds.
    static func probe<T: Decodable>(_ type: T.Type, node: ShapeNode) throws -> T {
        if let dictionary = T.self as? any ProbeableDictionary.Type {
            let value = ShapeNode()
            try dictionary.probeValue(into: value)
            node.kind = .map(value)
            return dictionary.empty as! T
        }
        if let enumeration = T.self as? any (CaseIterable & RawRepresentable).Type {
            node.kind = .scalar(values: enumValues(enumeration))
            if let first = firstCase(enumeration) as? T { return first }
        }
        return try T(from: ProbeDecoder(node: node))
    }

    static func enumValues<E: CaseIterable & RawRepresentable>(_ type: E.Type) -> [String]? {
        let values = E.allCases.compactMap { $0.rawValue as? String }
        return values.isEmpty ? nil : values
    }

    static func firstCase<E: CaseIterable & RawRepresentable>(_ type: E.Type) -> Any? { E.allCases.first }
}

/// A node of the shape being recorded.
final class ShapeNode {
    enum Kind { case unknown, scalar(values: [String]?), object([String: ShapeNode]), list(ShapeNode), map(ShapeNode) }
    var kind: Kind = .unknown

    var shape: PlanShape {
        switch kind {
        case .unknown: .scalar(values: nil)
        case .scalar(let values): .scalar(values: values)
        case .object(let fields): .object(fields.mapValues(\.shape))
        case .list(let item): .list(item.shape)
        case .map(let value): .map(value.shape, keys: [])
        }
    }

    func child(_ key: String) -> ShapeNode {
        var fields: [String: ShapeNode] = [:]
        if case .object(let existing) = kind { fields = existing }
        let node = fields[key] ?? ShapeNode()
        fields[key] = node
        kind = .object(fields)
        return node
    }
}

/// A dictionary with string keys: its value type can be probed without any keys.
protocol ProbeableDictionary {
    static func probeValue(into node: ShapeNode) throws
    static var empty: Self { get }
}

extension Dictionary: ProbeableDictionary where Key == String, Value: Decodable {
    static func probeValue(into node: ShapeNode) throws { _ = try ShapeProbe.probe(Value.self, node: node) }
    static var empty: Self { [:] }
}

struct ProbeDecoder: Decoder {
    let node: ShapeNode
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        if case .object = node.kind {} else { node.kind = .object([:]) }
        return KeyedDecodingContainer(ProbeKeyed<Key>(node: node))
    }
    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let item = ShapeNode()
        node.kind = .list(item)
        return ProbeUnkeyed(item: item)
    }
    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        if case .unknown = node.kind { node.kind = .scalar(values: nil) }
        return ProbeSingle()
    }
}

struct ProbeKeyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let node: ShapeNode
    var codingPath: [any CodingKey] { [] }
    var allKeys: [Key] { [] }

    func contains(_ key: Key) -> Bool { true }
    func decodeNil(forKey key: Key) throws -> Bool {
        _ = node.child(key.stringValue)
        return false
    }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        let child = node.child(key.stringValue)
        switch type {
        case is Bool.Type: child.kind = .scalar(values: nil); return false as! T
        case is String.Type: child.kind = .scalar(values: nil); return ProbeSingle.text as! T
        case is Int.Type: child.kind = .scalar(values: nil); return 0 as! T
        case is Double.Type: child.kind = .scalar(values: nil); return 0.0 as! T
        default: return try ShapeProbe.probe(type, node: child)
        }
    }
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? { try decode(type, forKey: key) }
    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try ProbeDecoder(node: node.child(key.stringValue)).container(keyedBy: type)
    }
    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try ProbeDecoder(node: node.child(key.stringValue)).unkeyedContainer()
    }
    func superDecoder() throws -> any Decoder { ProbeDecoder(node: node) }
    func superDecoder(forKey key: Key) throws -> any Decoder { ProbeDecoder(node: node.child(key.stringValue)) }
}

struct ProbeUnkeyed: UnkeyedDecodingContainer {
    let item: ShapeNode
    var codingPath: [any CodingKey] { [] }
    var count: Int? { 1 }
    var currentIndex = 0
    var isAtEnd: Bool { currentIndex >= 1 }

    init(item: ShapeNode) { self.item = item }

    mutating func decodeNil() throws -> Bool { false }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        currentIndex += 1
        switch type {
        case is Bool.Type: item.kind = .scalar(values: nil); return false as! T
        case is String.Type: item.kind = .scalar(values: nil); return ProbeSingle.text as! T
        case is Int.Type: item.kind = .scalar(values: nil); return 0 as! T
        case is Double.Type: item.kind = .scalar(values: nil); return 0.0 as! T
        default: return try ShapeProbe.probe(type, node: item)
        }
    }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        currentIndex += 1
        return try ProbeDecoder(node: item).container(keyedBy: type)
    }
    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        currentIndex += 1
        return try ProbeDecoder(node: item).unkeyedContainer()
    }
    mutating func superDecoder() throws -> any Decoder { ProbeDecoder(node: item) }
}

struct ProbeSingle: SingleValueDecodingContainer {
    /// Text that every string field accepts, timestamps included.
    static let text = "2025-01-01T00:00:00Z"
    var codingPath: [any CodingKey] { [] }
    func decodeNil() -> Bool { false }
    func decode(_ type: Bool.Type) throws -> Bool { false }
    func decode(_ type: String.Type) throws -> String { Self.text }
    func decode(_ type: Double.Type) throws -> Double { 0 }
    func decode(_ type: Float.Type) throws -> Float { 0 }
    func decode(_ type: Int.Type) throws -> Int { 0 }
    func decode(_ type: Int8.Type) throws -> Int8 { 0 }
    func decode(_ type: Int16.Type) throws -> Int16 { 0 }
    func decode(_ type: Int32.Type) throws -> Int32 { 0 }
    func decode(_ type: Int64.Type) throws -> Int64 { 0 }
    func decode(_ type: UInt.Type) throws -> UInt { 0 }
    func decode(_ type: UInt8.Type) throws -> UInt8 { 0 }
    func decode(_ type: UInt16.Type) throws -> UInt16 { 0 }
    func decode(_ type: UInt32.Type) throws -> UInt32 { 0 }
    func decode(_ type: UInt64.Type) throws -> UInt64 { 0 }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try T(from: ProbeDecoder(node: ShapeNode())) }
}
