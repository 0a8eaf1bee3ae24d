import Foundation
import HearthStore

/// Measures the store against its speed targets and prints one line per figure.
///
/// Targets: appending with the hash chain at 100,000 events/s or more in batches; the events and the state of a
/// case with 1,000 events in under 20 ms; opening a store of 1,000,000 events in under 100 ms.
/// Run in a release build; the stores live in a temporary folder that is removed afterwards.
/// `HEARTH_STORE_BENCH=append|case|million` runs one part only.
func runStoreBenchmarks() {
    do {
        try StoreBenchmark().run()
    } catch {
        print("store benchmark failed: \(error)")
    }
}

private struct StoreBenchmark {
    let start = Date(timeIntervalSince1970: 1_741_078_800)
    let clock = ContinuousClock()

    func run() throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("hearth-store-bench-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        let only = ProcessInfo.processInfo.environment["HEARTH_STORE_BENCH"]
        if only == nil || only == "append" {
            try appendThroughput(path: folder.appendingPathComponent("append.sqlite").path)
        }
        if only == nil || only == "case" {
            try caseWithThousandEvents(path: folder.appendingPathComponent("case.sqlite").path)
        }
        if only == nil || only == "million" {
            try millionEvents(path: folder.appendingPathComponent("million.sqlite").path)
        }
    }

    // MARK: - Appending

    private func appendThroughput(path: String) throws {
        let cases = 1_000
        let batches = 20
        let batchSize = 10_000
        let events = Double(batches * batchSize)
        let encodeStart = clock.now
        let prepared = try (0..<batches).map { batch in
            try (0..<batchSize).map { index in try mixedEvent(number: batch * batchSize + index, cases: cases) }
        }
        let encodeTime = clock.now - encodeStart

        // Five rounds on fresh stores; the machine is shared, so the median and the best are both reported.
        var rates: [Double] = []
        var cpuRates: [Double] = []
        var store: SQLiteCaseStore!
        for round in 0..<5 {
            let roundPath = "\(path)-\(round)"
            store = try SQLiteCaseStore.open(roundPath)
            _ = try store.append(try (0..<cases).map { try opening("C-\($0)", day: 0) })
            let appendStart = clock.now
            let cpuStart = processCPUSeconds()
            for batch in prepared { _ = try store.append(batch) }
            rates.append(events / (clock.now - appendStart).seconds)
            cpuRates.append(events / (processCPUSeconds() - cpuStart))
            if round < 4 { try store.closeDatabase() }
        }
        rates.sort()
        cpuRates.sort()
        report("append, hash-chained, \(batches) batches of \(batchSize) (1,000 cases, mixed kinds), 5 rounds",
               "median \(Int(rates[2])) events/s, best \(Int(rates[4])), worst \(Int(rates[0]))", target: "≥ 100,000 events/s")
        report("the same per second of CPU time (steady on a shared machine)",
               "median \(Int(cpuRates[2])) events per CPU-second", target: nil)
        let encodeRate = events / encodeTime.seconds
        report("typed payload encoding alone (caller's side)", "\(Int(encodeRate)) events/s", target: nil)
        report("append including typed payload encoding (median round)",
               "\(Int(1 / (1 / rates[2] + 1 / encodeRate))) events/s", target: nil)

        let imports = try (0..<batchSize).map { index in
            var event = try mixedEvent(number: index, cases: cases)
            event.externalID = "row-\(index)"
            return event
        }
        let importStart = clock.now
        _ = try store.appendBatch(imports, source: "bench")
        let importTime = clock.now - importStart
        report("appendBatch with external ids (import), one batch of \(batchSize)",
               "\(Int(Double(batchSize) / importTime.seconds)) events/s", target: nil)
        let rerunStart = clock.now
        let rerun = try store.appendBatch(imports, source: "bench")
        report("re-import of the same \(batchSize) (all skipped)",
               "\(rerun.skipped.count) skipped in \(ms(clock.now - rerunStart))", target: nil)
    }

    // MARK: - One case with 1,000 events

    private func caseWithThousandEvents(path: String) throws {
        let store = try SQLiteCaseStore.open(path)
        // Other cases around it, so the query has to find the case's events among others.
        _ = try store.append(try (0..<100).map { try opening("N-\($0)", day: 0) })
        _ = try store.append(try (0..<50_000).map { try note(caseID: "N-\($0 % 100)", number: $0) })
        try store.openCase("C-BIG", at: start, payload: openedPayload("C-BIG"))
        var events: [NewEvent] = []
        for number in 1..<1_000 {
            events.append(try mixedCaseEvent(caseID: "C-BIG", number: number))
        }
        _ = try store.append(events)

        let eventsTime = median(runs: 30) { _ = try store.events(for: "C-BIG") }
        let stateTime = median(runs: 30) { _ = try store.state(for: "C-BIG") }
        let count = try store.events(for: "C-BIG").count
        report("events(for:) of a case with \(count) events", ms(eventsTime), target: "< 20 ms")
        report("state(for:) of a case with \(count) events (replays them)", ms(stateTime), target: "< 20 ms")
    }

    // MARK: - A million events

    private func millionEvents(path: String) throws {
        do {
            let store = try SQLiteCaseStore.open(path)
            let cases = 20_000
            _ = try store.append(try (0..<cases).map { try opening("C-\($0)", day: 0) })
            var written = cases
            let buildStart = clock.now
            while written < 1_000_000 {
                let size = min(20_000, 1_000_000 - written)
                _ = try store.append(try (0..<size).map { try mixedEvent(number: written + $0, cases: cases) })
                written += size
            }
            report("building a store of 1,000,000 events", "\(Int(Double(written - cases) / (clock.now - buildStart).seconds)) events/s", target: nil)
            try store.closeDatabase()
        }

        var openTimes: [Duration] = []
        for _ in 0..<10 {
            let openStart = clock.now
            let store = try SQLiteCaseStore.open(path)
            openTimes.append(clock.now - openStart)
            try store.closeDatabase()
        }
        openTimes.sort()
        report("open a store of 1,000,000 events (median of 10; first \(ms(openTimes.first!))…max \(ms(openTimes.last!)))",
               ms(openTimes[openTimes.count / 2]), target: "< 100 ms")

        let store = try SQLiteCaseStore.open(path)
        let firstAppendStart = clock.now
        try store.append(NotePayload(text: "after reopening"), to: "C-1", at: start)
        report("first append after opening it", ms(clock.now - firstAppendStart), target: nil)
        let listStart = clock.now
        let open = try store.listCases(CaseFilter(openOnly: true))
        report("list \(open.count) open cases", ms(clock.now - listStart), target: nil)
        let overdueStart = clock.now
        let overdue = try store.listCases(CaseFilter(overdueAsOf: start.addingTimeInterval(30 * 86_400)))
        report("list \(overdue.count) overdue cases", ms(clock.now - overdueStart), target: nil)
        let reportStart = clock.now
        _ = try store.report(asOf: start.addingTimeInterval(30 * 86_400))
        report("report over 20,000 cases", ms(clock.now - reportStart), target: nil)
        let verifyStart = clock.now
        let verification = try store.verify()
        let verifyTime = clock.now - verifyStart
        report("verify the whole chain (\(verification.eventsChecked) events, valid: \(verification.isValid))",
               "\(ms(verifyTime)), \(Int(Double(verification.eventsChecked) / verifyTime.seconds)) events/s", target: nil)
        let rebuildStart = clock.now
        try store.rebuildProjections()
        report("rebuild the case projection from 1,000,001 events", ms(clock.now - rebuildStart), target: nil)
    }

    // MARK: - Events

    private func openedPayload(_ caseID: String) -> CaseOpenedPayload {
        CaseOpenedPayload(
            case: Data(#"{"id":"\#(caseID)","victim":{"age":34},"children":[{"age":6}]}"#.utf8),
            pluginID: "eastleigh", area: "Eastleigh", riskBand: nil)
    }

    private func opening(_ caseID: String, day: Int) throws -> NewEvent {
        try NewEvent(caseID: caseID, at: start, recordedBy: "caseworker.ali", payload: openedPayload(caseID))
    }

    private func note(caseID: String, number: Int) throws -> NewEvent {
        try NewEvent(
            caseID: caseID, at: start.addingTimeInterval(Double(number)), recordedBy: "caseworker.ali",
            payload: NotePayload(text: "Called back, no answer; left a safe voicemail as agreed (\(number))."))
    }

    /// Mostly notes and consent changes, some DASHes, decisions, referrals and shares, spread over `cases` cases.
    private func mixedEvent(number: Int, cases: Int) throws -> NewEvent {
        try mixedCaseEvent(caseID: "C-\(number % cases)", number: number)
    }

    private func mixedCaseEvent(caseID: String, number: Int) throws -> NewEvent {
        let at = start.addingTimeInterval(Double(number))
        switch number % 20 {
        case 0:
            return try NewEvent(caseID: caseID, at: at, recordedBy: "idva.sam", payload: DashCompletedPayload(
                answers: Dictionary(uniqueKeysWithValues: (1...24).map { ("q\($0)", $0 % 3 == 0 ? "yes" : "no") }),
                score: 8, completedBy: "idva.sam"))
        case 1:
            return try NewEvent(caseID: caseID, at: at, recordedBy: "caseworker.ali", payload: DecisionPayload(
                plan: Data(#"{"risk":{"band":"medium","score":8},"steps":[{"rule":"daa2021.s1.age"},{"rule":"plugins/eastleigh/init.lua:42"}]}"#.utf8),
                pluginID: "eastleigh", pluginVersion: "1.2.0", pluginHash: String(repeating: "ab", count: 32), clock: at,
                riskBand: number % 40 == 1 ? "high" : "medium", marac: number % 40 == 1,
                deadlines: [PlannedDeadline(id: "first_contact", due: at.addingTimeInterval(86_400))],
                referrals: [PlannedReferral(partner: "idva_service", kind: "idva", consent: "given", status: "ready")]))
        case 2, 3, 4:
            return try NewEvent(caseID: caseID, at: at, recordedBy: "caseworker.ali", payload: ConsentPayload(
                partner: ["idva", "marac", "police"][number % 3], decision: number % 2 == 0 ? .given : .withdrawn,
                by: "caseworker.ali"))
        case 5:
            return try NewEvent(caseID: caseID, at: at, recordedBy: "caseworker.ali", payload: InformationSharedPayload(
                sharedBy: "caseworker.ali", what: ["dash_answers"], recipient: "idva_service", sharedAt: at,
                consent: true, reason: "referral"))
        case 6:
            return try NewEvent(caseID: caseID, at: at, recordedBy: "caseworker.ali", payload: ReferralSentPayload(
                partner: "idva_service", kind: "idva", consent: "given"))
        default:
            return try note(caseID: caseID, number: number)
        }
    }

    // MARK: - Timing

    private func median(runs: Int, _ body: () throws -> Void) -> Duration {
        var times: [Duration] = []
        for _ in 0..<runs {
            let begin = clock.now
            try? body()
            times.append(clock.now - begin)
        }
        times.sort()
        return times[times.count / 2]
    }

    private func ms(_ duration: Duration) -> String {
        String(format: "%.2f ms", duration.seconds * 1000)
    }

    private func report(_ what: String, _ figure: String, target: String?) {
        print("store: \(what): \(figure)\(target.map { " (target \($0))" } ?? "")")
        fflush(nil)
    }
}

/// CPU time used by this process so far (user and system), in seconds.
private func processCPUSeconds() -> Double {
    var usage = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &usage)
    return Double(usage.tv_sec) + Double(usage.tv_nsec) / 1e9
}

private extension Duration {
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
