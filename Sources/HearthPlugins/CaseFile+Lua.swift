import HearthCore
import LuaBridge

/// The case as a hook sees it: the same names and values as the JSON case format (docs/case-format.md).
extension CaseFile: LuaTableConvertible {
    public var luaFieldCount: Int32 { 24 }
    static let questionKeys: [Int: String] = Dictionary(uniqueKeysWithValues: (1...24).map { ($0, String($0)) })

    public func write(to t: LuaTableWriter) {
        t.set("id", id)
        t.set("reported_at", reportedAt.description)
        t.set("channel", channel.rawValue)
        t.set("immediate_danger", immediateDanger)
        t.set("area", area)
        t.table("victim") { v in
            v.set("age", victim.age)
            v.set("gender", victim.gender)
            v.set("tenant", victim.tenant)
            v.set("tenure", victim.tenure?.rawValue)
            v.set("has_capacity", victim.hasCapacity)
            v.set("recourse_to_public_funds", victim.recourseToPublicFunds)
        }
        t.table("perpetrator") { p in
            p.set("age", perpetrator.age)
            p.set("relationship", perpetrator.relationship.rawValue)
            p.set("current", perpetrator.current)
            p.set("tenant", perpetrator.tenant)
            p.set("lives_with_victim", perpetrator.livesWithVictim)
        }
        t.list("children", children) { c, child in
            c.set("age", child.age)
            c.set("related_to_victim", child.relatedToVictim)
            c.set("related_to_perpetrator", child.relatedToPerpetrator)
            c.set("exposed", child.exposed)
        }
        t.list("household", household) { h, member in
            h.set("age", member.age)
            h.set("relationship", member.relationship)
        }
        t.strings("behaviours", behaviours) { $0.rawValue }
        t.strings("threats", threats) { $0.rawValue }
        if let dash {
            t.table("dash") { d in
                switch dash {
                case .yesCount(let n): d.set("yes_count", n)
                case .answers(let answers):
                    d.table("answers", fields: Int32(answers.count)) { a in
                        for (q, answer) in answers { a.set(field: Self.questionKeys[q] ?? String(q), answer.rawValue) }
                    }
                }
            }
        }
        if let pj = professionalJudgement {
            t.table("professional_judgement") { p in
                p.set("high_risk", pj.highRisk)
                p.set("reason", pj.reason)
            }
        }
        t.set("incidents_12_months", incidents12Months)
        t.set("last_marac_referral", lastMaracReferral?.description)
        t.table("consent") { c in
            c.set("handoff", consent.handoff.rawValue)
            c.set("handoff_at", consent.handoffAt?.description)
            c.map("referrals", consent.referrals.mapValues(\.rawValue))
            c.list("lawful_basis", consent.lawfulBasis) { b, basis in
                b.set("basis", basis.basis.rawValue)
                b.set("reason", basis.reason)
                b.set("recorded_by", basis.recordedBy)
                if let applies = basis.appliesTo { b.strings("applies_to", applies) }
            }
        }
        t.table("housing") { h in
            h.set("wishes", housing.wishes?.rawValue)
            h.set("homeless", housing.homeless)
            h.set("threatened_within_days", housing.threatenedWithinDays)
            h.set("eligible", housing.eligible)
        }
        t.table("property") { p in
            p.set("damage_leaves_unsafe", property.damageLeavesUnsafe)
            p.set("perpetrator_left", property.perpetratorLeft)
            p.set("victim_left", property.victimLeft)
        }
        if let contact {
            t.table("contact") { c in
                c.set("safe_method", contact.safeMethod?.rawValue)
                c.set("safe_times", contact.safeTimes)
                c.set("voicemail_safe", contact.voicemailSafe)
                c.set("address_safe", contact.addressSafe)
            }
        }
        t.table("needs") { n in
            n.set("interpreter_language", needs.interpreterLanguage)
            n.set("bsl", needs.bsl)
            n.set("disability", needs.disability)
            n.strings("other", needs.other)
        }
        t.set("counter_allegation", counterAllegation)
    }
}

extension HookPlanView: LuaTableConvertible {
    public var luaFieldCount: Int32 { 10 }

    public func write(to t: LuaTableWriter) {
        t.set("case_id", plan.caseId)
        t.table("emergency") { $0.set("required", plan.emergency.required) }
        t.table("scope") { $0.set("within_act", plan.scope.withinAct) }
        t.list("child_victims", plan.childVictims) { c, v in
            c.set("child", v.child)
            c.set("age", v.age)
        }
        let risk = plan.risk
        t.table("risk") { r in
            r.set("score", risk.score)
            r.set("band", risk.band.rawValue)
            r.set("score_band", risk.scoreBand.rawValue)
            r.set("marac", risk.marac)
            r.strings("criteria", risk.criteria) { $0.rawValue }
            r.set("threshold", risk.threshold)
        }
        t.list("referrals", plan.referrals) { r, ref in
            r.set("partner", ref.partner)
            r.set("kind", ref.kind.rawValue)
            r.set("consent", ref.consent.rawValue)
            r.set("status", ref.status.rawValue)
        }
        t.list("measures", plan.measures) { m, item in m.set("id", item.id) }
        t.table("housing") { h in
            h.list("options", plan.housing.options) { o, item in o.set("id", item.id) }
            h.set("priority_need", plan.housing.priorityNeed)
        }
        t.list("perpetrator", plan.perpetrator) { p, item in
            p.set("id", item.id)
            p.set("status", item.status.rawValue)
        }
    }
}
