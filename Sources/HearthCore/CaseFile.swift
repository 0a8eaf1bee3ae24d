import Foundation

/// One domestic abuse case as reported: the input of `decide`. Its JSON form is documented in docs/case-format.md.
public struct CaseFile: Sendable, Hashable {
    /// The case reference, unique within the organisation.
    public var id: String
    /// When the disclosure was made, with its UTC offset.
    public var reportedAt: Timestamp
    /// How the disclosure reached the organisation.
    public var channel: Channel
    /// Whether anyone is in immediate danger now.
    public var immediateDanger: Bool
    /// The local area, matched case-insensitively against a policy's area keys.
    public var area: String?
    /// The person experiencing abuse.
    public var victim: Victim
    /// The person said to be causing the abuse.
    public var perpetrator: Perpetrator
    /// Children in the household or related to either party.
    public var children: [Child]
    /// Other household members.
    public var household: [HouseholdMember]
    /// Kinds of abusive behaviour reported (DA Act 2021 s.1(3)).
    public var behaviours: [Behaviour]
    /// Specific threats reported.
    public var threats: [Threat]
    /// The DASH risk checklist, if completed.
    public var dash: Dash?
    /// A practitioner's professional judgement on risk.
    public var professionalJudgement: ProfessionalJudgement?
    /// Domestic abuse incidents in the last 12 months, if known.
    public var incidents12Months: Int?
    /// The date of the last MARAC referral for this victim, if any.
    public var lastMaracReferral: LocalDate?
    /// Consent decisions and recorded lawful bases.
    public var consent: Consent
    /// Housing situation and wishes.
    public var housing: Housing
    /// Property and tenancy facts.
    public var property: Property
    /// How to reach the victim safely.
    public var contact: Contact?
    /// Communication and access needs.
    public var needs: Needs
    /// Whether the perpetrator has made a counter-allegation against the victim.
    public var counterAllegation: Bool

    /// Creates a case; optional parts default to "not recorded".
    public init(
        id: String, reportedAt: Timestamp, channel: Channel, immediateDanger: Bool = false, area: String? = nil,
        victim: Victim, perpetrator: Perpetrator, children: [Child] = [], household: [HouseholdMember] = [],
        behaviours: [Behaviour], threats: [Threat] = [], dash: Dash? = nil,
        professionalJudgement: ProfessionalJudgement? = nil, incidents12Months: Int? = nil,
        lastMaracReferral: LocalDate? = nil, consent: Consent = Consent(), housing: Housing = Housing(),
        property: Property = Property(), contact: Contact? = nil, needs: Needs = Needs(), counterAllegation: Bool = false
    ) {
        self.id = id; self.reportedAt = reportedAt; self.channel = channel; self.immediateDanger = immediateDanger
        self.area = area; self.victim = victim; self.perpetrator = perpetrator; self.children = children
        self.household = household; self.behaviours = behaviours; self.threats = threats; self.dash = dash
        self.professionalJudgement = professionalJudgement; self.incidents12Months = incidents12Months
        self.lastMaracReferral = lastMaracReferral; self.consent = consent; self.housing = housing
        self.property = property; self.contact = contact; self.needs = needs; self.counterAllegation = counterAllegation
    }

    /// Parses and validates case JSON, reporting every problem by JSON path.
    /// - Throws: `CaseValidationError` listing every problem found; nothing is guessed.
    public static func parse(json: Data) throws(CaseValidationError) -> CaseFile {
        let tree: JSONValue
        do {
            tree = try JSONValue.parse(json)
        } catch {
            throw CaseValidationError(problems: [.init(path: "$", message: "not valid JSON (\(error))")])
        }
        return try validate(tree).get()
    }

    /// Validates an already-parsed value tree (from JSON or a Lua table) exactly as `parse(json:)` does.
    public static func validate(_ value: JSONValue) -> Result<CaseFile, CaseValidationError> {
        read(value, from: JSONTree())
    }

    /// Validates the document at `root` in a `FlatJSON` arena exactly as ``validate(_:)`` validates the same value
    /// as a tree: the same case, or the same problems in the same order.
    public static func validate(_ arena: FlatJSON, root: FlatJSON.Index) -> Result<CaseFile, CaseValidationError> {
        arena.withUnsafeView { read(root, from: FlatDocument(view: $0)) }
    }

    private static func read<D: CaseDocument>(_ root: D.Node, from document: D) -> Result<CaseFile, CaseValidationError> {
        var reader = CaseReader(document)
        if let found = reader.caseFile(root), reader.problems.isEmpty {
            return .success(found)
        }
        return .failure(CaseValidationError(problems: reader.problems))
    }
}

/// How a disclosure reached the organisation.
public enum Channel: String, Codable, Sendable, CaseIterable {
    case phone, inPerson = "in_person", email, thirdParty = "third_party", repairs, asbComplaint = "asb_complaint"
    case homelessPresentation = "homeless_presentation", tenancyVisit = "tenancy_visit", other
}

/// Housing tenure.
public enum Tenure: String, Codable, Sendable, CaseIterable {
    case secure, jointSecure = "joint_secure", assured, jointAssured = "joint_assured", `private`, temporary, none
}

/// How the victim and perpetrator are connected (DA Act 2021 s.2), or `none`.
public enum Relationship: String, Codable, Sendable, CaseIterable {
    case spouse, civilPartner = "civil_partner", engaged, civilPartnershipAgreement = "civil_partnership_agreement"
    case intimatePartner = "intimate_partner", sharedParent = "shared_parent", relative, none
}

/// Kinds of abusive behaviour (DA Act 2021 s.1(3)).
public enum Behaviour: String, Codable, Sendable, CaseIterable {
    case physical, sexual, violentOrThreatening = "violent_or_threatening", coerciveControl = "coercive_control"
    case economic, psychological
}

/// Specific threats that policies key measures on.
public enum Threat: String, Codable, Sendable, CaseIterable {
    case arson, weapons, kill, stalking, honourBased = "honour_based", forcedMarriage = "forced_marriage"
    case propertyDamage = "property_damage"
}

/// A DASH answer.
public enum DashAnswer: String, Codable, Sendable, CaseIterable {
    case yes, no, unknown
}

/// The person experiencing abuse.
public struct Victim: Codable, Sendable, Hashable {
    /// Age in years.
    public var age: Int
    /// Gender as the person describes it.
    public var gender: String?
    /// Whether the victim is a tenant of the property.
    public var tenant: Bool?
    /// The victim's tenure.
    public var tenure: Tenure?
    /// Whether the victim has capacity to make the decisions in hand; presumed unless recorded otherwise (MCA 2005 s.1(2)).
    public var hasCapacity: Bool
    /// Whether the victim has recourse to public funds; nil when not known.
    public var recourseToPublicFunds: Bool?

    /// Creates a victim.
    public init(age: Int, gender: String? = nil, tenant: Bool? = nil, tenure: Tenure? = nil,
                hasCapacity: Bool = true, recourseToPublicFunds: Bool? = nil) {
        self.age = age; self.gender = gender; self.tenant = tenant; self.tenure = tenure
        self.hasCapacity = hasCapacity; self.recourseToPublicFunds = recourseToPublicFunds
    }

    enum CodingKeys: String, CodingKey {
        case age, gender, tenant, tenure, hasCapacity = "has_capacity", recourseToPublicFunds = "recourse_to_public_funds"
    }
}

/// The person said to be causing the abuse. Nothing about the victim is ever addressed to them.
public struct Perpetrator: Codable, Sendable, Hashable {
    /// Age in years, if known.
    public var age: Int?
    /// How they are connected to the victim.
    public var relationship: Relationship
    /// Whether that relationship is current.
    public var current: Bool?
    /// Whether they are a tenant of the property.
    public var tenant: Bool?
    /// Whether they live with the victim.
    public var livesWithVictim: Bool?

    /// Creates a perpetrator.
    public init(age: Int? = nil, relationship: Relationship, current: Bool? = nil, tenant: Bool? = nil, livesWithVictim: Bool? = nil) {
        self.age = age; self.relationship = relationship; self.current = current; self.tenant = tenant
        self.livesWithVictim = livesWithVictim
    }

    enum CodingKeys: String, CodingKey { case age, relationship, current, tenant, livesWithVictim = "lives_with_victim" }
}

/// A child in the household or related to either party.
public struct Child: Codable, Sendable, Hashable {
    /// Age in years (0–17).
    public var age: Int
    /// Whether the child is related to the victim (or the victim has parental responsibility).
    public var relatedToVictim: Bool
    /// Whether the child is related to the perpetrator (or the perpetrator has parental responsibility).
    public var relatedToPerpetrator: Bool
    /// Whether the child sees, hears or experiences the effects of the abuse.
    public var exposed: Bool

    /// Creates a child.
    public init(age: Int, relatedToVictim: Bool, relatedToPerpetrator: Bool, exposed: Bool) {
        self.age = age; self.relatedToVictim = relatedToVictim; self.relatedToPerpetrator = relatedToPerpetrator
        self.exposed = exposed
    }

    enum CodingKeys: String, CodingKey {
        case age, relatedToVictim = "related_to_victim", relatedToPerpetrator = "related_to_perpetrator", exposed
    }
}

/// Another member of the household.
public struct HouseholdMember: Codable, Sendable, Hashable {
    /// Age in years, if known.
    public var age: Int?
    /// Their relationship to the victim, in words.
    public var relationship: String?

    /// Creates a household member.
    public init(age: Int? = nil, relationship: String? = nil) { self.age = age; self.relationship = relationship }
}

/// The DASH risk checklist: 24 answers, or only a count of "yes" for imported legacy records.
public enum Dash: Sendable, Hashable {
    /// Answers by question number 1–24; questions not listed were not answered.
    case answers([Int: DashAnswer])
    /// A legacy record that kept only the number of "yes" answers.
    case yesCount(Int)

    /// The DASH score: the number of "yes" answers.
    public var score: Int {
        switch self {
        case .answers(let answers):
            var n = 0
            for (_, a) in answers where a == .yes { n += 1 }
            return n
        case .yesCount(let n): return n
        }
    }

    /// How many questions were answered yes or no; nil for a legacy count.
    public var answered: Int? {
        switch self {
        case .answers(let answers):
            var n = 0
            for (_, a) in answers where a != .unknown { n += 1 }
            return n
        case .yesCount: return nil
        }
    }

    /// Whether question `q` was answered yes (always false for a legacy count).
    public func isYes(_ q: Int) -> Bool {
        if case .answers(let answers) = self { return answers[q] == .yes }
        return false
    }
}

extension Dash: Codable {
    private enum CodingKeys: String, CodingKey { case answers, yesCount = "yes_count" }

    /// Decodes `{answers: {"1": "yes", …}}` or `{yes_count: n}` through the case validator's rules.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let raw = try c.decodeIfPresent([String: DashAnswer].self, forKey: .answers) {
            var answers: [Int: DashAnswer] = [:]
            for (k, v) in raw {
                guard let q = Int(k), (1...24).contains(q) else {
                    throw DecodingError.dataCorruptedError(forKey: .answers, in: c, debugDescription: "unknown DASH question \(k) (1–24)")
                }
                answers[q] = v
            }
            self = .answers(answers)
        } else {
            self = .yesCount(try c.decode(Int.self, forKey: .yesCount))
        }
    }

    /// Encodes answers with string keys "1"…"24".
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .answers(let answers):
            try c.encode(Dictionary(uniqueKeysWithValues: answers.map { (String($0.key), $0.value) }), forKey: .answers)
        case .yesCount(let n):
            try c.encode(n, forKey: .yesCount)
        }
    }
}

/// A practitioner's professional judgement on risk: it may raise risk, never lower it.
public struct ProfessionalJudgement: Codable, Sendable, Hashable {
    /// Whether the practitioner judges the risk high.
    public var highRisk: Bool
    /// Why, in the practitioner's words.
    public var reason: String?

    /// Creates a judgement.
    public init(highRisk: Bool, reason: String? = nil) { self.highRisk = highRisk; self.reason = reason }

    enum CodingKeys: String, CodingKey { case highRisk = "high_risk", reason }
}

/// Consent to the internal hand-off.
public enum HandoffConsent: String, Codable, Sendable, CaseIterable {
    case given, refused, notAsked = "not_asked"
}

/// Consent to a referral to one partner or kind of partner.
public enum PartnerConsent: String, Codable, Sendable, CaseIterable {
    case given, refused, withdrawn
}

/// A lawful basis for sharing without consent (domain §3).
public enum LawfulBasis: String, Codable, Sendable, CaseIterable {
    /// High risk: MARAC hears the case with or without consent.
    case maracHighRisk = "marac_high_risk"
    /// Protection of children (Children Act 1989 s.47).
    case childrenAct1989S47 = "children_act_1989_s47"
    /// The person lacks capacity (Mental Capacity Act 2005).
    case mentalCapacityAct2005 = "mental_capacity_act_2005"
    /// Adult safeguarding / significant risk of harm (Care Act 2014 s.42).
    case careAct2014S42 = "care_act_2014_s42"
    /// Safeguarding of children and individuals at risk (DPA 2018 Sch.1).
    case dpa2018Safeguarding = "dpa2018_safeguarding"
    /// A legal duty to share.
    case legalDuty = "legal_duty"
    /// Crime and Disorder Act 1998 s.115.
    case crimeAndDisorder1998S115 = "crime_and_disorder_act_1998_s115"
}

/// A lawful basis the caseworker recorded, with the reason and who recorded it.
public struct RecordedBasis: Codable, Sendable, Hashable {
    /// The basis.
    public var basis: LawfulBasis
    /// Why it applies.
    public var reason: String
    /// Who recorded it.
    public var recordedBy: String
    /// Partner ids or kinds it applies to; nil means every referral.
    public var appliesTo: [String]?

    /// Creates a recorded basis.
    public init(basis: LawfulBasis, reason: String, recordedBy: String, appliesTo: [String]? = nil) {
        self.basis = basis; self.reason = reason; self.recordedBy = recordedBy; self.appliesTo = appliesTo
    }

    enum CodingKeys: String, CodingKey { case basis, reason, recordedBy = "recorded_by", appliesTo = "applies_to" }
}

/// Consent decisions and lawful bases.
public struct Consent: Codable, Sendable, Hashable {
    /// Consent to the hand-off to the case team.
    public var handoff: HandoffConsent
    /// When hand-off consent was given, if recorded separately from the report.
    public var handoffAt: Timestamp?
    /// Consent per partner id or partner kind.
    public var referrals: [String: PartnerConsent]
    /// Lawful bases the caseworker recorded.
    public var lawfulBasis: [RecordedBasis]

    /// Creates consent decisions.
    public init(handoff: HandoffConsent = .notAsked, handoffAt: Timestamp? = nil,
                referrals: [String: PartnerConsent] = [:], lawfulBasis: [RecordedBasis] = []) {
        self.handoff = handoff; self.handoffAt = handoffAt; self.referrals = referrals; self.lawfulBasis = lawfulBasis
    }

    enum CodingKeys: String, CodingKey { case handoff, handoffAt = "handoff_at", referrals, lawfulBasis = "lawful_basis" }
}

/// What the victim wants about their home.
public enum HousingWish: String, Codable, Sendable, CaseIterable {
    case remain, move, undecided
}

/// Housing situation and wishes.
public struct Housing: Codable, Sendable, Hashable {
    /// What the victim wants.
    public var wishes: HousingWish?
    /// Whether the victim is homeless now.
    public var homeless: Bool
    /// Days until the victim is likely to become homeless, if threatened.
    public var threatenedWithinDays: Int?
    /// Whether the victim is eligible for assistance (immigration status); nil when not known.
    public var eligible: Bool?

    /// Creates a housing situation.
    public init(wishes: HousingWish? = nil, homeless: Bool = false, threatenedWithinDays: Int? = nil, eligible: Bool? = nil) {
        self.wishes = wishes; self.homeless = homeless; self.threatenedWithinDays = threatenedWithinDays; self.eligible = eligible
    }

    enum CodingKeys: String, CodingKey {
        case wishes, homeless, threatenedWithinDays = "threatened_within_days", eligible
    }
}

/// Property and tenancy facts.
public struct Property: Codable, Sendable, Hashable {
    /// Whether damage leaves the victim unsafe in the home.
    public var damageLeavesUnsafe: Bool
    /// Whether the perpetrator has left the home.
    public var perpetratorLeft: Bool
    /// Whether the victim (and any dependants) have left the home.
    public var victimLeft: Bool

    /// Creates property facts.
    public init(damageLeavesUnsafe: Bool = false, perpetratorLeft: Bool = false, victimLeft: Bool = false) {
        self.damageLeavesUnsafe = damageLeavesUnsafe; self.perpetratorLeft = perpetratorLeft; self.victimLeft = victimLeft
    }

    enum CodingKeys: String, CodingKey {
        case damageLeavesUnsafe = "damage_leaves_unsafe", perpetratorLeft = "perpetrator_left", victimLeft = "victim_left"
    }
}

/// A way of reaching the victim.
public enum ContactMethod: String, Codable, Sendable, CaseIterable {
    case phone, text, email, letter, inPerson = "in_person", viaSupportWorker = "via_support_worker"
}

/// How the victim agreed to be contacted safely.
public struct Contact: Codable, Sendable, Hashable {
    /// The method agreed as safe.
    public var safeMethod: ContactMethod?
    /// When contact is safe, in the victim's words.
    public var safeTimes: String?
    /// Whether a voicemail may be left.
    public var voicemailSafe: Bool?
    /// Whether post or visits to the home address are safe.
    public var addressSafe: Bool?

    /// Creates contact arrangements.
    public init(safeMethod: ContactMethod? = nil, safeTimes: String? = nil, voicemailSafe: Bool? = nil, addressSafe: Bool? = nil) {
        self.safeMethod = safeMethod; self.safeTimes = safeTimes; self.voicemailSafe = voicemailSafe; self.addressSafe = addressSafe
    }

    enum CodingKeys: String, CodingKey {
        case safeMethod = "safe_method", safeTimes = "safe_times", voicemailSafe = "voicemail_safe", addressSafe = "address_safe"
    }
}

/// Communication and access needs, surfaced on every contact step.
public struct Needs: Codable, Sendable, Hashable {
    /// A spoken-language interpreter is needed, in this language.
    public var interpreterLanguage: String?
    /// A British Sign Language interpreter is needed.
    public var bsl: Bool
    /// A disability to plan contact around, in the victim's words.
    public var disability: String?
    /// Any other needs.
    public var other: [String]

    /// Creates needs.
    public init(interpreterLanguage: String? = nil, bsl: Bool = false, disability: String? = nil, other: [String] = []) {
        self.interpreterLanguage = interpreterLanguage; self.bsl = bsl; self.disability = disability; self.other = other
    }

    enum CodingKeys: String, CodingKey { case interpreterLanguage = "interpreter_language", bsl, disability, other }
}

extension CaseFile: Codable {
    enum CodingKeys: String, CodingKey {
        case id, reportedAt = "reported_at", channel, immediateDanger = "immediate_danger", area, victim, perpetrator
        case children, household, behaviours, threats, dash, professionalJudgement = "professional_judgement"
        case incidents12Months = "incidents_12_months", lastMaracReferral = "last_marac_referral", consent, housing
        case property, contact, needs, counterAllegation = "counter_allegation"
    }

    /// Decodes through the case validator, so a decoder gets the same checks and messages as `parse(json:)`.
    public init(from decoder: any Decoder) throws {
        let tree = try JSONValue(from: decoder)
        switch CaseFile.validate(tree) {
        case .success(let value): self = value
        case .failure(let error):
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    /// Encodes the case in its documented JSON form.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(reportedAt, forKey: .reportedAt)
        try c.encode(channel, forKey: .channel)
        try c.encode(immediateDanger, forKey: .immediateDanger)
        try c.encodeIfPresent(area, forKey: .area)
        try c.encode(victim, forKey: .victim)
        try c.encode(perpetrator, forKey: .perpetrator)
        try c.encode(children, forKey: .children)
        try c.encode(household, forKey: .household)
        try c.encode(behaviours, forKey: .behaviours)
        try c.encode(threats, forKey: .threats)
        try c.encodeIfPresent(dash, forKey: .dash)
        try c.encodeIfPresent(professionalJudgement, forKey: .professionalJudgement)
        try c.encodeIfPresent(incidents12Months, forKey: .incidents12Months)
        try c.encodeIfPresent(lastMaracReferral, forKey: .lastMaracReferral)
        try c.encode(consent, forKey: .consent)
        try c.encode(housing, forKey: .housing)
        try c.encode(property, forKey: .property)
        try c.encodeIfPresent(contact, forKey: .contact)
        try c.encode(needs, forKey: .needs)
        try c.encode(counterAllegation, forKey: .counterAllegation)
    }
}
