import Foundation
import HearthCore
import HearthStore
import LuaBridge

/// What became of one row once the script had mapped it.
public enum RowOutcome {
    /// The script skipped the row, for this reason.
    case skip(String)
    /// The row cannot be imported, for these reasons (and its external id, when known).
    case reject([ImportProblem], externalID: String?)
    /// The row becomes one event (a case opened, a signal), under this external id.
    case event(NewEvent, externalID: String)
    /// The row becomes these events, under this external id.
    case events([NewEvent], externalID: String)
}

/// Checks what `map` returned and turns it into store events: a case, events for an existing case, or a signal.
public struct RowInterpreter: Sendable {
    /// The plugin id cases are opened under.
    public var pluginID: String?
    /// Who the events are recorded by.
    public var recordedBy: String?
    /// The time used for events that carry none (signals without `at`).
    public var now: Date

    /// Creates an interpreter.
    public init(pluginID: String?, recordedBy: String?, now: Date) {
        self.pluginID = pluginID
        self.recordedBy = recordedBy
        self.now = now
    }

    /// Keys whose value is a list even when the script leaves it empty (`{}` is both in Lua).
    static let listKeys: Set<String> = ["children", "household", "behaviours", "threats", "other", "lawful_basis", "applies_to", "what", "events"]

    /// Interprets a mapped row whose result is in `arena`.
    public func interpret(_ mapped: ImportScript.Mapped, in arena: FlatJSON) -> RowOutcome {
        if !mapped.problems.isEmpty {
            return .reject(mapped.problems, externalID: mapped.externalID)
        }
        if let reason = mapped.skipped { return .skip(reason) }
        if let root = mapped.root, arena.kind(root) == .list { return notATable(Self.found(arena.value(root)), mapped) }
        if let found = mapped.notATable { return notATable(found, mapped) }
        guard let root = mapped.root, arena.kind(root) == .object else {
            return .skip(mapped.reason ?? "the script returned nothing for this row")
        }
        guard let externalID = mapped.externalID, !externalID.isEmpty else {
            return .reject([ImportProblem(field: "external_id", message: "the script gave no external id (set external_id in the result, or call ctx.external_id(…))")], externalID: nil)
        }
        let caseID = arena.member("case_id" as StaticString, in: root).map(arena.value)
        if let signal = arena.member("signal" as StaticString, in: root) {
            return signalEvent(arena.value(signal), caseID: Self.text(caseID), externalID: externalID)
        }
        if let events = arena.member("events" as StaticString, in: root) {
            return caseEvents(arena.value(events), caseID: caseID, externalID: externalID)
        }
        return caseOpened(arena, root, externalID: externalID)
    }

    private func notATable(_ found: String, _ mapped: ImportScript.Mapped) -> RowOutcome {
        .reject([ImportProblem(field: "map", message: "must return a table (a case, { events = … } or { signal = … }) or nil and a reason, returned \(found)")], externalID: mapped.externalID)
    }

    private func caseOpened(_ arena: FlatJSON, _ root: FlatJSON.Index, externalID: String) -> RowOutcome {
        switch CaseFile.validate(arena, root: root) {
        case .failure(let error):
            return .reject(error.problems.map { ImportProblem(field: $0.path, message: $0.message) }, externalID: externalID)
        case .success(let caseFile):
            guard let pluginID, !pluginID.isEmpty else {
                return .reject([ImportProblem(field: "plugin", message: "no plugin to open the case under: set plugin = \"<id>\" in the script or pass --plugin")], externalID: externalID)
            }
            if PropertySubject.isProperty(caseFile.id) {
                return .reject([ImportProblem(field: "id", message: "a case id may not start with '\(PropertySubject.prefix)'")], externalID: externalID)
            }
            return .event(NewEvent.caseOpened(
                caseID: caseFile.id, at: caseFile.reportedAt.date, recordedBy: recordedBy, case: arena, root: root,
                pluginID: pluginID, area: caseFile.area, externalID: externalID), externalID: externalID)
        }
    }

    private func signalEvent(_ value: JSONValue, caseID: String?, externalID: String) -> RowOutcome {
        guard case .object(let s) = value else {
            return .reject([ImportProblem(field: "signal", message: "must be a table { property = …, kind = … }, found \(Self.found(value))")], externalID: externalID)
        }
        var problems: [ImportProblem] = []
        let property = Self.text(s["property"])
        let kind = Self.text(s["kind"])
        if property?.isEmpty ?? true { problems.append(ImportProblem(field: "signal.property", message: "is required (the property's reference)")) }
        if let kind, !kind.isEmpty {
            if !kind.utf8.allSatisfy({ ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 95 }) {
                problems.append(ImportProblem(field: "signal.kind", message: "'\(kind)' must be lower-case letters, digits and '_' (e.g. door_damage)"))
            }
        } else {
            problems.append(ImportProblem(field: "signal.kind", message: "is required (e.g. door_damage, lock_change, asb_complaint)"))
        }
        var details: [String: String] = [:]
        if let d = s["details"], d != .null {
            guard case .object(let dt) = d else {
                problems.append(ImportProblem(field: "signal.details", message: "must be a table of names and values, found \(Self.found(d))"))
                return .reject(problems, externalID: externalID)
            }
            for (key, item) in dt {
                if let t = Self.text(item) { details[key] = t } else if case .bool(let b) = item { details[key] = b ? "true" : "false" } else {
                    problems.append(ImportProblem(field: "signal.details.\(key)", message: "must be text, a number or a boolean, found \(Self.found(item))"))
                }
            }
        }
        var at = now
        if let atValue = s["at"], atValue != .null {
            if let parsed = Self.time(atValue) { at = parsed } else {
                problems.append(ImportProblem(field: "signal.at", message: "expected an ISO 8601 time with an offset or a date YYYY-MM-DD, found \(Self.found(atValue))"))
            }
        }
        let subject = Self.text(s["case_id"]) ?? caseID
        guard problems.isEmpty, let property, let kind else { return .reject(problems, externalID: externalID) }
        return .event(NewEvent.identificationSignal(
            subject: subject ?? PropertySubject.id(forProperty: property), at: at, recordedBy: recordedBy,
            propertyRef: property, signal: kind, details: details, externalID: externalID), externalID: externalID)
    }

    private func caseEvents(_ value: JSONValue, caseID: JSONValue?, externalID: String) -> RowOutcome {
        guard let caseID = Self.text(caseID), !caseID.isEmpty else {
            return .reject([ImportProblem(field: "case_id", message: "is required with events (the existing case's id)")], externalID: externalID)
        }
        let list: [JSONValue]
        switch value {
        case .array(let items): list = items
        case .object(let t) where t.isEmpty: list = []
        default:
            return .reject([ImportProblem(field: "events", message: "must be a list of events, found \(Self.found(value))")], externalID: externalID)
        }
        guard !list.isEmpty else {
            return .reject([ImportProblem(field: "events", message: "is empty (return nil and a reason to skip a row)")], externalID: externalID)
        }
        var events: [NewEvent] = []
        var problems: [ImportProblem] = []
        for (i, item) in list.enumerated() {
            let path = "events[\(i + 1)]"
            guard case .object(var fields) = item else {
                problems.append(ImportProblem(field: path, message: "must be a table with kind and at, found \(Self.found(item))"))
                continue
            }
            guard let kindText = Self.text(fields.removeValue(forKey: "kind")), let kind = EventKind(rawValue: kindText) else {
                problems.append(ImportProblem(field: "\(path).kind", message: "must be one of \(Self.importableKinds.map(\.rawValue).joined(separator: ", "))"))
                continue
            }
            guard Self.importableKinds.contains(kind) else {
                problems.append(ImportProblem(field: "\(path).kind", message: "'\(kindText)' cannot be imported (cases are opened by returning the case; decisions are made by hearth)"))
                continue
            }
            let atValue = fields.removeValue(forKey: "at")
            guard let at = atValue.flatMap(Self.time) else {
                problems.append(ImportProblem(field: "\(path).at", message: "expected an ISO 8601 time with an offset or a date YYYY-MM-DD, found \(atValue.map(Self.found) ?? "nothing")"))
                continue
            }
            let by = Self.text(fields.removeValue(forKey: "recorded_by")) ?? recordedBy
            var bytes: [UInt8] = []
            CanonicalJSONWriter.write(.object(fields), to: &bytes)
            do {
                events.append(try Self.typedEvent(
                    kind: kind, caseID: caseID, at: at, recordedBy: by, json: Data(bytes), externalID: "\(externalID)#\(i + 1)"))
            } catch let error as StoreError {
                problems.append(ImportProblem(field: path, message: error.description))
            } catch {
                problems.append(ImportProblem(field: path, message: "\(error)"))
            }
        }
        if !problems.isEmpty { return .reject(problems, externalID: externalID) }
        return .events(events, externalID: externalID)
    }

    /// The kinds an import may record for an existing case.
    static let importableKinds: [EventKind] = [
        .disclosureRecorded, .consentRecorded, .dashCompleted, .professionalJudgementRecorded, .referralSent,
        .measureOrdered, .measureFitted, .housingAction, .perpetratorAction, .noteAdded, .caseClosed, .caseReopened,
        .informationShared, .identificationSignal,
    ]

    static func typedEvent(kind: EventKind, caseID: String, at: Date, recordedBy: String?, json: Data, externalID: String) throws -> NewEvent {
        func make<P: EventPayload>(_ type: P.Type) throws -> NewEvent {
            try NewEvent(caseID: caseID, at: at, recordedBy: recordedBy, payload: CanonicalJSON.decode(P.self, from: json), externalID: externalID)
        }
        switch kind {
        case .disclosureRecorded: return try make(DisclosurePayload.self)
        case .consentRecorded: return try make(ConsentPayload.self)
        case .dashCompleted: return try make(DashCompletedPayload.self)
        case .professionalJudgementRecorded: return try make(ProfessionalJudgementPayload.self)
        case .referralSent: return try make(ReferralSentPayload.self)
        case .measureOrdered: return try make(MeasureOrderedPayload.self)
        case .measureFitted: return try make(MeasureFittedPayload.self)
        case .housingAction: return try make(HousingActionPayload.self)
        case .perpetratorAction: return try make(PerpetratorActionPayload.self)
        case .noteAdded: return try make(NotePayload.self)
        case .caseClosed: return try make(ClosedPayload.self)
        case .caseReopened: return try make(ReopenedPayload.self)
        case .informationShared: return try make(InformationSharedPayload.self)
        case .identificationSignal: return try make(IdentificationSignalPayload.self)
        case .caseOpened, .decisionMade:
            throw StoreError.invalidEvent(field: "kind", reason: "'\(kind.rawValue)' cannot be imported as an event")
        }
    }

    static func text(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .double(let d): return d.rounded() == d ? String(Int64(d)) : String(d)
        default: return nil
        }
    }

    static func time(_ value: JSONValue) -> Date? {
        guard let text = text(value) else { return nil }
        if let ts = Timestamp.parse(text) { return ts.date }
        if text.count == 10, let day = LocalDate.parse(text), let ts = Timestamp.parse(day.description + "T00:00:00Z") {
            return ts.date
        }
        return nil
    }

    /// How a value reads in a message to a script's author, in Lua's terms ("a table", "nil", …).
    static func found(_ value: JSONValue) -> String { ImportRunner.lua(value).found }
}

/// Builds JSON straight from the table a script's `map` returned into a chunk's `FlatJSON` arena (no `LuaValue`
/// or `JSONValue` tree in between): integral floats become integers, an empty table under a list key becomes a list,
/// text that is not UTF-8 gets replacement characters, and functions are refused.
struct MappedJSON: LuaTreeBuilder {
    /// The chunk's arena, appended to through its buffers (see ``FlatJSON/Builder``).
    let arena: FlatJSON.Builder

    /// Members gather on the arena's stack, which does not need sizing.
    static var sizesFields: Bool { false }
    /// Keys are copied into the arena from Lua's bytes.
    static var takesKeyBytes: Bool { true }

    func null() -> FlatJSON.Index { arena.null() }
    func boolean(_ value: Bool) -> FlatJSON.Index { arena.bool(value) }
    func integer(_ value: Int64) -> FlatJSON.Index { arena.int(Int(value)) }
    func number(_ d: Double) -> FlatJSON.Index {
        d.rounded() == d && abs(d) < 1e15 ? arena.int(Int(d)) : arena.double(d)
    }
    func string(_ value: String) -> FlatJSON.Index { arena.string(value) }
    func string(bytes: UnsafeRawBufferPointer) -> FlatJSON.Index {
        if UTF8Bytes.areValid(bytes) { return arena.string(utf8: bytes) }
        return arena.string(String(decoding: bytes, as: UTF8.self))
    }
    func list(_ items: [FlatJSON.Index]) -> FlatJSON.Index {
        let mark = arena.beginContainer()
        for item in items { arena.addItem(item) }
        return arena.endList(mark)
    }
    func fields(capacity count: Int) -> Int { arena.beginContainer() }
    /// Lists go straight into the arena, item by item.
    static var buildsListsInPlace: Bool { true }
    func listItems() -> Int { arena.beginContainer() }
    func addItem(_ item: FlatJSON.Index, to mark: inout Int) { arena.addItem(item) }
    func list(items mark: Int) -> FlatJSON.Index { arena.endList(mark) }
    func abandon(items mark: Int) { arena.abandon(since: mark) }
    func add(_ key: String, _ value: FlatJSON.Index, to mark: inout Int, repeatable: Bool) {
        if repeatable { arena.setMember(key: key, value, since: mark) } else { arena.addMember(key: key, value) }
    }
    func add(keyBytes: UnsafeRawBufferPointer, _ value: FlatJSON.Index, to mark: inout Int) {
        // Keys that are not UTF-8 are mended, as for strings.
        if UTF8Bytes.areValid(keyBytes) {
            arena.addMember(key: keyBytes, value)
        } else {
            arena.addMember(key: String(decoding: keyBytes, as: UTF8.self), value)
        }
    }
    func object(_ mark: Int) -> FlatJSON.Index { arena.endObject(mark) }
    func emptyTable(key: String?) -> FlatJSON.Index {
        let mark = arena.beginContainer()
        if let key, RowInterpreter.listKeys.contains(key) { return arena.endList(mark) }
        return arena.endObject(mark)
    }
    func function(_ retain: () -> LuaFunction) -> FlatJSON.Index? { nil }
}
