import Foundation

/// Realistic synthetic inputs for the example import scripts, of any size, so that tests and benchmarks need
/// no committed data. The same seed always gives the same file. Nothing in them is about a real person.
public enum SyntheticData {
    /// The kinds of file the generator writes.
    public enum Kind: String, Sendable, CaseIterable {
        /// A legacy CRM case export (`scripts/import/legacy_crm.lua`).
        case crm
        /// A housing repairs log (`scripts/import/repairs_log.lua`).
        case repairs
        /// An anti-social behaviour complaints log (`scripts/import/asb_complaints.lua`).
        case asb
    }

    /// Writes `rows` records (plus a header row) of `kind` to `path`, streaming.
    /// - Throws: ``ImportError/unreadable(path:reason:)`` when the file cannot be written.
    public static func write(_ kind: Kind, rows: Int, to path: String, seed: UInt64 = 1) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path) else {
            throw ImportError.unreadable(path: path, reason: "cannot create the file")
        }
        defer { try? handle.close() }
        var rng = SplitMix(seed: seed)
        var out: [UInt8] = []
        out.reserveCapacity(1 << 20)
        func flush() {
            handle.write(Data(out))
            out.removeAll(keepingCapacity: true)
        }
        switch kind {
        case .crm: out.append(contentsOf: Array(crmHeader.utf8))
        case .repairs: out.append(contentsOf: Array(repairsHeader.utf8))
        case .asb: out.append(contentsOf: Array(asbHeader.utf8))
        }
        out.append(0x0A)
        for i in 1...max(rows, 1) where rows > 0 {
            switch kind {
            case .crm: crmRow(i, &rng, &out)
            case .repairs: repairsRow(i, hotProperties: max(5, min(200, rows / 100)), &rng, &out)
            case .asb: asbRow(i, &rng, &out)
            }
            out.append(0x0A)
            if out.count > 1 << 20 { flush() }
        }
        flush()
    }

    static let crmHeader = "crm_ref,date_reported,channel_code,client_age,client_gender,tenant,tenure_code,capacity,perp_age,relationship_code,perp_current,cohabiting,behaviour_codes,threat_codes,dash_score,risk_level,immediate_danger,children,consent_handoff,postcode,phone,notes"
    static let repairsHeader = "job_ref,property_ref,reported,category,description,cost,tenant_present"
    static let asbHeader = "complaint_id,received,property_ref,complaint_type,description,complainant,postcode"

    static let channels = ["PH", "PH", "PH", "WI", "EM", "3P", "RP", "ASB", "HP", "TV"]
    static let genders = ["F", "F", "F", "M", "", "X"]
    static let tenures = ["SEC", "SEC", "JSEC", "ASS", "JASS", "PRS", "TA", "NONE", ""]
    static let relationships = ["SP", "SP", "IP", "IP", "EXP", "EXP", "CP", "ENG", "SHP", "REL", "REL"]
    static let behaviours = ["PHY", "SEX", "THR", "CC", "ECO", "PSY"]
    static let threats = ["ARS", "WEA", "KIL", "STK", "HBV", "FM", "DMG"]
    static let postcodes = ["SO50 9YN", "so53 3ax", "SO50 4PQ", "CT1 2JB", "CT2 7NZ", "S40 1LP", "S41 7TD", "CB7 4EE", "CB6 1AB", "CB6 3LW"]
    static let notes = [
        "Called from a friend's phone",
        "Neighbour reported shouting, \"screaming\" heard",
        "Prefers contact on weekday mornings, not by letter",
        "Interpreter needed: Polish",
        "Multiple repairs to front door",
        "",
        "",
        "",
    ]

    static func crmRow(_ i: Int, _ rng: inout SplitMix, _ out: inout [UInt8]) {
        var fields: [String] = []
        fields.reserveCapacity(22)
        fields.append("CRM\(String(format: "%07d", i))")
        let day = 1 + rng.int(28), month = 1 + rng.int(12), year = 2019 + rng.int(6)
        fields.append(String(format: "%02d/%02d/%04d %02d:%02d", day, month, year, 8 + rng.int(10), rng.int(60)))
        fields.append(rng.pick(channels))
        fields.append(String(16 + rng.int(60)))
        fields.append(rng.pick(genders))
        fields.append(rng.chance(0.7) ? "Y" : "N")
        fields.append(rng.pick(tenures))
        fields.append(rng.chance(0.95) ? "Y" : "N")
        fields.append(rng.chance(0.85) ? String(17 + rng.int(60)) : "")
        fields.append(rng.pick(relationships))
        fields.append(rng.chance(0.6) ? "Y" : "N")
        fields.append(rng.chance(0.5) ? "Y" : "N")
        var b: [String] = []
        for code in behaviours where rng.chance(0.35) { b.append(code) }
        fields.append(b.joined(separator: "|"))
        var t: [String] = []
        for code in threats where rng.chance(0.08) { t.append(code) }
        fields.append(t.joined(separator: "|"))
        let score = rng.chance(0.85) ? rng.int(25) : -1
        fields.append(score >= 0 ? String(score) : "")
        fields.append(score >= 14 ? "H" : rng.pick(["S", "S", "M", "H"]))
        fields.append(rng.chance(0.04) ? "Y" : "N")
        fields.append(String(rng.chance(0.6) ? 0 : rng.int(4)))
        fields.append(rng.pick(["Y", "Y", "N", ""]))
        fields.append(rng.pick(postcodes))
        fields.append(rng.chance(0.8) ? "07700 9\(String(format: "%05d", rng.int(100000)))" : "")
        var note = rng.pick(notes)
        if rng.chance(0.02) { note += "\nFollow-up: safety plan discussed, agreed, will call back" }
        fields.append(note)
        writeRow(fields, &out)
    }

    static let repairCategories = ["DOOR", "DOOR", "LOCK", "WINDOW", "PLUMB", "PLUMB", "ELEC", "HEAT", "DAMP", "DAMP", "OTHER"]
    static let repairDescriptions = [
        "DOOR": ["Front door frame split, forced entry", "Door off hinges", "Hole in internal door"],
        "LOCK": ["Lock change requested by tenant", "Lost keys, lock change", "Lock barrel damaged"],
        "WINDOW": ["Window smashed", "Glazing cracked, board up", "Window handle broken"],
        "PLUMB": ["Leak under sink", "Toilet not flushing"],
        "ELEC": ["Socket not working", "Light fitting loose"],
        "HEAT": ["Boiler not firing", "Radiator cold"],
        "DAMP": ["Mould in bathroom", "Damp patch on ceiling"],
        "OTHER": ["Fence panel down", "Gate latch broken"],
    ]

    static func repairsRow(_ i: Int, hotProperties: Int, _ rng: inout SplitMix, _ out: inout [UInt8]) {
        // A few properties have many door, lock and window repairs; most have few.
        let hot = rng.chance(0.15)
        let property = hot ? "P\(String(format: "%06d", rng.int(hotProperties)))" : "P\(String(format: "%06d", 200 + rng.int(50_000)))"
        let category = hot && rng.chance(0.7) ? rng.pick(["DOOR", "LOCK", "WINDOW"]) : rng.pick(repairCategories)
        let day = 1 + rng.int(28), month = 1 + rng.int(12), year = 2023 + rng.int(2)
        writeRow([
            "JOB\(String(format: "%08d", i))", property, String(format: "%02d/%02d/%04d", day, month, year), category,
            rng.pick(repairDescriptions[category]!), String(format: "£%d.%02d", 20 + rng.int(600), rng.int(100)),
            rng.pick(["Y", "N", ""]),
        ], &out)
    }

    static let asbTypes = ["NOISE", "NOISE", "ASB", "DOMESTIC_NOISE", "ABANDONED", "HARASSMENT", "PETS"]
    static let asbDescriptions = [
        "Loud music late at night", "Shouting and screaming from the flat", "Banging and crying heard next door",
        "Property looks empty, post piling up", "Groups gathering in the stairwell", "Dog barking all day",
    ]

    static func asbRow(_ i: Int, _ rng: inout SplitMix, _ out: inout [UInt8]) {
        let day = 1 + rng.int(28), month = 1 + rng.int(12), year = 2023 + rng.int(2)
        writeRow([
            "ASB-\(year)-\(String(format: "%06d", i))",
            String(format: "%02d/%02d/%04d %02d:%02d", day, month, year, rng.int(24), rng.int(60)),
            "P\(String(format: "%06d", rng.int(20_000)))", rng.pick(asbTypes), rng.pick(asbDescriptions),
            rng.pick(["neighbour", "neighbour", "anonymous", "housing officer", "police"]), rng.pick(postcodes),
        ], &out)
    }

    static func writeRow(_ fields: [String], _ out: inout [UInt8]) {
        for (i, field) in fields.enumerated() {
            if i > 0 { out.append(0x2C) }
            if field.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
                out.append(0x22)
                for byte in field.utf8 {
                    if byte == 0x22 { out.append(0x22) }
                    out.append(byte)
                }
                out.append(0x22)
            } else {
                out.append(contentsOf: field.utf8)
            }
        }
    }
}

/// A small, fast, seedable random number generator (SplitMix64).
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func int(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < p }
    mutating func pick<T>(_ items: [T]) -> T { items[int(items.count)] }
}
