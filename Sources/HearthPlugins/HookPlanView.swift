import HearthCore

/// What a hook sees of the plan so far: the parts a local procedure refines, in the plan's own JSON names.
///
/// A hook gets this summary rather than the whole plan (trace, helplines, contact) because it is built for
/// every decision; see docs/plugin-api.md, "hooks".
public struct HookPlanView: Encodable {
    struct Risk: Encodable {
        var score: Int, band: String, scoreBand: String, marac: Bool, criteria: [String], threshold: Int
        enum CodingKeys: String, CodingKey { case score, band, scoreBand = "score_band", marac, criteria, threshold }
    }
    struct Referral: Encodable { var partner: String, kind: String, consent: String, status: String }
    struct Item: Encodable { var id: String }
    struct Perpetrator: Encodable { var id: String, status: String }
    struct Housing: Encodable {
        var options: [Item], priorityNeed: Bool
        enum CodingKeys: String, CodingKey { case options, priorityNeed = "priority_need" }
    }
    struct Flag: Encodable { var required: Bool }
    struct Scope: Encodable {
        var withinAct: Bool
        enum CodingKeys: String, CodingKey { case withinAct = "within_act" }
    }
    struct ChildVictim: Encodable { var child: Int, age: Int }

    var caseId: String
    var emergency: Flag
    var scope: Scope
    var childVictims: [ChildVictim]
    var risk: Risk
    var referrals: [Referral]
    var measures: [Item]
    var housing: Housing
    var perpetrator: [Perpetrator]

    enum CodingKeys: String, CodingKey {
        case caseId = "case_id", emergency, scope, childVictims = "child_victims", risk, referrals, measures, housing, perpetrator
    }

    public init(_ plan: Plan) {
        caseId = plan.caseId
        emergency = Flag(required: plan.emergency.required)
        scope = Scope(withinAct: plan.scope.withinAct)
        childVictims = plan.childVictims.map { ChildVictim(child: $0.child, age: $0.age) }
        let r = plan.risk
        risk = Risk(score: r.score, band: r.band.rawValue, scoreBand: r.scoreBand.rawValue, marac: r.marac,
                    criteria: r.criteria.map(\.rawValue), threshold: r.threshold)
        referrals = plan.referrals.map {
            Referral(partner: $0.partner, kind: $0.kind.rawValue, consent: $0.consent.rawValue, status: $0.status.rawValue)
        }
        measures = plan.measures.map { Item(id: $0.id) }
        housing = Housing(options: plan.housing.options.map { Item(id: $0.id) }, priorityNeed: plan.housing.priorityNeed)
        perpetrator = plan.perpetrator.map { Perpetrator(id: $0.id, status: $0.status.rawValue) }
    }
}
