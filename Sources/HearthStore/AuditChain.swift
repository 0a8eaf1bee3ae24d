import Crypto
import Foundation

/// The hash chain over all events: how an event's hash is computed and how the chain is checked.
///
/// An event's hash is `hex(SHA-256(input))`, where `input` is the ASCII text `hearth-event-v1`, a zero byte,
/// the predecessor's hash as 64 lowercase hex digits, and then each field in this order:
/// seq, case id, kind, at (milliseconds since 1970, UTC), recorded by, payload, source, external id.
/// Integers are 8 bytes big-endian; text is its UTF-8 length as 4 bytes big-endian then its bytes;
/// a missing value is the 4 bytes `FF FF FF FF`. The first event's predecessor hash is 64 zeros.
public enum AuditChain {
    /// The predecessor hash of the first event.
    public static let genesisHash = String(repeating: "0", count: 64)

    /// The hash of one event given its predecessor's hash.
    public static func hash(
        seq: Int64, caseID: String, kind: String, atMillis: Int64, recordedBy: String?, payload: String,
        source: String?, externalID: String?, prevHash: String
    ) -> String {
        var buffer: [UInt8] = []
        return hash(
            seq: seq, caseID: caseID, kind: kind, atMillis: atMillis, recordedBy: recordedBy, payload: payload,
            source: source, externalID: externalID, prevHash: prevHash, buffer: &buffer)
    }

    /// The hash of one event, reusing `buffer` to avoid allocating per event.
    static func hash(
        seq: Int64, caseID: String, kind: String, atMillis: Int64, recordedBy: String?, payload: String,
        source: String?, externalID: String?, prevHash: String, buffer: inout [UInt8]
    ) -> String {
        var payload = payload
        var prevHash = prevHash
        return payload.withUTF8 { payloadBytes in
            prevHash.withUTF8 { prevBytes in
                String(unsafeUninitializedCapacity: hexLength) { out in
                    hashHex(
                        seq: seq, caseID: caseID, kind: kind, atMillis: atMillis, recordedBy: recordedBy,
                        payload: UnsafeRawBufferPointer(payloadBytes), source: source, externalID: externalID,
                        prevHash: UnsafeRawBufferPointer(prevBytes), buffer: &buffer,
                        into: UnsafeMutableRawBufferPointer(out))
                    return hexLength
                }
            }
        }
    }

    /// The length of a hash as hex digits.
    static let hexLength = 64

    /// The hash of one event as 64 lowercase hex digits (ASCII) written to `out`, from the payload's and the
    /// predecessor hash's bytes as they are: what the append path uses, so no text is built per event.
    /// `out` must hold at least 64 bytes and must not overlap `prevHash`.
    static func hashHex(
        seq: Int64, caseID: String, kind: String, atMillis: Int64, recordedBy: String?,
        payload: UnsafeRawBufferPointer, source: String?, externalID: String?, prevHash: UnsafeRawBufferPointer,
        buffer: inout [UInt8], into out: UnsafeMutableRawBufferPointer
    ) {
        buffer.removeAll(keepingCapacity: true)
        buffer.append(contentsOf: domainTag)
        buffer.append(contentsOf: prevHash)
        appendInteger(seq, to: &buffer)
        appendText(caseID, to: &buffer)
        appendText(kind, to: &buffer)
        appendInteger(atMillis, to: &buffer)
        appendText(recordedBy, to: &buffer)
        appendLength(payload.count, to: &buffer)
        buffer.append(contentsOf: payload)
        appendText(source, to: &buffer)
        appendText(externalID, to: &buffer)
        let digest = buffer.withUnsafeBufferPointer { SHA256.hash(data: UnsafeRawBufferPointer($0)) }
        precondition(out.count >= hexLength)
        digest.withUnsafeBytes { bytes in
            var index = 0
            for byte in bytes {
                out[index] = hexDigit(byte >> 4)
                out[index + 1] = hexDigit(byte & 0x0F)
                index += 2
            }
        }
    }

    private static let domainTag: [UInt8] = Array("hearth-event-v1".utf8) + [0]

    @inline(__always)
    private static func appendInteger(_ value: Int64, to buffer: inout [UInt8]) {
        let bits = UInt64(bitPattern: value)
        for shift in stride(from: 56, through: 0, by: -8) {
            buffer.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift)))
        }
    }

    @inline(__always)
    private static func appendLength(_ count: Int, to buffer: inout [UInt8]) {
        let count = UInt32(count)
        buffer.append(UInt8(truncatingIfNeeded: count >> 24))
        buffer.append(UInt8(truncatingIfNeeded: count >> 16))
        buffer.append(UInt8(truncatingIfNeeded: count >> 8))
        buffer.append(UInt8(truncatingIfNeeded: count))
    }

    @inline(__always)
    private static func appendText(_ value: String?, to buffer: inout [UInt8]) {
        guard var value else {
            buffer.append(contentsOf: [0xFF, 0xFF, 0xFF, 0xFF])
            return
        }
        value.withUTF8 { bytes in
            appendLength(bytes.count, to: &buffer)
            buffer.append(contentsOf: bytes)
        }
    }

    /// The lowercase hex digit of a value 0…15.
    @inline(__always)
    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? value &+ 0x30 : value &+ 0x57
    }
}

/// The outcome of checking the audit trail.
public struct ChainVerification: Sendable, Equatable {
    /// How many events were checked.
    public var eventsChecked: Int64
    /// The last event's sequence number and hash (record these elsewhere to detect rewriting of the whole tail).
    public var tip: ChainTip?
    /// The first event that does not verify, or nil when the whole chain verifies.
    public var failure: ChainFailure?

    /// Whether the whole chain verified.
    public var isValid: Bool { failure == nil }

    /// Creates a verification result.
    public init(eventsChecked: Int64, tip: ChainTip?, failure: ChainFailure?) {
        self.eventsChecked = eventsChecked
        self.tip = tip
        self.failure = failure
    }
}

/// The position and hash of the newest event.
public struct ChainTip: Sendable, Hashable, Codable {
    /// The newest event's sequence number.
    public var seq: Int64
    /// The newest event's hash.
    public var hash: String

    /// Creates a chain tip.
    public init(seq: Int64, hash: String) {
        self.seq = seq
        self.hash = hash
    }
}

/// The first event that does not verify, what seems to have happened to it, and why.
public struct ChainFailure: Sendable, Equatable, CustomStringConvertible {
    /// What seems to have happened.
    public enum Kind: String, Sendable, Equatable {
        /// The event's content (or hash) was changed after it was recorded.
        case changed
        /// One or more events were removed.
        case deleted
        /// An event was added outside the store.
        case inserted
        /// Events were moved out of the order they were recorded in.
        case reordered
    }

    /// What seems to have happened.
    public var kind: Kind
    /// The sequence number of the event concerned (for deletions, the first missing one).
    public var seq: Int64
    /// An explanation for the person checking the audit trail.
    public var reason: String

    /// The explanation, led by the kind.
    public var description: String { "\(kind.rawValue): \(reason)" }

    /// Creates a failure record.
    public init(kind: Kind, seq: Int64, reason: String) {
        self.kind = kind
        self.seq = seq
        self.reason = reason
    }
}

/// One stored row as the chain check needs it.
struct ChainRow {
    var seq: Int64
    var caseID: String
    var kind: String
    var atMillis: Int64
    var recordedBy: String?
    var payload: String
    var source: String?
    var externalID: String?
    var hash: String
    var prevHash: String

    func computedHash(buffer: inout [UInt8], seq overriddenSeq: Int64? = nil) -> String {
        AuditChain.hash(
            seq: overriddenSeq ?? seq, caseID: caseID, kind: kind, atMillis: atMillis, recordedBy: recordedBy,
            payload: payload, source: source, externalID: externalID, prevHash: prevHash, buffer: &buffer)
    }

    var label: String { "event \(seq) ('\(kind)' in '\(caseID)')" }
}

/// Checks rows fed to it in sequence order and names the first one that does not verify.
///
/// Only the previous row is kept, so memory use does not grow with the chain. `lookUpSeq` finds the row
/// that has a given hash; it is only called once something is already wrong, to tell reordering from insertion.
struct ChainVerifier {
    private var previous: ChainRow?
    private var buffer: [UInt8] = []
    private(set) var checked: Int64 = 0
    private(set) var failure: ChainFailure?
    let recordedTip: ChainTip?
    let lookUpSeq: (String) throws -> Int64?

    init(recordedTip: ChainTip?, lookUpSeq: @escaping (String) throws -> Int64?) {
        self.recordedTip = recordedTip
        self.lookUpSeq = lookUpSeq
        buffer.reserveCapacity(1024)
    }

    /// A changed-looking row, confirmed or reclassified by the row after it.
    private var suspect: ChainFailure?

    /// Feeds the next row; returns false once a failure is found.
    mutating func feed(_ row: ChainRow) throws -> Bool {
        guard failure == nil else { return false }
        if let suspect {
            // A row whose content does not verify, followed by a row that links to the same predecessor,
            // is a row slipped into the chain rather than a changed one.
            if let previous, row.prevHash == previous.prevHash, row.seq == previous.seq + 1 {
                failure = ChainFailure(
                    kind: .inserted, seq: previous.seq,
                    reason: "\(previous.label) is not part of the recorded chain: event \(row.seq) follows the event before it")
            } else {
                failure = suspect
            }
            return false
        }
        checked += 1
        let result = try check(row)
        previous = row
        if let result {
            if result.kind == .changed, result.seq == row.seq, row.prevHash == (lastVerified?.hash ?? AuditChain.genesisHash) {
                suspect = result
                return true
            }
            failure = result
            return false
        }
        lastVerified = row
        return true
    }

    private var lastVerified: ChainRow?

    private mutating func check(_ row: ChainRow) throws -> ChainFailure? {
        let expectedSeq = (previous?.seq ?? 0) + 1
        let expectedPrev = previous?.hash ?? AuditChain.genesisHash
        if row.seq > expectedSeq {
            let missing = row.seq - 1 == expectedSeq ? "event \(expectedSeq) is" : "events \(expectedSeq)–\(row.seq - 1) are"
            return ChainFailure(
                kind: .deleted, seq: expectedSeq,
                reason: "\(missing) missing: the chain jumps from \(expectedSeq - 1) to \(row.seq)")
        }
        let contentVerifies = row.computedHash(buffer: &buffer) == row.hash
        if row.prevHash == expectedPrev {
            if let recordedTip, row.seq > recordedTip.seq {
                return ChainFailure(
                    kind: .inserted, seq: row.seq,
                    reason: "\(row.label) was added outside the store: the newest event the store recorded is \(recordedTip.seq)")
            }
            if !contentVerifies {
                return ChainFailure(
                    kind: .changed, seq: row.seq,
                    reason: "\(row.label) was changed after it was recorded: its content no longer matches its hash")
            }
            return nil
        }
        // The row does not link to the row before it.
        if let previous, previous.prevHash == row.prevHash {
            return ChainFailure(
                kind: .inserted, seq: previous.seq,
                reason: "\(previous.label) is not part of the recorded chain: event \(row.seq) follows the event before it")
        }
        if let originalPredecessor = try lookUpSeq(row.prevHash) {
            if originalPredecessor > row.seq {
                return ChainFailure(
                    kind: .reordered, seq: row.seq,
                    reason: "\(row.label) was moved: it was recorded after event \(originalPredecessor)")
            }
            return ChainFailure(
                kind: .inserted, seq: originalPredecessor + 1,
                reason: "event \(originalPredecessor + 1) is not part of the recorded chain: event \(row.seq) was recorded right after event \(originalPredecessor)")
        }
        if !contentVerifies {
            // Events deleted and the later ones renumbered to hide the gap: the row verifies at its old position.
            for missing in Int64(1)...16 where row.computedHash(buffer: &buffer, seq: row.seq + missing) == row.hash {
                return ChainFailure(
                    kind: .deleted, seq: row.seq,
                    reason: "\(missing == 1 ? "1 event was" : "\(missing) events were") deleted before \(row.label), which was recorded as event \(row.seq + missing) and renumbered to hide the gap")
            }
        }
        if contentVerifies, let previous {
            return ChainFailure(
                kind: .changed, seq: previous.seq,
                reason: "\(previous.label) was changed and re-hashed after it was recorded: event \(row.seq) still points at its original hash")
        }
        if let recordedTip, row.seq > recordedTip.seq {
            return ChainFailure(
                kind: .inserted, seq: row.seq,
                reason: "\(row.label) was added outside the store: it links to no recorded event")
        }
        return ChainFailure(
            kind: .changed, seq: row.seq,
            reason: "\(row.label) was changed after it was recorded: neither its hash nor its link to event \(row.seq - 1) verifies")
    }

    /// Checks the end of the chain against the head the store recorded; call after the last row.
    mutating func finish() -> ChainFailure? {
        if let suspect, failure == nil { failure = suspect }
        if let failure { return failure }
        let lastSeq = previous?.seq ?? 0
        if let recordedTip {
            if recordedTip.seq > lastSeq {
                failure = ChainFailure(
                    kind: .deleted, seq: lastSeq + 1,
                    reason: lastSeq + 1 == recordedTip.seq
                        ? "event \(recordedTip.seq), the newest recorded, is missing"
                        : "events \(lastSeq + 1)–\(recordedTip.seq), the newest recorded, are missing")
            } else if recordedTip.seq == lastSeq, let previous, previous.hash != recordedTip.hash {
                failure = ChainFailure(
                    kind: .changed, seq: lastSeq,
                    reason: "\(previous.label) does not match the chain head the store recorded")
            }
        } else if let previous {
            failure = ChainFailure(
                kind: .deleted, seq: previous.seq + 1,
                reason: "the store's record of the chain head was removed; the newest events may have been deleted")
        }
        return failure
    }

    var tip: ChainTip? { previous.map { ChainTip(seq: $0.seq, hash: $0.hash) } }
}
