// A small helper for the store's reliability checks: appends events to a store (printing each acknowledged
// sequence number as soon as its transaction has committed), verifies a store, or checks acknowledgements.
//
//   hearth-store-writer append <db> <case-id> <count> [batch-size]
//   hearth-store-writer verify <db>
//   hearth-store-writer check-acks <db> <case-id> <ack-file>
//   hearth-store-writer open <db>        (prints how long opening took, in this fresh process)
import Foundation
import HearthStore

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("hearth-store-writer: \(message)\n".utf8))
    exit(1)
}

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    fail("usage: hearth-store-writer append <db> <case-id> <count> [batch-size] | verify <db> | check-acks <db> <case-id> <ack-file> | open <db>")
}
let mode = arguments[1]
let path = arguments[2]

do {
    let openStart = ContinuousClock.now
    let store = try SQLiteCaseStore.open(path)
    let openTime = ContinuousClock.now - openStart
    switch mode {
    case "append":
        guard arguments.count >= 5, let count = Int(arguments[4]) else { fail("append needs <case-id> <count>") }
        let caseID = arguments[3]
        let batchSize = arguments.count >= 6 ? max(1, Int(arguments[5]) ?? 1) : 1
        do {
            try store.openCase(
                caseID, at: Date(), recordedBy: "writer",
                payload: CaseOpenedPayload(case: Data(#"{"id":"\#(caseID)"}"#.utf8), pluginID: "reliability"))
        } catch StoreError.caseAlreadyExists {
            // Another run opened it already.
        }
        var written = 0
        let pid = ProcessInfo.processInfo.processIdentifier
        while written < count {
            let size = min(batchSize, count - written)
            let events = try (0..<size).map { offset in
                try NewEvent(
                    caseID: caseID, at: Date(), recordedBy: "writer",
                    payload: NotePayload(text: "note \(written + offset) from process \(pid)"))
            }
            let stored = try store.append(events)
            var line = ""
            for event in stored { line += "\(event.seq)\n" }
            // Written straight to the file descriptor: nothing is buffered once the commit returns.
            FileHandle.standardOutput.write(Data(line.utf8))
            written += size
        }
    case "verify":
        let result = try store.verify()
        if let failure = result.failure {
            print("audit trail does NOT verify after \(result.eventsChecked) events: \(failure)")
            exit(2)
        }
        print("audit trail verifies: \(result.eventsChecked) events, tip \(result.tip?.seq ?? 0)")
    case "check-acks":
        guard arguments.count >= 5 else { fail("check-acks needs <case-id> <ack-file>") }
        let caseID = arguments[3]
        let text = try String(contentsOfFile: arguments[4], encoding: .utf8)
        // Only complete lines are acknowledgements; a line cut short by the kill was never acknowledged.
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if !text.hasSuffix("\n") { lines.removeLast() }
        let acknowledged = Set(lines.compactMap { Int64($0) })
        let stored = Set(try store.events(for: caseID).map(\.seq))
        let missing = acknowledged.subtracting(stored)
        if !missing.isEmpty {
            print("\(missing.count) acknowledged events are missing, e.g. \(missing.sorted().prefix(5))")
            exit(3)
        }
        print("all \(acknowledged.count) acknowledged events are stored")
    case "open":
        print("opened in \(openTime)")
    default:
        fail("unknown mode '\(mode)'")
    }
} catch {
    fail("\(error)")
}
