import Foundation

/// Why a case was rejected: every problem found, each with the JSON path of the field at fault.
public struct CaseValidationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// One problem with one field.
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        /// The JSON path of the field, e.g. `victim.age` or `children[1].exposed`; `$` for the whole document.
        public var path: String
        /// What was expected and what was found.
        public var message: String

        /// Creates a problem.
        public init(path: String, message: String) { self.path = path; self.message = message }

        /// `path: message`.
        public var description: String { "\(path): \(message)" }
    }

    /// Every problem, in document order.
    public var problems: [Problem]

    /// Creates an error from its problems.
    public init(problems: [Problem]) { self.problems = problems }

    /// One problem per line.
    public var description: String {
        let heading = problems.count == 1 ? "the case has 1 problem" : "the case has \(problems.count) problems"
        return ([heading + ":"] + problems.map { "  " + $0.description }).joined(separator: "\n")
    }
}

/// Names (an object's allowed keys, an enumeration's raw values), each kept also as its UTF-8 bytes in four
/// words, so that matching a string is a few loads and integer compares rather than hashing or `String` comparison.
final class KeyList: Sendable {
    typealias Words = (UInt64, UInt64, UInt64, UInt64)

    /// The names, in the order the validator reads them.
    let names: [String]
    private let words: [Words]
    private let lengths: [Int]
    /// Each name's position by a hash of its first word and length (open addressing, -1 for an empty slot), so
    /// that a key is compared with one name or two rather than with each in turn.
    private let slots: [Int8]
    private static let slotBits = 6

    init(_ names: [String]) {
        precondition(names.count <= 24 && names.allSatisfy { $0.utf8.count <= 32 })
        self.names = names
        self.words = names.map { name in Array(name.utf8).withUnsafeBufferPointer { KeyList.words($0) } }
        self.lengths = names.map(\.utf8.count)
        var slots = [Int8](repeating: -1, count: 1 << Self.slotBits)
        for (i, w) in words.enumerated() {
            var slot = Self.slot(w.0, lengths[i])
            while slots[slot] >= 0 { slot = (slot + 1) & ((1 << Self.slotBits) - 1) }
            slots[slot] = Int8(i)
        }
        self.slots = slots
    }

    @inline(__always)
    private static func slot(_ first: UInt64, _ length: Int) -> Int {
        Int(truncatingIfNeeded: ((first ^ UInt64(length)) &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - slotBits))
    }

    /// The position of `key` among the names, or nil when it is not one of them (compared as `String` does).
    func index(of key: String) -> Int? {
        let matched: Int?? = key.utf8.withContiguousStorageIfAvailable { bytes -> Int? in
            sameBytes(UnsafeRawBufferPointer(bytes))
        }
        if let matched, let matched { return matched }
        // Not the same bytes as any name: only a canonically equivalent spelling could still be equal.
        return names.firstIndex(of: key)
    }

    /// The position of the name whose UTF-8 is `key`, or nil when it is not one of them (compared as `String` does).
    func index(of key: UnsafeRawBufferPointer) -> Int? {
        if let matched = sameBytes(key) { return matched }
        // Only non-ASCII text could still be a canonically equivalent spelling of a name.
        guard key.contains(where: { $0 >= 0x80 }) else { return nil }
        return names.firstIndex(of: String(decoding: key, as: UTF8.self))
    }

    /// The position of the name with exactly these bytes.
    @inline(__always)
    private func sameBytes(_ bytes: UnsafeRawBufferPointer) -> Int? {
        guard bytes.count <= 32 else { return nil }
        let w = KeyList.words(bytes.bindMemory(to: UInt8.self))
        let n = bytes.count
        return words.withUnsafeBufferPointer { words in
            lengths.withUnsafeBufferPointer { lengths in
                slots.withUnsafeBufferPointer { slots in
                    var slot = Self.slot(w.0, n)
                    while slots[slot] >= 0 {
                        let i = Int(slots[slot])
                        if words[i].0 == w.0 && lengths[i] == n && words[i].1 == w.1 && words[i].2 == w.2 && words[i].3 == w.3 {
                            return i
                        }
                        slot = (slot + 1) & ((1 << Self.slotBits) - 1)
                    }
                    return nil
                }
            }
        }
    }

    /// Up to 32 bytes in four words, zero-padded.
    @inline(__always)
    private static func words(_ bytes: UnsafeBufferPointer<UInt8>) -> Words {
        let n = bytes.count
        guard let base = bytes.baseAddress, n > 0 else { return (0, 0, 0, 0) }
        let raw = UnsafeRawPointer(base)
        @inline(__always) func word(_ at: Int) -> UInt64 {
            let remaining = n - at
            if remaining >= 8 { return raw.loadUnaligned(fromByteOffset: at, as: UInt64.self) }
            if remaining <= 0 { return 0 }
            // Fewer than eight bytes: two loads that may overlap (the bytes they share are the same), no loop.
            if remaining >= 4 {
                let low = UInt64(raw.loadUnaligned(fromByteOffset: at, as: UInt32.self))
                let high = UInt64(raw.loadUnaligned(fromByteOffset: at + remaining - 4, as: UInt32.self))
                return low | high << UInt64(8 * (remaining - 4))
            }
            let first = UInt64(raw.load(fromByteOffset: at, as: UInt8.self))
            let middle = UInt64(raw.load(fromByteOffset: at + remaining / 2, as: UInt8.self))
            let last = UInt64(raw.load(fromByteOffset: at + remaining - 1, as: UInt8.self))
            return first | middle << UInt64(8 * (remaining / 2)) | last << UInt64(8 * (remaining - 1))
        }
        return (word(0), word(8), word(16), word(24))
    }
}

/// An enumeration read from its raw value through a `KeyList` rather than `init?(rawValue:)`'s string switch.
protocol CaseNames: CaseIterable, RawRepresentable where RawValue == String {
    /// The raw values, in `cases` order.
    static var caseNames: KeyList { get }
    /// `allCases` as an array.
    static var cases: [Self] { get }
}

extension CaseNames {
    /// The case whose raw value is `text`; the same as `init?(rawValue:)`.
    static func named(_ text: String) -> Self? {
        caseNames.index(of: text).map { cases[$0] }
    }

    /// The case whose raw value is the text with these UTF-8 bytes.
    static func named(utf8 text: UnsafeRawBufferPointer) -> Self? {
        caseNames.index(of: text).map { cases[$0] }
    }
}

extension Channel: CaseNames {
    static let cases = Array(allCases)
    static let caseNames = KeyList(cases.map(\.rawValue))
}
extension Tenure: CaseNames {
    static let cases = Array(allCases)
    static let caseNames = KeyList(cases.map(\.rawValue))
}
extension Relationship: CaseNames {
    static let cases = Array(allCases)
    static let caseNames = KeyList(cases.map(\.rawValue))
}
extension Behaviour: CaseNames {
    static let cases = Array(allCases)
    static let caseNames = KeyList(cases.map(\.rawValue))
}
extension Threat: CaseNames {
    static let cases = Array(allCases)
    static let caseNames = KeyList(cases.map(\.rawValue))
}
extension DashAnswer: CaseNames {
    static let cases = Array(allCases)
    static let caseNames = KeyList(cases.map(\.rawValue))
}
extension HandoffConsent: CaseNames {
    static let cases = Array(allCases)
    static let caseNames = KeyList(cases.map(\.rawValue))
}
extension PartnerConsent: CaseNames {
    static let cases = Array(allCases)
    static let caseNames = KeyList(cases.map(\.rawValue))
}
extension LawfulBasis: CaseNames {
    static let cases = Array(allCases)
    static let caseNames = KeyList(cases.map(\.rawValue))
}
extension HousingWish: CaseNames {
    static let cases = Array(allCases)
    static let caseNames = KeyList(cases.map(\.rawValue))
}
extension ContactMethod: CaseNames {
    static let cases = Array(allCases)
    static let caseNames = KeyList(cases.map(\.rawValue))
}

/// An object's values by the position of their key in its `KeyList`, read in one pass over the object.
///
/// One concrete type per kind of document (rather than one generic type): a generic struct holding an `InlineArray`
/// was destroyed through its runtime metadata on every object read, which cost more than the reading.
protocol MemberTable {
    associatedtype Node
    init(_ keys: KeyList)
    var keys: KeyList { get }
    subscript(slot: Int) -> Node? { get set }
}

/// The members of an object in a `JSONValue` tree.
struct TreeMembers: MemberTable {
    var values = InlineArray<24, JSONValue?>(repeating: nil)
    let keys: KeyList
    init(_ keys: KeyList) { self.keys = keys }
    subscript(slot: Int) -> JSONValue? {
        get { values[slot] }
        set { values[slot] = newValue }
    }
}

/// The members of an object in a `FlatJSON` arena, by node index (-1 when absent).
struct FlatMembers: MemberTable {
    var values = InlineArray<24, Int32>(repeating: -1)
    let keys: KeyList
    init(_ keys: KeyList) { self.keys = keys }
    subscript(slot: Int) -> Int32? {
        get { values[slot] < 0 ? nil : values[slot] }
        set { values[slot] = newValue ?? -1 }
    }
}

/// What the validator reads a case from: a `JSONValue` tree, or a document in a `FlatJSON` arena.
protocol CaseDocument {
    associatedtype Node
    associatedtype Members: MemberTable where Members.Node == Node
    func isNull(_ n: Node) -> Bool
    func isObject(_ n: Node) -> Bool
    func isList(_ n: Node) -> Bool
    /// An object's member count or a list's item count.
    func count(_ n: Node) -> Int
    /// A list's item.
    func item(_ n: Node, _ i: Int) -> Node
    /// Puts each member of object `n` in its slot of `members`; returns whether any key has no slot.
    func fill(_ members: inout Members, from n: Node) -> Bool
    /// An object's members, keys as text.
    func memberList(_ n: Node) -> [(key: String, value: Node)]
    func bool(_ n: Node) -> Bool?
    /// An integer, or a whole double under 10^15.
    func integer(_ n: Node) -> Int?
    func string(_ n: Node) -> String?
    /// Runs `body` on a string's UTF-8 bytes; nil when the node is not a string.
    func withString<R>(_ n: Node, _ body: (UnsafeRawBufferPointer) -> R) -> R?
    func shortDescription(_ n: Node) -> String
}

/// A `JSONValue` tree as a `CaseDocument`.
struct JSONTree: CaseDocument {
    typealias Members = TreeMembers
    func isNull(_ n: JSONValue) -> Bool { n == .null }
    func isObject(_ n: JSONValue) -> Bool { if case .object = n { true } else { false } }
    func isList(_ n: JSONValue) -> Bool { if case .array = n { true } else { false } }
    func count(_ n: JSONValue) -> Int {
        switch n {
        case .array(let items): items.count
        case .object(let fields): fields.count
        default: 0
        }
    }
    func item(_ n: JSONValue, _ i: Int) -> JSONValue {
        guard case .array(let items) = n else { return .null }
        return items[i]
    }
    func fill(_ members: inout TreeMembers, from n: JSONValue) -> Bool {
        guard case .object(let fields) = n else { return false }
        var unknown = false
        for (key, item) in fields {
            if let i = members.keys.index(of: key) { members[i] = item } else { unknown = true }
        }
        return unknown
    }
    func memberList(_ n: JSONValue) -> [(key: String, value: JSONValue)] {
        guard case .object(let fields) = n else { return [] }
        return fields.map { ($0.key, $0.value) }
    }
    func bool(_ n: JSONValue) -> Bool? { if case .bool(let b) = n { b } else { nil } }
    func integer(_ n: JSONValue) -> Int? {
        switch n {
        case .int(let v): v
        case .double(let d) where d.rounded() == d && abs(d) < 1e15: Int(d)
        default: nil
        }
    }
    func string(_ n: JSONValue) -> String? { if case .string(let s) = n { s } else { nil } }
    func withString<R>(_ n: JSONValue, _ body: (UnsafeRawBufferPointer) -> R) -> R? {
        guard case .string(let s) = n else { return nil }
        if let done = s.utf8.withContiguousStorageIfAvailable({ body(UnsafeRawBufferPointer($0)) }) { return done }
        return Array(s.utf8).withUnsafeBytes { body($0) }
    }
    func shortDescription(_ n: JSONValue) -> String { n.shortDescription }
}

/// A document in a `FlatJSON` arena as a `CaseDocument`, read through the arena's pointers.
struct FlatDocument: CaseDocument {
    typealias Members = FlatMembers
    let view: FlatJSON.UnsafeView
    func isNull(_ n: FlatJSON.Index) -> Bool { view.kind(n) == .null }
    func isObject(_ n: FlatJSON.Index) -> Bool { view.kind(n) == .object }
    func isList(_ n: FlatJSON.Index) -> Bool { view.kind(n) == .list }
    func count(_ n: FlatJSON.Index) -> Int {
        let kind = view.kind(n)
        return kind == .list || kind == .object ? view.count(n) : 0
    }
    func item(_ n: FlatJSON.Index, _ i: Int) -> FlatJSON.Index { view.child(n, at: i) }
    func fill(_ members: inout FlatMembers, from n: FlatJSON.Index) -> Bool {
        guard view.kind(n) == .object else { return false }
        var unknown = false
        for k in 0..<view.count(n) {
            if let i = members.keys.index(of: view.key(n, at: k)) { members[i] = view.child(n, at: k) } else { unknown = true }
        }
        return unknown
    }
    func memberList(_ n: FlatJSON.Index) -> [(key: String, value: FlatJSON.Index)] {
        guard view.kind(n) == .object else { return [] }
        return (0..<view.count(n)).map { (String(decoding: view.key(n, at: $0), as: UTF8.self), view.child(n, at: $0)) }
    }
    func bool(_ n: FlatJSON.Index) -> Bool? { view.kind(n) == .bool ? view.bool(n) : nil }
    func integer(_ n: FlatJSON.Index) -> Int? {
        switch view.kind(n) {
        case .int: return view.int(n)
        case .double:
            let d = view.double(n)
            return d.rounded() == d && abs(d) < 1e15 ? Int(d) : nil
        default: return nil
        }
    }
    func string(_ n: FlatJSON.Index) -> String? {
        view.kind(n) == .string ? String(decoding: view.string(n), as: UTF8.self) : nil
    }
    func withString<R>(_ n: FlatJSON.Index, _ body: (UnsafeRawBufferPointer) -> R) -> R? {
        view.kind(n) == .string ? body(view.string(n)) : nil
    }
    func shortDescription(_ n: FlatJSON.Index) -> String {
        switch view.kind(n) {
        case .null: return "null"
        case .bool: return view.bool(n) ? "true" : "false"
        case .int: return String(view.int(n))
        case .double: return String(view.double(n))
        case .string: return JSONValue.string(String(decoding: view.string(n), as: UTF8.self)).shortDescription
        case .list: return "a list"
        case .object: return "an object"
        }
    }
}

/// The case format's field names, and the helpers of its messages.
enum CaseValidator {
    /// The allowed name closest to a misspelt one (same letters ignoring case, `-` or spaces for `_`, or at most two edits).
    static func suggestion(for word: String, among names: [String]) -> String? {
        let folded = word.lowercased().replacingOccurrences(of: "-", with: "_").replacingOccurrences(of: " ", with: "_")
        if let exact = names.first(where: { $0 == folded }) { return exact }
        func distance(_ a: [Character], _ b: [Character]) -> Int {
            guard !a.isEmpty else { return b.count }
            guard !b.isEmpty else { return a.count }
            var row = Array(0...b.count)
            for i in 1...a.count {
                var diagonal = row[0]
                row[0] = i
                for j in 1...b.count {
                    let above = row[j]
                    row[j] = min(above + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1))
                    diagonal = above
                }
            }
            return row[b.count]
        }
        let w = Array(folded)
        let best = names.map { ($0, distance(w, Array($0))) }.min { $0.1 < $1.1 }
        guard let best, best.1 <= 2, best.1 < w.count else { return nil }
        return best.0
    }

    /// Whether `s` is empty once `.whitespacesAndNewlines` are trimmed. Printable ASCII decides at once; text that
    /// is only tab, line breaks and spaces is blank; anything else is left to Foundation.
    static func isBlank(_ s: String) -> Bool {
        let quick: Bool?? = s.utf8.withContiguousStorageIfAvailable { bytes -> Bool? in
            for byte in bytes {
                if byte > 0x20 && byte < 0x7F { return false }
                if byte != 0x20 && !(0x09...0x0D).contains(byte) { return nil }
            }
            return true
        }
        if let quick, let quick { return quick }
        return s.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    }


    static let caseKeys = [
        "id", "reported_at", "channel", "immediate_danger", "area", "victim", "perpetrator", "children", "household",
        "behaviours", "threats", "dash", "professional_judgement", "incidents_12_months", "last_marac_referral",
        "consent", "housing", "property", "contact", "needs", "counter_allegation",
    ]

    /// The fields allowed in each nested object, by JSON path (list items without an index).
    /// The validator reads each object's fields by their position in these lists.
    static let fields: [String: [String]] = [
        "victim": ["age", "gender", "tenant", "tenure", "has_capacity", "recourse_to_public_funds"],
        "perpetrator": ["age", "relationship", "current", "tenant", "lives_with_victim"],
        "children": ["age", "related_to_victim", "related_to_perpetrator", "exposed"],
        "household": ["age", "relationship"],
        "dash": ["answers", "yes_count"],
        "professional_judgement": ["high_risk", "reason"],
        "consent": ["handoff", "handoff_at", "referrals", "lawful_basis"],
        "consent.lawful_basis": ["basis", "reason", "recorded_by", "applies_to"],
        "housing": ["wishes", "homeless", "threatened_within_days", "eligible"],
        "property": ["damage_leaves_unsafe", "perpetrator_left", "victim_left"],
        "contact": ["safe_method", "safe_times", "voicemail_safe", "address_safe"],
        "needs": ["interpreter_language", "bsl", "disability", "other"],
    ]

    static let caseKeyList = KeyList(caseKeys)
    static let victimKeys = KeyList(fields["victim"]!)
    static let perpetratorKeys = KeyList(fields["perpetrator"]!)
    static let childKeys = KeyList(fields["children"]!)
    static let householdKeys = KeyList(fields["household"]!)
    static let dashKeys = KeyList(fields["dash"]!)
    static let judgementKeys = KeyList(fields["professional_judgement"]!)
    static let consentKeys = KeyList(fields["consent"]!)
    static let basisKeys = KeyList(fields["consent.lawful_basis"]!)
    static let housingKeys = KeyList(fields["housing"]!)
    static let propertyKeys = KeyList(fields["property"]!)
    static let contactKeys = KeyList(fields["contact"]!)
    static let needsKeys = KeyList(fields["needs"]!)

    static let ageExpected = "an integer from 0 to 130"

}

/// Reads a case from a document (a `JSONValue` tree or a `FlatJSON` arena) into a `CaseFile`, collecting every
/// problem rather than stopping at the first. Paths are passed as autoclosures: they are built only for a problem.
struct CaseReader<D: CaseDocument> {
    typealias Node = D.Node
    let doc: D
    var problems: [CaseValidationError.Problem] = []

    init(_ doc: D) { self.doc = doc }

    mutating func problem(_ path: String, _ message: String) {
        problems.append(.init(path: path, message: message))
    }

    // MARK: Building blocks

    /// Reads an object's fields into `members` and reports unknown keys; returns false (after reporting) when the
    /// value is not an object.
    mutating func object(_ value: Node, _ path: @autoclosure () -> String, into members: inout D.Members) -> Bool {
        if doc.isList(value), doc.count(value) == 0 { return true }  // an empty Lua table
        guard doc.isObject(value) else {
            problem(path(), "expected an object, found \(doc.shortDescription(value))")
            return false
        }
        let keys = members.keys
        if doc.fill(&members, from: value) {
            let allowed = keys.names
            let path = path()
            for key in doc.memberList(value).map(\.key).sorted() where !allowed.contains(key) {
                let hint = CaseValidator.suggestion(for: key, among: allowed).map { " (did you mean '\($0)'?)" } ?? ""
                problem(join(path, key), "unknown field '\(key)'\(hint); allowed fields are \(allowed.joined(separator: ", "))")
            }
        }
        return true
    }

    func join(_ path: String, _ key: String) -> String { path.isEmpty || path == "$" ? key : "\(path).\(key)" }

    /// Looks up a field by its position in the object's key list; reports it missing when required.
    /// A JSON null counts as absent.
    mutating func field(
        _ members: D.Members, _ slot: Int, _ key: String, _ path: @autoclosure () -> String, required: Bool, expected: String
    ) -> Node? {
        assert(members.keys.names[slot] == key, "slot \(slot) is '\(members.keys.names[slot])', not '\(key)'")
        guard let value = members[slot], !doc.isNull(value) else {
            if required { problem(join(path(), key), "required field is missing (expected \(expected))") }
            return nil
        }
        return value
    }

    mutating func int(_ value: Node, _ path: @autoclosure () -> String, in range: ClosedRange<Int>, expected: String) -> Int? {
        guard let n = doc.integer(value), range.contains(n) else {
            problem(path(), "expected \(expected), found \(doc.shortDescription(value))")
            return nil
        }
        return n
    }

    mutating func bool(_ value: Node, _ path: @autoclosure () -> String) -> Bool? {
        guard let b = doc.bool(value) else {
            problem(path(), "expected true or false, found \(doc.shortDescription(value))")
            return nil
        }
        return b
    }

    mutating func string(_ value: Node, _ path: @autoclosure () -> String, nonEmpty: Bool = true) -> String? {
        guard let s = doc.string(value) else {
            problem(path(), "expected text, found \(doc.shortDescription(value))")
            return nil
        }
        if nonEmpty && CaseValidator.isBlank(s) {
            problem(path(), "expected text, found an empty string")
            return nil
        }
        return s
    }

    mutating func enumeration<E: CaseNames>(_ value: Node, _ path: @autoclosure () -> String, _: E.Type) -> E? {
        if let found = doc.withString(value, { E.named(utf8: $0) }), let e = found { return e }
        let names = E.allCases.map(\.rawValue)
        var hint = ""
        if let s = doc.string(value), let near = CaseValidator.suggestion(for: s, among: names) { hint = " (did you mean \"\(near)\"?)" }
        problem(path(), "expected one of \(names.joined(separator: " | ")), found \(doc.shortDescription(value))\(hint)")
        return nil
    }

    /// A list's node and item count (a tuple rather than a nested generic type, for the reason `MemberTable` gives).
    typealias Items = (node: Node, count: Int)

    mutating func list(_ value: Node, _ path: @autoclosure () -> String) -> Items? {
        if doc.isObject(value), doc.count(value) == 0 { return (value, 0) }  // an empty Lua table
        guard doc.isList(value) else {
            problem(path(), "expected a list, found \(doc.shortDescription(value))")
            return nil
        }
        return (value, doc.count(value))
    }

    func item(_ items: Items, _ i: Int) -> Node { doc.item(items.node, i) }

    mutating func enumList<E: CaseNames & Hashable>(_ value: Node, _ path: @autoclosure () -> String, _ type: E.Type) -> [E]? {
        guard let items = list(value, path()) else { return nil }
        var out: [E] = []
        out.reserveCapacity(items.count)
        var ok = true
        for i in 0..<items.count {
            if let e = enumeration(item(items, i), "\(path())[\(i)]", type) {
                if !out.contains(e) { out.append(e) }
            } else { ok = false }
        }
        return ok ? out : nil
    }

    /// The strings of a list, skipping (after reporting) the items that are not text.
    mutating func strings(_ items: Items, _ path: @autoclosure () -> String) -> [String] {
        var out: [String] = []
        for i in 0..<items.count {
            if let s = string(item(items, i), "\(path())[\(i)]") { out.append(s) }
        }
        return out
    }

    mutating func timestamp(_ value: Node, _ path: @autoclosure () -> String) -> Timestamp? {
        guard let parsed = doc.withString(value, { Timestamp.parse(utf8: $0.bindMemory(to: UInt8.self)) }), let t = parsed else {
            problem(path(), "expected ISO 8601 with an offset (e.g. \"2025-03-04T10:00:00+00:00\"), found \(doc.shortDescription(value))")
            return nil
        }
        return t
    }

    mutating func date(_ value: Node, _ path: @autoclosure () -> String) -> LocalDate? {
        guard let parsed = doc.withString(value, { LocalDate.parse(utf8: $0.bindMemory(to: UInt8.self)) }), let d = parsed else {
            problem(path(), "expected a date as YYYY-MM-DD, found \(doc.shortDescription(value))")
            return nil
        }
        return d
    }

    mutating func caseFile(_ value: Node) -> CaseFile? {
        var f = D.Members(CaseValidator.caseKeyList)
        guard object(value, "$", into: &f) else { return nil }
        let start = problems.count
        let id = field(f, 0, "id", "", required: true, expected: "the case reference as text").flatMap { string($0, "id") }
        let reportedAt = field(f, 1, "reported_at", "", required: true, expected: "ISO 8601 with an offset")
            .flatMap { timestamp($0, "reported_at") }
        let channel = field(f, 2, "channel", "", required: true, expected: "how the disclosure reached us")
            .flatMap { enumeration($0, "channel", Channel.self) }
        let danger = field(f, 3, "immediate_danger", "", required: true, expected: "true or false").flatMap { bool($0, "immediate_danger") }
        let area = field(f, 4, "area", "", required: false, expected: "").flatMap { string($0, "area") }
        let victim = field(f, 5, "victim", "", required: true, expected: "an object with at least age").flatMap { self.victim($0) }
        let perpetrator = field(f, 6, "perpetrator", "", required: true, expected: "an object with at least relationship")
            .flatMap { self.perpetrator($0) }
        let children = field(f, 7, "children", "", required: false, expected: "").flatMap { self.children($0) } ?? []
        let household = field(f, 8, "household", "", required: false, expected: "").flatMap { self.household($0) } ?? []
        let behaviours = field(f, 9, "behaviours", "", required: true, expected: "a list of behaviours (may be empty)")
            .flatMap { enumList($0, "behaviours", Behaviour.self) }
        let threats = field(f, 10, "threats", "", required: false, expected: "").flatMap { enumList($0, "threats", Threat.self) } ?? []
        let dash = field(f, 11, "dash", "", required: false, expected: "").flatMap { self.dash($0) }
        let judgement = field(f, 12, "professional_judgement", "", required: false, expected: "").flatMap { self.judgement($0) }
        let incidents = field(f, 13, "incidents_12_months", "", required: false, expected: "")
            .flatMap { int($0, "incidents_12_months", in: 0...10_000, expected: "a whole number 0 or more") }
        let lastMarac = field(f, 14, "last_marac_referral", "", required: false, expected: "").flatMap { date($0, "last_marac_referral") }
        let consent = field(f, 15, "consent", "", required: false, expected: "").flatMap { self.consent($0) } ?? Consent()
        let housing = field(f, 16, "housing", "", required: false, expected: "").flatMap { self.housing($0) } ?? Housing()
        let property = field(f, 17, "property", "", required: false, expected: "").flatMap { self.property($0) } ?? Property()
        let contact = field(f, 18, "contact", "", required: false, expected: "").flatMap { self.contact($0) }
        let needs = field(f, 19, "needs", "", required: false, expected: "").flatMap { self.needs($0) } ?? Needs()
        let counter = field(f, 20, "counter_allegation", "", required: false, expected: "").flatMap { bool($0, "counter_allegation") } ?? false

        if let lastMarac, let reportedAt, lastMarac > reportedAt.londonDate {
            problem("last_marac_referral", "the last MARAC referral (\(lastMarac)) is after the report (\(reportedAt.londonDate))")
        }
        if let handoffAt = consent.handoffAt, let reportedAt, handoffAt < reportedAt {
            problem("consent.handoff_at", "hand-off consent (\(handoffAt)) cannot come before the report (\(reportedAt))")
        }
        guard problems.count == start, let id, let reportedAt, let channel, let danger, let victim, let perpetrator,
              let behaviours else { return nil }
        return CaseFile(
            id: id, reportedAt: reportedAt, channel: channel, immediateDanger: danger, area: area, victim: victim,
            perpetrator: perpetrator, children: children, household: household, behaviours: behaviours, threats: threats,
            dash: dash, professionalJudgement: judgement, incidents12Months: incidents, lastMaracReferral: lastMarac,
            consent: consent, housing: housing, property: property, contact: contact, needs: needs, counterAllegation: counter)
    }

    mutating func victim(_ value: Node) -> Victim? {
        let p = "victim"
        var f = D.Members(CaseValidator.victimKeys)
        guard object(value, p, into: &f) else { return nil }
        let start = problems.count
        let age = field(f, 0, "age", p, required: true, expected: CaseValidator.ageExpected).flatMap { int($0, "victim.age", in: 0...130, expected: CaseValidator.ageExpected) }
        let gender = field(f, 1, "gender", p, required: false, expected: "").flatMap { string($0, "victim.gender") }
        let tenant = field(f, 2, "tenant", p, required: false, expected: "").flatMap { bool($0, "victim.tenant") }
        let tenure = field(f, 3, "tenure", p, required: false, expected: "").flatMap { enumeration($0, "victim.tenure", Tenure.self) }
        let capacity = field(f, 4, "has_capacity", p, required: false, expected: "").flatMap { bool($0, "victim.has_capacity") } ?? true
        let rtpf = field(f, 5, "recourse_to_public_funds", p, required: false, expected: "").flatMap { bool($0, "victim.recourse_to_public_funds") }
        guard problems.count == start, let age else { return nil }
        return Victim(age: age, gender: gender, tenant: tenant, tenure: tenure, hasCapacity: capacity, recourseToPublicFunds: rtpf)
    }

    mutating func perpetrator(_ value: Node) -> Perpetrator? {
        let p = "perpetrator"
        var f = D.Members(CaseValidator.perpetratorKeys)
        guard object(value, p, into: &f) else { return nil }
        let start = problems.count
        let age = field(f, 0, "age", p, required: false, expected: "").flatMap { int($0, "perpetrator.age", in: 0...130, expected: CaseValidator.ageExpected) }
        let rel = field(f, 1, "relationship", p, required: true, expected: "how they are connected to the victim, or none")
            .flatMap { enumeration($0, "perpetrator.relationship", Relationship.self) }
        let current = field(f, 2, "current", p, required: false, expected: "").flatMap { bool($0, "perpetrator.current") }
        let tenant = field(f, 3, "tenant", p, required: false, expected: "").flatMap { bool($0, "perpetrator.tenant") }
        let lives = field(f, 4, "lives_with_victim", p, required: false, expected: "").flatMap { bool($0, "perpetrator.lives_with_victim") }
        guard problems.count == start, let rel else { return nil }
        return Perpetrator(age: age, relationship: rel, current: current, tenant: tenant, livesWithVictim: lives)
    }

    mutating func children(_ value: Node) -> [Child]? {
        guard let items = list(value, "children") else { return nil }
        var out: [Child] = []
        let start = problems.count
        for i in 0..<items.count {
            func p() -> String { "children[\(i)]" }
            var f = D.Members(CaseValidator.childKeys)
            guard object(item(items, i), p(), into: &f) else { continue }
            let expected = "an integer from 0 to 17 (list adults under household)"
            let age = field(f, 0, "age", p(), required: true, expected: expected).flatMap { int($0, "\(p()).age", in: 0...17, expected: expected) }
            let rv = field(f, 1, "related_to_victim", p(), required: true, expected: "true or false").flatMap { bool($0, "\(p()).related_to_victim") }
            let rp = field(f, 2, "related_to_perpetrator", p(), required: true, expected: "true or false").flatMap { bool($0, "\(p()).related_to_perpetrator") }
            let ex = field(f, 3, "exposed", p(), required: true, expected: "true or false").flatMap { bool($0, "\(p()).exposed") }
            if let age, let rv, let rp, let ex {
                out.append(Child(age: age, relatedToVictim: rv, relatedToPerpetrator: rp, exposed: ex))
            }
        }
        return problems.count == start ? out : nil
    }

    mutating func household(_ value: Node) -> [HouseholdMember]? {
        guard let items = list(value, "household") else { return nil }
        var out: [HouseholdMember] = []
        let start = problems.count
        for i in 0..<items.count {
            func p() -> String { "household[\(i)]" }
            var f = D.Members(CaseValidator.householdKeys)
            guard object(item(items, i), p(), into: &f) else { continue }
            let age = field(f, 0, "age", p(), required: false, expected: "").flatMap { int($0, "\(p()).age", in: 0...130, expected: CaseValidator.ageExpected) }
            let rel = field(f, 1, "relationship", p(), required: false, expected: "").flatMap { string($0, "\(p()).relationship") }
            out.append(HouseholdMember(age: age, relationship: rel))
        }
        return problems.count == start ? out : nil
    }

    mutating func dash(_ value: Node) -> Dash? {
        var f = D.Members(CaseValidator.dashKeys)
        guard object(value, "dash", into: &f) else { return nil }
        let answers = field(f, 0, "answers", "dash", required: false, expected: "")
        let count = field(f, 1, "yes_count", "dash", required: false, expected: "")
        switch (answers, count) {
        case (nil, nil):
            problem("dash", "expected either answers (questions \"1\"–\"24\") or yes_count, found neither")
            return nil
        case (.some, .some):
            problem("dash", "give either answers or yes_count, not both")
            return nil
        case (nil, let count?):
            return int(count, "dash.yes_count", in: 0...24, expected: "an integer from 0 to 24").map { .yesCount($0) }
        case (let answers?, nil):
            var raw: [String: Node] = [:]
            if doc.isObject(answers) {
                raw = Dictionary(doc.memberList(answers), uniquingKeysWith: { _, last in last })
            } else if !(doc.isList(answers) && doc.count(answers) == 0) {
                problem("dash.answers", "expected an object of question number to yes | no | unknown, found \(doc.shortDescription(answers))")
                return nil
            }
            let start = problems.count
            var out: [Int: DashAnswer] = [:]
            for key in raw.keys.sorted(by: { (Int($0) ?? Int.max, $0) < (Int($1) ?? Int.max, $1) }) {
                let p = "dash.answers.\(key)"
                guard let q = Int(key), (1...24).contains(q), String(q) == key else {
                    problem(p, "unknown DASH question (1–24)")
                    continue
                }
                if let a = enumeration(raw[key]!, p, DashAnswer.self) { out[q] = a }
            }
            return problems.count == start ? .answers(out) : nil
        }
    }

    mutating func judgement(_ value: Node) -> ProfessionalJudgement? {
        let p = "professional_judgement"
        var f = D.Members(CaseValidator.judgementKeys)
        guard object(value, p, into: &f) else { return nil }
        let high = field(f, 0, "high_risk", p, required: true, expected: "true or false").flatMap { bool($0, "professional_judgement.high_risk") }
        let reason = field(f, 1, "reason", p, required: high == true, expected: "the practitioner's reason for judging the risk high")
            .flatMap { string($0, "professional_judgement.reason") }
        guard let high, !(high && reason == nil) else { return nil }
        return ProfessionalJudgement(highRisk: high, reason: reason)
    }

    mutating func consent(_ value: Node) -> Consent? {
        let p = "consent"
        var f = D.Members(CaseValidator.consentKeys)
        guard object(value, p, into: &f) else { return nil }
        let start = problems.count
        let handoff = field(f, 0, "handoff", p, required: false, expected: "").flatMap { enumeration($0, "consent.handoff", HandoffConsent.self) } ?? .notAsked
        let at = field(f, 1, "handoff_at", p, required: false, expected: "").flatMap { timestamp($0, "consent.handoff_at") }
        var referrals: [String: PartnerConsent] = [:]
        if let r = field(f, 2, "referrals", p, required: false, expected: "") {
            if doc.isObject(r) {
                let raw = Dictionary(doc.memberList(r), uniquingKeysWith: { _, last in last })
                for key in raw.keys.sorted() {
                    if let c = enumeration(raw[key]!, "consent.referrals.\(key)", PartnerConsent.self) { referrals[key] = c }
                }
            } else if !(doc.isList(r) && doc.count(r) == 0) {
                problem("consent.referrals", "expected an object of partner id or kind to given | refused | withdrawn, found \(doc.shortDescription(r))")
            }
        }
        var bases: [RecordedBasis] = []
        if let raw = field(f, 3, "lawful_basis", p, required: false, expected: ""), let items = list(raw, "consent.lawful_basis") {
            for i in 0..<items.count {
                func ip() -> String { "consent.lawful_basis[\(i)]" }
                var b = D.Members(CaseValidator.basisKeys)
                guard object(item(items, i), ip(), into: &b) else { continue }
                let basis = field(b, 0, "basis", ip(), required: true, expected: "a lawful basis").flatMap { enumeration($0, "\(ip()).basis", LawfulBasis.self) }
                let reason = field(b, 1, "reason", ip(), required: true, expected: "why the basis applies").flatMap { string($0, "\(ip()).reason") }
                let by = field(b, 2, "recorded_by", ip(), required: true, expected: "who recorded it").flatMap { string($0, "\(ip()).recorded_by") }
                var applies: [String]?
                if let a = field(b, 3, "applies_to", ip(), required: false, expected: ""), let names = list(a, "\(ip()).applies_to") {
                    applies = strings(names, "\(ip()).applies_to")
                }
                if let basis, let reason, let by { bases.append(RecordedBasis(basis: basis, reason: reason, recordedBy: by, appliesTo: applies)) }
            }
        }
        if handoff != .given, at != nil {
            problem("consent.handoff_at", "a hand-off time is recorded but consent.handoff is \(handoff.rawValue)")
        }
        guard problems.count == start else { return nil }
        return Consent(handoff: handoff, handoffAt: at, referrals: referrals, lawfulBasis: bases)
    }

    mutating func housing(_ value: Node) -> Housing? {
        let p = "housing"
        var f = D.Members(CaseValidator.housingKeys)
        guard object(value, p, into: &f) else { return nil }
        let start = problems.count
        let wishes = field(f, 0, "wishes", p, required: false, expected: "").flatMap { enumeration($0, "housing.wishes", HousingWish.self) }
        let homeless = field(f, 1, "homeless", p, required: false, expected: "").flatMap { bool($0, "housing.homeless") } ?? false
        let within = field(f, 2, "threatened_within_days", p, required: false, expected: "")
            .flatMap { int($0, "housing.threatened_within_days", in: 0...3650, expected: "a whole number of days 0 or more, or null") }
        let eligible = field(f, 3, "eligible", p, required: false, expected: "").flatMap { bool($0, "housing.eligible") }
        guard problems.count == start else { return nil }
        return Housing(wishes: wishes, homeless: homeless, threatenedWithinDays: within, eligible: eligible)
    }

    mutating func property(_ value: Node) -> Property? {
        let p = "property"
        var f = D.Members(CaseValidator.propertyKeys)
        guard object(value, p, into: &f) else { return nil }
        let start = problems.count
        let damage = field(f, 0, "damage_leaves_unsafe", p, required: false, expected: "").flatMap { bool($0, "property.damage_leaves_unsafe") } ?? false
        let left = field(f, 1, "perpetrator_left", p, required: false, expected: "").flatMap { bool($0, "property.perpetrator_left") } ?? false
        let victimLeft = field(f, 2, "victim_left", p, required: false, expected: "").flatMap { bool($0, "property.victim_left") } ?? false
        guard problems.count == start else { return nil }
        return Property(damageLeavesUnsafe: damage, perpetratorLeft: left, victimLeft: victimLeft)
    }

    mutating func contact(_ value: Node) -> Contact? {
        let p = "contact"
        var f = D.Members(CaseValidator.contactKeys)
        guard object(value, p, into: &f) else { return nil }
        let start = problems.count
        let method = field(f, 0, "safe_method", p, required: false, expected: "").flatMap { enumeration($0, "contact.safe_method", ContactMethod.self) }
        let times = field(f, 1, "safe_times", p, required: false, expected: "").flatMap { string($0, "contact.safe_times") }
        let voicemail = field(f, 2, "voicemail_safe", p, required: false, expected: "").flatMap { bool($0, "contact.voicemail_safe") }
        let address = field(f, 3, "address_safe", p, required: false, expected: "").flatMap { bool($0, "contact.address_safe") }
        if method == .letter, address == false {
            problem("contact.safe_method", "letter needs a safe address, but contact.address_safe is false; agree another method with the victim")
        }
        guard problems.count == start else { return nil }
        return Contact(safeMethod: method, safeTimes: times, voicemailSafe: voicemail, addressSafe: address)
    }

    mutating func needs(_ value: Node) -> Needs? {
        let p = "needs"
        var f = D.Members(CaseValidator.needsKeys)
        guard object(value, p, into: &f) else { return nil }
        let start = problems.count
        let lang = field(f, 0, "interpreter_language", p, required: false, expected: "").flatMap { string($0, "needs.interpreter_language") }
        let bsl = field(f, 1, "bsl", p, required: false, expected: "").flatMap { bool($0, "needs.bsl") } ?? false
        let disability = field(f, 2, "disability", p, required: false, expected: "").flatMap { string($0, "needs.disability") }
        var other: [String] = []
        if let raw = field(f, 3, "other", p, required: false, expected: ""), let items = list(raw, "needs.other") {
            other = strings(items, "needs.other")
        }
        guard problems.count == start else { return nil }
        return Needs(interpreterLanguage: lang, bsl: bsl, disability: disability, other: other)
    }
}
