import ArgumentParser
import Foundation
import HearthStore

/// `hearth audit`: check the store's hash-chained audit trail.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Check the audit trail.",
        subcommands: [Verify.self]
    )

    /// `hearth audit verify`: check every event's hash and link, in order.
    struct Verify: OutputCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the whole hash chain of events and name the first event that does not verify.",
            discussion: """
                Prints 'ok: N events verified' and exits 0, or names the first event that does not verify \
                (its number, case and kind, and whether it was changed, deleted, inserted or reordered) and exits 1.
                """
        )

        @OptionGroup var store: StoreOptions

        func execute() throws -> String {
            let cases = try store.openExisting()
            let result: ChainVerification
            do { result = try cases.verify() } catch {
                throw CommandFailure("\(store.db): the audit trail could not be read: \(error)")
            }
            if let failure = result.failure {
                throw CommandFailure("""
                    \(store.db): the audit trail does not verify at event \(failure.seq): \(failure.kind.rawValue)
                      \(failure.reason)
                      events 1 to \(failure.seq - 1) verify; from event \(failure.seq) on the trail cannot be trusted
                    """)
            }
            var out = "ok: \(result.eventsChecked) event\(result.eventsChecked == 1 ? "" : "s") verified"
            if let tip = result.tip {
                out += "\nchain tip: event \(tip.seq), hash \(tip.hash) (keep a copy elsewhere to detect a rewritten tail)"
            }
            return out
        }
    }
}
