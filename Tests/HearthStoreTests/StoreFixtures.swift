import Foundation
import GRDB
import HearthStore

/// Builds stores and events for the tests, with the policy's own words.
enum StoreFixtures {
    /// 4 March 2025, 09:00 UTC: the day the scenarios start.
    static let day0 = Date(timeIntervalSince1970: 1_741_078_800)

    static func day(_ n: Int, hour: Int = 0) -> Date {
        day0.addingTimeInterval(TimeInterval(n * 86_400 + hour * 3_600))
    }

    /// A fresh folder for store files, removed by the caller's `defer`.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("hearth-store-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func opened(_ caseID: String, plugin: String = "eastleigh", band: String? = nil) -> CaseOpenedPayload {
        CaseOpenedPayload(
            case: Data(#"{"id":"\#(caseID)","victim":{"age":34},"children":[]}"#.utf8), pluginID: plugin,
            area: "Eastleigh", riskBand: band)
    }

    static func decision(
        band: String, marac: Bool, deadlines: [PlannedDeadline] = [], referrals: [PlannedReferral] = [],
        clock: Date = day0
    ) -> DecisionPayload {
        DecisionPayload(
            plan: Data(#"{"steps":[{"rule":"daa2021.s1.age","text":"in scope"}],"risk":{"band":"\#(band)"}}"#.utf8),
            pluginID: "eastleigh", pluginVersion: "1.2.0", pluginHash: String(repeating: "ab", count: 32),
            clock: clock, riskBand: band, marac: marac, deadlines: deadlines, referrals: referrals)
    }

    /// Case-opened events `<prefix>-n` for each n in `range`, as an import from a CRM gives them (external id `crm-n`).
    static func caseOpenings(_ range: Range<Int>, prefix: String) -> [NewEvent] {
        range.map { n in
            NewEvent.caseOpened(
                caseID: "\(prefix)-\(n)", at: day(n % 7), caseJSON: Array(#"{"id":"\#(prefix)-\#(n)"}"#.utf8),
                pluginID: "eastleigh", externalID: "crm-\(n)")
        }
    }

    /// Row counts of every table, to show that a refused write left nothing behind.
    static func rowCounts(_ store: SQLiteCaseStore) throws -> [String: Int] {
        try store.writer.read { db in
            var counts: [String: Int] = [:]
            for table in ["events", "cases", "case_deadlines", "case_referrals", "referrals_sent", "property_signals", "chain_head"] {
                counts[table] = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)")
            }
            return counts
        }
    }

    /// Opens a case and records `notes` notes on it.
    static func caseWithNotes(_ store: SQLiteCaseStore, _ caseID: String, notes: Int, from day: Int = 0) throws {
        try store.openCase(caseID, at: Self.day(day), recordedBy: "caseworker.ali", payload: opened(caseID))
        for n in 0..<notes {
            try store.append(NotePayload(text: "note \(n)"), to: caseID, at: Self.day(day, hour: n + 1), recordedBy: "caseworker.ali")
        }
    }
}
