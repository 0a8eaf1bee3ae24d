/// A risk band: standard, medium or high.
public enum RiskBand: String, Codable, Sendable, CaseIterable, Comparable {
    case standard, medium, high

    var rank: Int {
        switch self {
        case .standard: return 0
        case .medium: return 1
        case .high: return 2
        }
    }

    public static func < (lhs: RiskBand, rhs: RiskBand) -> Bool { lhs.rank < rhs.rank }
}

/// A plugin's `when` field: every key given must hold; a list means "any of". An empty condition always holds.
public struct Condition: Sendable, Hashable {
    /// The case's risk band is one of these.
    public var risk: [RiskBand]?
    /// A MARAC referral is (true) or is not (false) made.
    public var marac: Bool?
    /// The case's area is one of these (case-insensitive; stored lower-cased).
    public var area: [String]? { didSet { area = area?.map { $0.lowercased() } } }
    /// The disclosure came through one of these channels.
    public var channel: [Channel]?
    /// Any of these behaviours is reported.
    public var behaviours: [Behaviour]?
    /// Any of these threats is reported.
    public var threats: [Threat]?
    /// Any of these DASH questions is answered yes.
    public var dashYes: [Int]?
    /// Children are in the household.
    public var children: Bool?
    /// A child is a victim in their own right.
    public var childVictims: Bool?
    /// The victim is homeless.
    public var homeless: Bool?
    /// The victim's housing wish is one of these.
    public var wishes: [HousingWish]?
    /// The victim's tenure is one of these.
    public var tenure: [Tenure]?
    /// The victim is (or is not) a tenant.
    public var victimTenant: Bool?
    /// The perpetrator is (or is not) a tenant.
    public var perpetratorTenant: Bool?
    /// The perpetrator has (or has not) left.
    public var perpetratorLeft: Bool?
    /// The perpetrator does (or does not) live with the victim.
    public var livesWithVictim: Bool?
    /// Damage does (or does not) leave the victim unsafe.
    public var damageLeavesUnsafe: Bool?
    /// There is (or is not) a counter-allegation.
    public var counterAllegation: Bool?
    /// Someone is (or is not) in immediate danger.
    public var immediateDanger: Bool?
    /// The victim has (or has not) recourse to public funds.
    public var recourseToPublicFunds: Bool?
    /// The victim has (or lacks) capacity.
    public var hasCapacity: Bool?
    /// The case is (or is not) within the DA Act 2021 definition.
    public var withinAct: Bool?
    /// The person's answer to handing the report on is one of these (`given`, `refused`, `not_asked`).
    public var handoff: [HandoffConsent]?
    /// Consent is recorded as given for any of these partners (by id or kind).
    public var consentGiven: [String]?

    /// Creates a condition; nil keys are not tested.
    public init(
        risk: [RiskBand]? = nil, marac: Bool? = nil, area: [String]? = nil, channel: [Channel]? = nil,
        behaviours: [Behaviour]? = nil, threats: [Threat]? = nil, dashYes: [Int]? = nil, children: Bool? = nil,
        childVictims: Bool? = nil, homeless: Bool? = nil, wishes: [HousingWish]? = nil, tenure: [Tenure]? = nil,
        victimTenant: Bool? = nil, perpetratorTenant: Bool? = nil, perpetratorLeft: Bool? = nil,
        livesWithVictim: Bool? = nil, damageLeavesUnsafe: Bool? = nil, counterAllegation: Bool? = nil,
        immediateDanger: Bool? = nil, recourseToPublicFunds: Bool? = nil, hasCapacity: Bool? = nil, withinAct: Bool? = nil,
        handoff: [HandoffConsent]? = nil, consentGiven: [String]? = nil
    ) {
        self.handoff = handoff
        self.consentGiven = consentGiven
        self.risk = risk; self.marac = marac; self.area = area?.map { $0.lowercased() }; self.channel = channel
        self.behaviours = behaviours; self.threats = threats; self.dashYes = dashYes; self.children = children
        self.childVictims = childVictims; self.homeless = homeless; self.wishes = wishes; self.tenure = tenure
        self.victimTenant = victimTenant; self.perpetratorTenant = perpetratorTenant; self.perpetratorLeft = perpetratorLeft
        self.livesWithVictim = livesWithVictim; self.damageLeavesUnsafe = damageLeavesUnsafe
        self.counterAllegation = counterAllegation; self.immediateDanger = immediateDanger
        self.recourseToPublicFunds = recourseToPublicFunds; self.hasCapacity = hasCapacity; self.withinAct = withinAct
    }

    /// Whether every key given holds for the case as decided so far.
    func holds(_ facts: CaseFacts) -> Bool {
        let c = facts.caseFile
        if let risk, !risk.contains(facts.band) { return false }
        if let marac, marac != facts.marac { return false }
        if let area {
            guard let a = facts.areaKey, area.contains(a) else { return false }
        }
        if let channel, !channel.contains(c.channel) { return false }
        if let behaviours, !behaviours.contains(where: c.behaviours.contains) { return false }
        if let threats, !threats.contains(where: c.threats.contains) { return false }
        if let dashYes {
            guard let dash = c.dash, dashYes.contains(where: dash.isYes) else { return false }
        }
        if let children, children != !c.children.isEmpty { return false }
        if let childVictims, childVictims != facts.hasChildVictims { return false }
        if let homeless, homeless != c.housing.homeless { return false }
        if let wishes {
            guard let w = c.housing.wishes, wishes.contains(w) else { return false }
        }
        if let tenure {
            guard let t = c.victim.tenure, tenure.contains(t) else { return false }
        }
        if let victimTenant, c.victim.tenant != victimTenant { return false }
        if let perpetratorTenant, c.perpetrator.tenant != perpetratorTenant { return false }
        if let perpetratorLeft, perpetratorLeft != c.property.perpetratorLeft { return false }
        if let livesWithVictim, c.perpetrator.livesWithVictim != livesWithVictim { return false }
        if let damageLeavesUnsafe, damageLeavesUnsafe != c.property.damageLeavesUnsafe { return false }
        if let counterAllegation, counterAllegation != c.counterAllegation { return false }
        if let immediateDanger, immediateDanger != c.immediateDanger { return false }
        if let recourseToPublicFunds, c.victim.recourseToPublicFunds != recourseToPublicFunds { return false }
        if let hasCapacity, hasCapacity != c.victim.hasCapacity { return false }
        if let withinAct, withinAct != facts.withinAct { return false }
        if let handoff, !handoff.contains(c.consent.handoff) { return false }
        if let consentGiven, !consentGiven.contains(where: { c.consent.referrals[$0] == .given }) { return false }
        return true
    }
}

/// What the core has decided about a case so far, for evaluating conditions.
final class CaseFacts {
    let caseFile: CaseFile
    let areaKey: String?
    var withinAct = false
    var hasChildVictims = false
    var band: RiskBand = .standard
    var marac = false

    init(caseFile: CaseFile, areaKey: String?) {
        self.caseFile = caseFile
        self.areaKey = areaKey
    }
}

extension Condition: Codable {
    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ s: String) { stringValue = s }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// The keys a condition may use.
    public static let keys = [
        "risk", "marac", "area", "channel", "behaviours", "threats", "dash_yes", "children", "child_victims", "homeless",
        "wishes", "tenure", "victim_tenant", "perpetrator_tenant", "perpetrator_left", "lives_with_victim",
        "damage_leaves_unsafe", "counter_allegation", "immediate_danger", "recourse_to_public_funds", "has_capacity",
        "within_act", "handoff", "consent_given",
    ]

    /// Decodes a `when` table, refusing unknown keys and accepting one value or a list where a list is allowed.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        for key in c.allKeys where !Condition.keys.contains(key.stringValue) {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: c,
                debugDescription: "unknown condition '\(key.stringValue)'; allowed conditions are \(Condition.keys.joined(separator: ", "))")
        }
        func many<T: Decodable>(_ name: String, _: T.Type) throws -> [T]? {
            let key = Key(name)
            guard c.contains(key) else { return nil }
            if let one = try? c.decode(T.self, forKey: key) { return [one] }
            return try c.decode([T].self, forKey: key)
        }
        func flag(_ name: String) throws -> Bool? { try c.decodeIfPresent(Bool.self, forKey: Key(name)) }
        self.init(
            risk: try many("risk", RiskBand.self), marac: try flag("marac"), area: try many("area", String.self),
            channel: try many("channel", Channel.self), behaviours: try many("behaviours", Behaviour.self),
            threats: try many("threats", Threat.self), dashYes: try many("dash_yes", Int.self),
            children: try flag("children"), childVictims: try flag("child_victims"), homeless: try flag("homeless"),
            wishes: try many("wishes", HousingWish.self), tenure: try many("tenure", Tenure.self),
            victimTenant: try flag("victim_tenant"), perpetratorTenant: try flag("perpetrator_tenant"),
            perpetratorLeft: try flag("perpetrator_left"), livesWithVictim: try flag("lives_with_victim"),
            damageLeavesUnsafe: try flag("damage_leaves_unsafe"), counterAllegation: try flag("counter_allegation"),
            immediateDanger: try flag("immediate_danger"), recourseToPublicFunds: try flag("recourse_to_public_funds"),
            hasCapacity: try flag("has_capacity"), withinAct: try flag("within_act"),
            handoff: try many("handoff", HandoffConsent.self), consentGiven: try many("consent_given", String.self))
        if let q = dashYes?.first(where: { !(1...24).contains($0) }) {
            throw DecodingError.dataCorruptedError(forKey: Key("dash_yes"), in: c, debugDescription: "unknown DASH question \(q) (1–24)")
        }
    }

    /// Encodes the keys that are set; lists always as lists.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encodeIfPresent(risk, forKey: Key("risk"))
        try c.encodeIfPresent(marac, forKey: Key("marac"))
        try c.encodeIfPresent(area, forKey: Key("area"))
        try c.encodeIfPresent(channel, forKey: Key("channel"))
        try c.encodeIfPresent(behaviours, forKey: Key("behaviours"))
        try c.encodeIfPresent(threats, forKey: Key("threats"))
        try c.encodeIfPresent(dashYes, forKey: Key("dash_yes"))
        try c.encodeIfPresent(children, forKey: Key("children"))
        try c.encodeIfPresent(childVictims, forKey: Key("child_victims"))
        try c.encodeIfPresent(homeless, forKey: Key("homeless"))
        try c.encodeIfPresent(wishes, forKey: Key("wishes"))
        try c.encodeIfPresent(tenure, forKey: Key("tenure"))
        try c.encodeIfPresent(victimTenant, forKey: Key("victim_tenant"))
        try c.encodeIfPresent(perpetratorTenant, forKey: Key("perpetrator_tenant"))
        try c.encodeIfPresent(perpetratorLeft, forKey: Key("perpetrator_left"))
        try c.encodeIfPresent(livesWithVictim, forKey: Key("lives_with_victim"))
        try c.encodeIfPresent(damageLeavesUnsafe, forKey: Key("damage_leaves_unsafe"))
        try c.encodeIfPresent(counterAllegation, forKey: Key("counter_allegation"))
        try c.encodeIfPresent(immediateDanger, forKey: Key("immediate_danger"))
        try c.encodeIfPresent(recourseToPublicFunds, forKey: Key("recourse_to_public_funds"))
        try c.encodeIfPresent(hasCapacity, forKey: Key("has_capacity"))
        try c.encodeIfPresent(withinAct, forKey: Key("within_act"))
        try c.encodeIfPresent(handoff, forKey: Key("handoff"))
        try c.encodeIfPresent(consentGiven, forKey: Key("consent_given"))
    }
}
