import Foundation
import HearthCore

/// The one JSON form the store writes: sorted keys, no escaped slashes, dates as ISO 8601 UTC with milliseconds.
public enum CanonicalJSON {
    /// Encodes a value as canonical JSON.
    /// - Throws: ``StoreError/invalidPayload(kind:reason:)`` when the value cannot be encoded.
    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        do {
            return try encoder.encode(value)
        } catch {
            throw StoreError.invalidPayload(kind: (T.self as? any EventPayload.Type)?.kind, reason: "\(error)")
        }
    }

    /// Decodes canonical JSON written by ``encode(_:)``.
    /// - Throws: ``StoreError/invalidPayload(kind:reason:)`` naming the field that did not decode.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        do {
            return try decoder.decode(T.self, from: data)
        } catch let error as DecodingError {
            throw StoreError.invalidPayload(kind: (T.self as? any EventPayload.Type)?.kind, reason: describe(error))
        } catch {
            throw StoreError.invalidPayload(kind: (T.self as? any EventPayload.Type)?.kind, reason: "\(error)")
        }
    }

    /// Rewrites any JSON document in canonical form (keys sorted, no insignificant whitespace).
    /// - Throws: ``StoreError/invalidPayload(kind:reason:)`` when `data` is not JSON.
    public static func canonicalize(_ data: Data) throws -> Data {
        try encode(try decode(JSONValue.self, from: data))
    }

    static func format(_ date: Date) -> String {
        date.formatted(isoWithMillis)
    }

    static func parse(_ text: String) -> Date? {
        if let date = try? isoWithMillis.parse(text) { return date }
        return try? Date.ISO8601FormatStyle().parse(text)
    }

    // Both are configured once and never changed afterwards, so sharing them across threads is safe.
    private static let encoder = makeEncoder()
    private static let decoder = makeDecoder()

    private static let isoWithMillis = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    private static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(format(date))
        }
        return encoder
    }

    private static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = parse(text) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "expected an ISO 8601 date, found '\(text)'")
            }
            return date
        }
        return decoder
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ codingPath: [any CodingKey]) -> String {
            let text = codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return text.isEmpty ? "the payload" : "field '\(text)'"
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "\(path(context.codingPath + [key])) is missing"
        case .typeMismatch(let type, let context):
            return "\(path(context.codingPath)) must be \(type)"
        case .valueNotFound(let type, let context):
            return "\(path(context.codingPath)) must be \(type), found null"
        case .dataCorrupted(let context):
            return "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}

extension KeyedDecodingContainer {
    /// Decodes an embedded JSON document and returns it as canonical JSON bytes.
    func decodeEmbeddedJSON(forKey key: Key) throws -> Data {
        try CanonicalJSON.encode(try decode(JSONValue.self, forKey: key))
    }

    func decodeEmbeddedJSONIfPresent(forKey key: Key) throws -> Data? {
        guard let value = try decodeIfPresent(JSONValue.self, forKey: key) else { return nil }
        return try CanonicalJSON.encode(value)
    }
}

extension KeyedEncodingContainer {
    /// Embeds JSON bytes as a JSON document (not as base64).
    mutating func encodeEmbeddedJSON(_ data: Data, forKey key: Key) throws {
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw EncodingError.invalidValue(
                data, .init(codingPath: codingPath + [key], debugDescription: "field '\(key.stringValue)' is not valid JSON"))
        }
        try encode(value, forKey: key)
    }
}
