/// Everything a council varies, as a value: the Swift mirror of the plugin table in docs/plugin-api.md.
///
/// Decodes straight from the plugin table (snake_case keys). Hooks are not coded: the plugin host fills `hooks`.
public struct LocalPolicy {
    /// Risk thresholds and MARAC criteria.
    public var risk: RiskPolicy
    /// Time limits.
    public var deadlines: [DeadlineRule]
    /// Helplines by audience.
    public var helplines: [Helpline]
    /// Referral partners.
    public var partners: [Partner]
    /// The security-measure catalogue.
    public var securityMeasures: [SecurityMeasure]
    /// Housing options.
    public var housingOptions: [HousingOption]
    /// Perpetrator options.
    public var perpetratorOptions: [PerpetratorOption]
    /// Reasons a case may be closed.
    public var closureReasons: [ClosureReason]
    /// How long records are kept.
    public var retention: Retention?
    /// Days the organisation is closed besides weekends and bank holidays.
    public var closureDays: [LocalDate] { didSet { calendar = WorkingCalendar(closureDays: closureDays) } }
    /// The policy's words on consent practice.
    public var consent: ConsentPractice?
    /// Hook functions that may add to or refine a plan; run in name order. Not part of the coded form.
    public var hooks: [PolicyHook] = []
    /// The working-day calendar, kept in step with `closureDays`.
    public private(set) var calendar: WorkingCalendar

    /// Creates a policy.
    public init(
        risk: RiskPolicy, deadlines: [DeadlineRule] = [], helplines: [Helpline] = [], partners: [Partner] = [],
        securityMeasures: [SecurityMeasure] = [], housingOptions: [HousingOption] = [],
        perpetratorOptions: [PerpetratorOption] = [], closureReasons: [ClosureReason] = [], retention: Retention? = nil,
        closureDays: [LocalDate] = [], consent: ConsentPractice? = nil, hooks: [PolicyHook] = []
    ) {
        self.risk = risk; self.deadlines = deadlines; self.helplines = helplines; self.partners = partners
        self.securityMeasures = securityMeasures; self.housingOptions = housingOptions
        self.perpetratorOptions = perpetratorOptions; self.closureReasons = closureReasons; self.retention = retention
        self.closureDays = closureDays; self.consent = consent; self.hooks = hooks
        self.calendar = WorkingCalendar(closureDays: closureDays)
    }

    /// Problems that make the policy unusable, as `field.path: message` (the plugin host adds file and line):
    /// duplicate ids, bands that do not fit under the threshold, counts below 1, a lawful-basis partner with no basis.
    /// List positions count from 1, as in the Lua table.
    public var problems: [String] {
        var out: [String] = []
        func duplicates(_ section: String, _ ids: [String]) {
            var seen = Set<String>()
            for (i, id) in ids.enumerated() where !seen.insert(id).inserted {
                out.append("\(section)[\(i + 1)].id: '\(id)' is used more than once in \(section)")
            }
        }
        duplicates("deadlines", deadlines.map(\.id))
        duplicates("partners", partners.map(\.id))
        duplicates("security_measures", securityMeasures.map(\.id))
        duplicates("housing_options", housingOptions.map(\.id))
        duplicates("perpetrator_options", perpetratorOptions.map(\.id))
        duplicates("closure_reasons", closureReasons.map(\.id))
        let thresholds: [Int]
        switch risk.maracThreshold {
        case .fixed(let n): thresholds = [n]
        case .byArea(let d, let table): thresholds = [d] + table.values.sorted()
        }
        for t in thresholds where !(1...24).contains(t) {
            out.append("risk.marac_threshold: expected an integer between 1 and 24, found \(t)")
        }
        if let medium = risk.bands?.medium, let lowest = thresholds.min(), !(1..<lowest).contains(medium) {
            out.append("risk.bands.medium: expected an integer from 1 to \(lowest - 1) (below the MARAC threshold), found \(medium)")
        }
        if let e = risk.escalation {
            if e.incidents < 1 { out.append("risk.escalation.incidents: expected an integer 1 or more, found \(e.incidents)") }
            if e.windowMonths < 1 { out.append("risk.escalation.window_months: expected an integer 1 or more, found \(e.windowMonths)") }
        }
        if risk.repeatWindowMonths < 1 {
            out.append("risk.repeat_window_months: expected an integer 1 or more, found \(risk.repeatWindowMonths)")
        }
        let bases = ["marac", "marac_high_risk", "children_act_1989_s47", "child_protection", "mental_capacity_act_2005", "capacity"]
        for (i, p) in partners.enumerated() {
            if p.consent == .lawfulBasis && p.basis == nil {
                out.append("partners[\(i + 1)].basis: consent = \"lawful_basis\" needs a basis (one of \(bases.joined(separator: ", ")))")
            }
            if let b = p.basis, !bases.contains(b) {
                out.append("partners[\(i + 1)].basis: expected one of \(bases.joined(separator: ", ")), found \"\(b)\"; other bases are recorded by the caseworker per case")
            }
        }
        return out
    }

    /// Warnings for values the policy leaves unknown (`placeholder`) or prints out of date (`outdated`).
    public var warnings: [String] {
        var out: [String] = []
        func add(_ section: String, _ id: String, _ placeholder: String?, _ outdated: String?, _ location: String?) {
            let at = location.map { "\($0): " } ?? ""
            if let placeholder { out.append("\(at)\(section) '\(id)' is a placeholder: \(placeholder)") }
            if let outdated { out.append("\(at)\(section) '\(id)' is out of date: \(outdated)") }
        }
        for h in helplines { add("helpline", h.name, h.placeholder, h.outdated, h.location) }
        for p in partners { add("partner", p.id, p.placeholder, p.outdated, p.location) }
        for m in securityMeasures { add("security measure", m.id, m.placeholder, m.outdated, m.location) }
        return out
    }
}

extension LocalPolicy: Codable {
    enum CodingKeys: String, CodingKey {
        case risk, deadlines, helplines, partners, securityMeasures = "security_measures", housingOptions = "housing_options"
        case perpetratorOptions = "perpetrator_options", closureReasons = "closure_reasons", retention
        case closureDays = "closure_days", consent
    }

    /// Decodes the plugin table; missing list sections are empty, `risk` is required.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            risk: try c.decode(RiskPolicy.self, forKey: .risk),
            deadlines: try c.decodeIfPresent([DeadlineRule].self, forKey: .deadlines) ?? [],
            helplines: try c.decodeIfPresent([Helpline].self, forKey: .helplines) ?? [],
            partners: try c.decodeIfPresent([Partner].self, forKey: .partners) ?? [],
            securityMeasures: try c.decodeIfPresent([SecurityMeasure].self, forKey: .securityMeasures) ?? [],
            housingOptions: try c.decodeIfPresent([HousingOption].self, forKey: .housingOptions) ?? [],
            perpetratorOptions: try c.decodeIfPresent([PerpetratorOption].self, forKey: .perpetratorOptions) ?? [],
            closureReasons: try c.decodeIfPresent([ClosureReason].self, forKey: .closureReasons) ?? [],
            retention: try c.decodeIfPresent(Retention.self, forKey: .retention),
            closureDays: try c.decodeIfPresent([LocalDate].self, forKey: .closureDays) ?? [],
            consent: try c.decodeIfPresent(ConsentPractice.self, forKey: .consent))
    }

    /// Encodes the data sections (not the hooks).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(risk, forKey: .risk)
        try c.encode(deadlines, forKey: .deadlines)
        try c.encode(helplines, forKey: .helplines)
        try c.encode(partners, forKey: .partners)
        try c.encode(securityMeasures, forKey: .securityMeasures)
        try c.encode(housingOptions, forKey: .housingOptions)
        try c.encode(perpetratorOptions, forKey: .perpetratorOptions)
        try c.encode(closureReasons, forKey: .closureReasons)
        try c.encodeIfPresent(retention, forKey: .retention)
        try c.encode(closureDays, forKey: .closureDays)
        try c.encodeIfPresent(consent, forKey: .consent)
    }
}

/// Who wrote a policy and which version: recorded in a plan's trace. Not part of `LocalPolicy`.
public struct PolicyIdentity: Codable, Sendable, Hashable {
    /// The plugin id, e.g. `cross_keys_homes`.
    public var id: String
    /// The policy's name.
    public var name: String
    /// The plugin's semantic version.
    public var version: String
    /// The host API major version the plugin was written for.
    public var api: Int
    /// A hash of the plugin's files.
    public var contentHash: String?

    /// Creates an identity.
    public init(id: String, name: String, version: String, api: Int = 1, contentHash: String? = nil) {
        self.id = id; self.name = name; self.version = version; self.api = api; self.contentHash = contentHash
    }

    enum CodingKeys: String, CodingKey { case id, name, version, api, contentHash = "content_hash" }
}

/// The MARAC threshold: one number, or a default with overrides by area.
public enum MaracThreshold: Sendable, Hashable {
    /// One threshold everywhere.
    case fixed(Int)
    /// A default and overrides keyed by area (keys stored lower-cased).
    case byArea(default: Int, byArea: [String: Int])

    /// The threshold for a case's area (matched case-insensitively).
    public func threshold(forArea area: String?) -> Int {
        switch self {
        case .fixed(let n): return n
        case .byArea(let d, let table):
            guard let area else { return d }
            return table[area.lowercased()] ?? d
        }
    }

    /// Creates an area table, lower-casing its keys.
    public static func areas(default value: Int, _ table: [String: Int]) -> MaracThreshold {
        .byArea(default: value, byArea: Dictionary(table.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { a, _ in a }))
    }
}

extension MaracThreshold: Codable {
    private enum CodingKeys: String, CodingKey { case `default`, byArea = "by_area" }

    /// Decodes an integer 1–24 or `{ default = n, by_area = { area = n } }`.
    public init(from decoder: any Decoder) throws {
        func check(_ n: Int, _ path: [any CodingKey]) throws -> Int {
            guard (1...24).contains(n) else {
                throw DecodingError.dataCorrupted(.init(codingPath: path, debugDescription: "expected an integer between 1 and 24, found \(n)"))
            }
            return n
        }
        if let single = try? decoder.singleValueContainer(), let n = try? single.decode(Int.self) {
            self = .fixed(try check(n, decoder.codingPath))
            return
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = try check(try c.decode(Int.self, forKey: .default), decoder.codingPath)
        let table = try c.decodeIfPresent([String: Int].self, forKey: .byArea) ?? [:]
        for (_, n) in table { _ = try check(n, decoder.codingPath) }
        self = .areas(default: d, table)
    }

    /// Encodes as an integer or a table.
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .fixed(let n):
            var c = encoder.singleValueContainer()
            try c.encode(n)
        case .byArea(let d, let table):
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(d, forKey: .default)
            try c.encode(table, forKey: .byArea)
        }
    }
}

/// The policy's risk section.
public struct RiskPolicy: Codable, Sendable, Hashable {
    /// DASH "yes" count at or above which risk is visible high risk.
    public var maracThreshold: MaracThreshold
    /// Band boundaries.
    public var bands: RiskBands?
    /// Potential escalation rule, if the policy has one.
    public var escalation: Escalation?
    /// A new incident within this many months of the last MARAC referral is a repeat referral.
    public var repeatWindowMonths: Int
    /// The policy section.
    public var source: String?
    /// Where the host found it, e.g. `plugins/eastleigh/init.lua:12`.
    public var location: String?

    /// Creates a risk section.
    public init(maracThreshold: MaracThreshold, bands: RiskBands? = nil, escalation: Escalation? = nil,
                repeatWindowMonths: Int = 12, source: String? = nil, location: String? = nil) {
        self.maracThreshold = maracThreshold; self.bands = bands; self.escalation = escalation
        self.repeatWindowMonths = repeatWindowMonths; self.source = source; self.location = location
    }

    enum CodingKeys: String, CodingKey {
        case maracThreshold = "marac_threshold", bands, escalation, repeatWindowMonths = "repeat_window_months", source, location
    }

    /// Decodes the section; `repeat_window_months` defaults to 12 as documented.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            maracThreshold: try c.decode(MaracThreshold.self, forKey: .maracThreshold),
            bands: try c.decodeIfPresent(RiskBands.self, forKey: .bands),
            escalation: try c.decodeIfPresent(Escalation.self, forKey: .escalation),
            repeatWindowMonths: try c.decodeIfPresent(Int.self, forKey: .repeatWindowMonths) ?? 12,
            source: try c.decodeIfPresent(String.self, forKey: .source),
            location: try c.decodeIfPresent(String.self, forKey: .location))
    }
}

/// Risk band boundaries: the lowest score of the medium band.
public struct RiskBands: Codable, Sendable, Hashable {
    /// The lowest score of the medium band; below is standard, at or above the threshold is high.
    public var medium: Int
    /// Creates band boundaries.
    public init(medium: Int) { self.medium = medium }
}

/// Potential escalation: this many incidents in the window meets the MARAC criteria.
public struct Escalation: Codable, Sendable, Hashable {
    /// Incidents needed.
    public var incidents: Int
    /// The window in months.
    public var windowMonths: Int
    /// Creates an escalation rule.
    public init(incidents: Int, windowMonths: Int = 12) { self.incidents = incidents; self.windowMonths = windowMonths }
    enum CodingKeys: String, CodingKey { case incidents, windowMonths = "window_months" }
}

/// What a deadline counts from.
public enum DeadlineStart: String, Codable, Sendable, CaseIterable {
    /// The case's `reported_at`.
    case report
    /// The hand-off consent (the report time when no separate time is recorded).
    case consent
}

/// A time limit from the policy.
public struct DeadlineRule: Codable, Sendable, Hashable {
    /// The id, e.g. `first_contact`.
    public var id: String
    /// What must happen.
    public var name: String
    /// How long it allows.
    public var within: Within
    /// What it counts from.
    public var from: DeadlineStart
    /// When it applies; nil = always.
    public var when: Condition?
    /// The policy section.
    public var source: String?
    /// Where the host found it.
    public var location: String?

    /// Creates a deadline rule.
    public init(id: String, name: String, within: Within, from: DeadlineStart = .report, when: Condition? = nil,
                source: String? = nil, location: String? = nil) {
        self.id = id; self.name = name; self.within = within; self.from = from; self.when = when
        self.source = source; self.location = location
    }

    enum CodingKeys: String, CodingKey { case id, name, within, from, when, source, location }

    /// Decodes a deadline; `from` defaults to `report`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(String.self, forKey: .id), name: try c.decode(String.self, forKey: .name),
            within: try c.decode(Within.self, forKey: .within),
            from: try c.decodeIfPresent(DeadlineStart.self, forKey: .from) ?? .report,
            when: try c.decodeIfPresent(Condition.self, forKey: .when),
            source: try c.decodeIfPresent(String.self, forKey: .source),
            location: try c.decodeIfPresent(String.self, forKey: .location))
    }
}

/// Who a helpline is for.
public enum Audience: String, Codable, Sendable, CaseIterable {
    case victim, perpetrator, child, professional, any
}

/// A helpline as the policy prints it.
public struct Helpline: Codable, Sendable, Hashable {
    /// The name as the policy prints it.
    public var name: String
    /// The number as printed; nil when the policy leaves it blank (see `placeholder`).
    public var number: String?
    /// Who it is for.
    public var audience: Audience
    /// Whether it is an emergency line.
    public var emergency: Bool
    /// Opening hours as printed.
    public var hours: String?
    /// Notes, as written.
    public var notes: String?
    /// Only for cases in this area; nil = everywhere.
    public var area: String?
    /// Why the number is unknown, when the policy leaves it blank or as `???`.
    public var placeholder: String?
    /// Why the printed number may be out of date.
    public var outdated: String?
    /// The policy section it came from, e.g. `§5.3`.
    public var source: String?
    /// Where the plugin host found it, e.g. `plugins/eastleigh/init.lua:42`.
    public var location: String?

    /// Creates a helpline.
    public init(name: String, number: String?, audience: Audience, emergency: Bool = false, hours: String? = nil,
                notes: String? = nil, area: String? = nil, placeholder: String? = nil, outdated: String? = nil,
                source: String? = nil, location: String? = nil) {
        self.name = name; self.number = number; self.audience = audience; self.emergency = emergency; self.hours = hours
        self.notes = notes; self.area = area; self.placeholder = placeholder; self.outdated = outdated
        self.source = source; self.location = location
    }

    enum CodingKeys: String, CodingKey {
        case name, number, audience, emergency, hours, notes, area, placeholder, outdated, source, location
    }

    /// Decodes a helpline; `emergency` defaults to false.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            name: try c.decode(String.self, forKey: .name), number: try c.decodeIfPresent(String.self, forKey: .number),
            audience: try c.decode(Audience.self, forKey: .audience),
            emergency: try c.decodeIfPresent(Bool.self, forKey: .emergency) ?? false,
            hours: try c.decodeIfPresent(String.self, forKey: .hours), notes: try c.decodeIfPresent(String.self, forKey: .notes),
            area: try c.decodeIfPresent(String.self, forKey: .area),
            placeholder: try c.decodeIfPresent(String.self, forKey: .placeholder),
            outdated: try c.decodeIfPresent(String.self, forKey: .outdated),
            source: try c.decodeIfPresent(String.self, forKey: .source),
            location: try c.decodeIfPresent(String.self, forKey: .location))
    }
}

/// The kinds of referral the core knows.
public enum ReferralKind: String, Codable, Sendable, CaseIterable {
    case marac, idva, outreach, specialist
    case safeguardingChildren = "safeguarding_children", safeguardingAdults = "safeguarding_adults"
    case police, refuge, legal, housingOptions = "housing_options", perpetratorProgramme = "perpetrator_programme", other
}

/// A partner's consent rule. The core alone decides when a lawful basis overrides consent.
public enum PartnerConsentRule: String, Codable, Sendable, CaseIterable {
    /// A referral is ready only with recorded consent (the default).
    case required
    /// At high risk (MARAC) the MARAC basis may apply.
    case notRequiredHighRisk = "not_required_high_risk"
    /// The partner's `basis` may apply when the core finds it does.
    case lawfulBasis = "lawful_basis"
}

/// A referral partner.
public struct Partner: Codable, Sendable, Hashable {
    /// The id, unique within its list.
    public var id: String
    /// The name as the policy prints it.
    public var name: String
    /// The kind of referral.
    public var kind: ReferralKind
    /// Areas served (lower-cased); nil = everywhere.
    public var area: [String]?
    /// Contact details as printed.
    public var contact: String?
    /// The consent rule; the core alone decides when a lawful basis overrides consent.
    public var consent: PartnerConsentRule
    /// The lawful basis named by the policy, e.g. `marac` or `children_act_1989_s47`.
    public var basis: String?
    /// When it applies; nil = always.
    public var when: Condition?
    /// Why the value is unknown, when the policy leaves it blank or as `???`.
    public var placeholder: String?
    /// Why the printed value may be out of date.
    public var outdated: String?
    /// The policy section it came from, e.g. `§5.3`.
    public var source: String?
    /// Where the plugin host found it, e.g. `plugins/eastleigh/init.lua:42`.
    public var location: String?

    /// Creates a partner.
    public init(id: String, name: String, kind: ReferralKind, area: [String]? = nil, contact: String? = nil,
                consent: PartnerConsentRule = .required, basis: String? = nil, when: Condition? = nil,
                placeholder: String? = nil, outdated: String? = nil, source: String? = nil, location: String? = nil) {
        self.id = id; self.name = name; self.kind = kind; self.area = area?.map { $0.lowercased() }; self.contact = contact
        self.consent = consent; self.basis = basis; self.when = when; self.placeholder = placeholder
        self.outdated = outdated; self.source = source; self.location = location
    }

    enum CodingKeys: String, CodingKey {
        case id, name, kind, area, contact, consent, basis, when, placeholder, outdated, source, location
    }

    /// Decodes a partner; `area` may be one name or a list, `consent` defaults to `required`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        var area: [String]?
        if c.contains(.area), !(try c.decodeNil(forKey: .area)) {
            if let one = try? c.decode(String.self, forKey: .area) { area = [one] } else { area = try c.decode([String].self, forKey: .area) }
        }
        self.init(
            id: try c.decode(String.self, forKey: .id), name: try c.decode(String.self, forKey: .name),
            kind: try c.decode(ReferralKind.self, forKey: .kind), area: area,
            contact: try c.decodeIfPresent(String.self, forKey: .contact),
            consent: try c.decodeIfPresent(PartnerConsentRule.self, forKey: .consent) ?? .required,
            basis: try c.decodeIfPresent(String.self, forKey: .basis), when: try c.decodeIfPresent(Condition.self, forKey: .when),
            placeholder: try c.decodeIfPresent(String.self, forKey: .placeholder),
            outdated: try c.decodeIfPresent(String.self, forKey: .outdated),
            source: try c.decodeIfPresent(String.self, forKey: .source),
            location: try c.decodeIfPresent(String.self, forKey: .location))
    }

    /// Whether the partner serves a case's area (lower-cased).
    func serves(areaKey: String?) -> Bool {
        guard let area else { return true }
        guard let areaKey else { return false }
        return area.contains(areaKey)
    }
}

/// A security measure from the catalogue.
public struct SecurityMeasure: Codable, Sendable, Hashable {
    /// The id, unique within its list.
    public var id: String
    /// The name as the policy prints it.
    public var name: String
    /// When it applies; nil = always.
    public var when: Condition?
    /// Who pays for it.
    public var fundedBy: String?
    /// Notes, as written.
    public var notes: String?
    /// Why the value is unknown, when the policy leaves it blank or as `???`.
    public var placeholder: String?
    /// Why the printed value may be out of date.
    public var outdated: String?
    /// The policy section it came from, e.g. `§5.3`.
    public var source: String?
    /// Where the plugin host found it, e.g. `plugins/eastleigh/init.lua:42`.
    public var location: String?

    /// Creates a measure.
    public init(id: String, name: String, when: Condition? = nil, fundedBy: String? = nil, notes: String? = nil,
                placeholder: String? = nil, outdated: String? = nil, source: String? = nil, location: String? = nil) {
        self.id = id; self.name = name; self.when = when; self.fundedBy = fundedBy; self.notes = notes
        self.placeholder = placeholder; self.outdated = outdated; self.source = source; self.location = location
    }

    enum CodingKeys: String, CodingKey {
        case id, name, when, fundedBy = "funded_by", notes, placeholder, outdated, source, location
    }
}

/// A housing option.
public struct HousingOption: Codable, Sendable, Hashable {
    /// The id, unique within its list.
    public var id: String
    /// The name as the policy prints it.
    public var name: String
    /// When it applies; nil = always.
    public var when: Condition?
    /// Notes, as written.
    public var notes: String?
    /// The policy section it came from, e.g. `§5.3`.
    public var source: String?
    /// Where the plugin host found it, e.g. `plugins/eastleigh/init.lua:42`.
    public var location: String?

    /// Creates a housing option.
    public init(id: String, name: String, when: Condition? = nil, notes: String? = nil, source: String? = nil, location: String? = nil) {
        self.id = id; self.name = name; self.when = when; self.notes = notes; self.source = source; self.location = location
    }
}

/// A guard the core enforces on a perpetrator option.
public enum PerpetratorGuard: String, Codable, Sendable, CaseIterable {
    /// Only after the victim and dependants have left.
    case victimLeft = "victim_left"
    /// Only once the victim's safety is resolved.
    case victimSafe = "victim_safe"
}

/// An action the organisation may take about the perpetrator.
public struct PerpetratorOption: Codable, Sendable, Hashable {
    /// The id, unique within its list.
    public var id: String
    /// The name as the policy prints it.
    public var name: String
    /// When it applies; nil = always.
    public var when: Condition?
    /// A guard the core enforces before it may be taken.
    public var `guard`: PerpetratorGuard?
    /// Notes, as written.
    public var notes: String?
    /// The policy section it came from, e.g. `§5.3`.
    public var source: String?
    /// Where the plugin host found it, e.g. `plugins/eastleigh/init.lua:42`.
    public var location: String?

    /// Creates a perpetrator option.
    public init(id: String, name: String, when: Condition? = nil, guard: PerpetratorGuard? = nil, notes: String? = nil,
                source: String? = nil, location: String? = nil) {
        self.id = id; self.name = name; self.when = when; self.guard = `guard`; self.notes = notes; self.source = source
        self.location = location
    }
}

/// A reason a case may be closed.
public struct ClosureReason: Codable, Sendable, Hashable {
    /// The id, unique within its list.
    public var id: String
    /// The name as the policy prints it.
    public var name: String
    /// The policy section it came from, e.g. `§5.3`.
    public var source: String?
    /// Where the plugin host found it, e.g. `plugins/eastleigh/init.lua:42`.
    public var location: String?

    /// Creates a closure reason.
    public init(id: String, name: String, source: String? = nil, location: String? = nil) {
        self.id = id; self.name = name; self.source = source; self.location = location
    }
}

/// How long records are kept.
public struct Retention: Codable, Sendable, Hashable {
    /// Years to keep records.
    public var years: Int
    /// What the years count from, e.g. `closure`.
    public var after: String
    /// The policy section it came from, e.g. `§5.3`.
    public var source: String?
    /// Where the plugin host found it, e.g. `plugins/eastleigh/init.lua:42`.
    public var location: String?

    /// Creates a retention rule.
    public init(years: Int, after: String = "closure", source: String? = nil, location: String? = nil) {
        self.years = years; self.after = after; self.source = source; self.location = location
    }
}

/// The policy's words on consent practice, shown in plans.
public struct ConsentPractice: Codable, Sendable, Hashable {
    /// What happens when the victim declines the hand-off.
    public var handoffDeclined: String?
    /// Notes, as written.
    public var notes: String?
    /// The policy section it came from, e.g. `§5.3`.
    public var source: String?
    /// Where the plugin host found it, e.g. `plugins/eastleigh/init.lua:42`.
    public var location: String?

    /// Creates consent practice text.
    public init(handoffDeclined: String? = nil, notes: String? = nil, source: String? = nil, location: String? = nil) {
        self.handoffDeclined = handoffDeclined; self.notes = notes; self.source = source; self.location = location
    }

    enum CodingKeys: String, CodingKey { case handoffDeclined = "handoff_declined", notes, source, location }
}
