import Foundation

/// A parsed JSON (or Lua table) value, kept exactly as written so a validator can report every problem.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)
}

/// The fields of a JSON object, kept in the order they were added.
///
/// A small array rather than a hash table: the documents here have a few dozen fields at most, and each is built,
/// read a handful of times and written out, so hashing every key costs more than it saves (see
/// `docs/performance.md`, bulk import). Equality and hashing ignore the order, as for a dictionary.
public struct JSONObject: Sendable, Hashable, RandomAccessCollection, ExpressibleByDictionaryLiteral {
    /// A field: its name and value.
    public typealias Element = (key: String, value: JSONValue)

    @usableFromInline struct Field: Sendable {
        @usableFromInline var key: String
        @usableFromInline var value: JSONValue
        @inlinable init(key: String, value: JSONValue) { self.key = key; self.value = value }
    }

    @usableFromInline var fields: [Field]

    /// An empty object.
    @inlinable public init() { fields = [] }

    /// An empty object with room for `capacity` fields.
    @inlinable public init(minimumCapacity capacity: Int) {
        fields = []
        fields.reserveCapacity(capacity)
    }

    /// The fields of a dictionary (in the dictionary's order).
    public init(_ dictionary: [String: JSONValue]) {
        fields = dictionary.map { Field(key: $0.key, value: $0.value) }
    }

    /// An object from a literal; a repeated key keeps its last value.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        fields = []
        fields.reserveCapacity(elements.count)
        for (key, value) in elements { self[key] = value }
    }

    /// Adds a field whose name the caller knows is not there yet (a builder reading a table with unique keys).
    @inlinable public mutating func append(uniqueKey key: String, value: JSONValue) {
        fields.append(Field(key: key, value: value))
    }

    @inlinable func position(of key: String) -> Int? {
        for i in fields.indices where fields[i].key == key { return i }
        return nil
    }

    /// The value of a field; setting nil removes it.
    @inlinable public subscript(key: String) -> JSONValue? {
        get { position(of: key).map { fields[$0].value } }
        set {
            if let i = position(of: key) {
                if let newValue { fields[i].value = newValue } else { fields.remove(at: i) }
            } else if let newValue {
                fields.append(Field(key: key, value: newValue))
            }
        }
    }

    /// Removes a field, returning its value.
    @discardableResult
    @inlinable public mutating func removeValue(forKey key: String) -> JSONValue? {
        guard let i = position(of: key) else { return nil }
        return fields.remove(at: i).value
    }

    /// The first field's position (0).
    @inlinable public var startIndex: Int { 0 }
    /// One past the last field's position.
    @inlinable public var endIndex: Int { fields.count }
    /// The field at a position, in the order the fields were added.
    @inlinable public subscript(position: Int) -> Element { (fields[position].key, fields[position].value) }
    /// How many fields there are.
    @inlinable public var count: Int { fields.count }
    /// Whether there are none.
    @inlinable public var isEmpty: Bool { fields.isEmpty }
    /// The field names, in order.
    public var keys: [String] { fields.map(\.key) }
    /// The values, in order.
    public var values: [JSONValue] { fields.map(\.value) }
    /// The same fields as a dictionary.
    public var dictionary: [String: JSONValue] {
        Dictionary(fields.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
    }

    /// The object with each value transformed.
    public func mapValues(_ transform: (JSONValue) throws -> JSONValue) rethrows -> JSONObject {
        var out = self
        for i in out.fields.indices { out.fields[i].value = try transform(out.fields[i].value) }
        return out
    }

    /// A dictionary of the values transformed, by field name.
    public func mapValues<T>(_ transform: (JSONValue) throws -> T) rethrows -> [String: T] {
        var out: [String: T] = [:]
        out.reserveCapacity(fields.count)
        for field in fields { out[field.key] = try transform(field.value) }
        return out
    }

    /// The fields for which `isIncluded` is true, as an object.
    public func filter(_ isIncluded: (Element) throws -> Bool) rethrows -> JSONObject {
        var out = JSONObject()
        out.fields = try fields.filter { try isIncluded(($0.key, $0.value)) }
        return out
    }

    /// Iterates the fields in order.
    public struct Iterator: IteratorProtocol {
        @usableFromInline var base: IndexingIterator<[Field]>
        @inlinable init(base: IndexingIterator<[Field]>) { self.base = base }
        @inlinable public mutating func next() -> Element? { base.next().map { ($0.key, $0.value) } }
    }

    /// Iterates the fields in order.
    @inlinable public func makeIterator() -> Iterator { Iterator(base: fields.makeIterator()) }

    @inlinable public var underestimatedCount: Int { fields.count }

    /// Same fields with equal values, in any order.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.count == rhs.count else { return false }
        for field in lhs.fields where rhs[field.key] != field.value { return false }
        return true
    }

    /// Hashes the fields independently of their order.
    public func hash(into hasher: inout Hasher) {
        var combined = 0
        for field in fields {
            var h = Hasher()
            h.combine(field.key)
            h.combine(field.value)
            combined ^= h.finalize()
        }
        hasher.combine(fields.count)
        hasher.combine(combined)
    }
}

extension JSONValue: Codable {
    /// Decodes any JSON value, keeping integers apart from fractional numbers.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .int(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else if let value = try? container.decode([String: JSONValue].self) {
            self = .object(JSONObject(value))
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a JSON value")
        }
    }

    /// Encodes the value as plain JSON.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .double(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value.dictionary)
        }
    }
}

extension JSONValue {
    /// Parses JSON text into a value tree.
    /// - Throws: the decoder's error when the text is not JSON at all.
    public static func parse(_ data: Data) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: data)
    }

    /// A short description of the value for error messages: strings quoted, containers named.
    public var shortDescription: String {
        switch self {
        case .null: return "null"
        case .bool(let value): return value ? "true" : "false"
        case .int(let value): return String(value)
        case .double(let value): return String(value)
        case .string(let value):
            let clipped = value.count > 60 ? String(value.prefix(57)) + "..." : value
            return "\"\(clipped)\""
        case .array: return "a list"
        case .object: return "an object"
        }
    }
}
