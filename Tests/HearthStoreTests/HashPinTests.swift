import Foundation
import HearthStore
import Testing

/// The stored hashes of fixed events, computed once from the format in `AuditChain`'s documentation
/// (independently of the store's code): any change to the hashed bytes breaks every existing store's chain.
@Suite("Audit chain: the hash of a fixed event never changes")
struct HashPinTests {
    static let openedPayload =
        #"{"area":"Eastleigh","case":{"id":"C-7","notes":"Zoë said so"},"plugin_id":"eastleigh"}"#
    /// An imported case-opened event at seq 1 with every field given, non-ASCII text in the payload.
    static let openedHash = "6ab68d57b8face1bff07fdf86d599dfb21b1370202958686f8b01467712ea7e0"
    /// A note after it with no recorder, source or external id, a time before 1970.
    static let noteHash = "d4d8bf09add0d45e4942694d5221acb35c0c3ecaef1ead2f2575f3774026a1c4"

    @Test("Given fixed fields, when hashed, then the hashes are the pinned ones")
    func pinnedHashes() {
        // Given the two events' fields
        // When they are hashed one after the other
        let opened = AuditChain.hash(
            seq: 1, caseID: "C-7", kind: "case_opened", atMillis: 1_741_078_800_123, recordedBy: "import",
            payload: Self.openedPayload, source: "legacy-crm", externalID: "CRM0000007", prevHash: AuditChain.genesisHash)
        let note = AuditChain.hash(
            seq: 2, caseID: "C-7", kind: "note_added", atMillis: -1, recordedBy: nil, payload: #"{"text":"x"}"#,
            source: nil, externalID: nil, prevHash: opened)
        // Then they are the pinned values
        #expect(opened == Self.openedHash)
        #expect(note == Self.noteHash)
    }

    @Test("Given the same events written through the import and append paths, when read back, then their hashes are the pinned ones and the chain verifies")
    func pinnedThroughTheStore() throws {
        // Given a fresh store
        let store = try SQLiteCaseStore.inMemory()
        let caseJSON = Array(#"{"id":"C-7","notes":"Zoë said so"}"#.utf8)
        // When the case is imported in a batch and a note appended outside it
        let result = try store.importBatch(
            [.caseOpened(
                caseID: "C-7", at: Date(timeIntervalSince1970: 1_741_078_800.123), recordedBy: "import",
                caseJSON: caseJSON, pluginID: "eastleigh", area: "Eastleigh", externalID: "CRM0000007")],
            source: "legacy-crm", commit: true)
        try store.append([NewEvent(
            caseID: "C-7", kind: .noteAdded, at: Date(timeIntervalSince1970: -0.001), payloadJSON: Data(#"{"text":"x"}"#.utf8))])
        // Then the stored payload and hashes are exactly the pinned ones, and the chain verifies
        #expect(result.appended == 1)
        let events = try store.events(for: "C-7")
        #expect(events.map(\.hash) == [Self.openedHash, Self.noteHash])
        #expect(events.first.map { String(decoding: $0.payload, as: UTF8.self) } == Self.openedPayload)
        #expect(events.last?.prevHash == Self.openedHash)
        #expect(try store.chainTip() == ChainTip(seq: 2, hash: Self.noteHash))
        #expect(try store.verify().isValid)
    }
}
