import HearthCore

/// A plan as a caseworker reads it: emergency first, then risk and MARAC, referrals with consent,
/// measures, housing, perpetrator actions, deadlines, contact and helplines.
enum PlanText {
    static func render(_ plan: Plan) -> String {
        var out: [String] = []
        out.append("CASE \(plan.caseId)   decided \(plan.decidedAt)\(plan.policy.map { "   under \($0.id) \($0.version)" } ?? "")")
        if plan.emergency.required {
            out.append("")
            out.append("!! IMMEDIATE DANGER")
            for advice in plan.emergency.advice { out.append("   \(advice)") }
        }
        out.append("")
        out.append("SCOPE  " + (plan.scope.withinAct ? "within the Domestic Abuse Act 2021" : "outside the Domestic Abuse Act 2021 definition — support and safeguarding still apply"))
        for reason in plan.scope.reasons where !reason.met { out.append("   - \(reason.detail)  [\(reason.rule)]") }
        if !plan.childVictims.isEmpty {
            out.append("")
            out.append("CHILD VICTIMS")
            for c in plan.childVictims { out.append("   child \(c.child) (age \(c.age)): \(c.reason)  [\(c.rule)]") }
        }
        let r = plan.risk
        out.append("")
        out.append("RISK   \(r.band.rawValue.uppercased())   DASH \(r.score)\(r.answered.map { "/\($0) answered" } ?? "")   MARAC threshold \(r.threshold)")
        out.append("   MARAC referral: " + (r.marac ? "YES (" + r.criteria.map(\.rawValue).joined(separator: ", ") + ")" : "no"))
        if !plan.referrals.isEmpty {
            out.append("")
            out.append("REFERRALS")
            for ref in plan.referrals {
                var consent = "consent \(ref.consent.rawValue)"
                if let basis = ref.basis { consent = "lawful basis: \(basis.rawValue)" + (ref.basisReason.map { " — \($0)" } ?? "") }
                out.append("   [\(ref.status.rawValue)] \(ref.name) (\(ref.kind.rawValue)); \(consent)")
                out.append("      \(ref.reason)  [\(ref.source ?? ref.rule)]")
                if let placeholder = ref.placeholder { out.append("      ! the policy leaves this partner unknown: \(placeholder)") }
                if let outdated = ref.outdated { out.append("      ! check the contact details: \(outdated)") }
            }
        }
        if !plan.measures.isEmpty {
            out.append("")
            out.append("SAFETY MEASURES")
            for m in plan.measures { out.append("   \(m.name)  [\(m.source ?? m.rule)]") }
        }
        out.append("")
        var housing = "HOUSING"
        if plan.housing.priorityNeed { housing += "   priority need (homeless because of domestic abuse)" }
        if plan.housing.secureTenancyOnRehousing { housing += "   secure tenancy on rehousing" }
        out.append(housing)
        for o in plan.housing.options { out.append("   \(o.name)  [\(o.source ?? o.rule)]") }
        for n in plan.housing.notes { out.append("   note: \(n.text)  [\(n.rule)]") }
        if !plan.perpetrator.isEmpty {
            out.append("")
            out.append("PERPETRATOR")
            for p in plan.perpetrator {
                out.append("   [\(p.status.rawValue)] \(p.name)\(p.reason.map { " — \($0)" } ?? "")  [\(p.source ?? p.rule)]")
            }
        }
        if !plan.actions.isEmpty {
            out.append("")
            out.append("ACTIONS")
            for a in plan.actions { out.append("   \(a.text)  [\(a.rule)]") }
        }
        if !plan.deadlines.isEmpty {
            out.append("")
            out.append("DEADLINES")
            for d in plan.deadlines { out.append("   \(d.due)  \(d.name) (within \(d.within))  [\(d.source ?? d.rule)]") }
        }
        let c = plan.contact
        out.append("")
        var contact = "CONTACT  " + (c.method.map { method in
            switch method {
            case .viaSupportWorker: "through the support worker"
            case .inPerson: "in person"
            default: "by \(method.rawValue)"
            }
        } ?? "agree the safest method first")
        if let times = c.times { contact += ", \(times)" }
        contact += c.voicemailSafe ? "; voicemail is safe" : "; do NOT leave voicemail"
        contact += c.addressSafe ? "" : "; do NOT write to the address"
        out.append(contact)
        if let language = c.interpreterLanguage { out.append("   interpreter: \(language)") }
        if c.bsl { out.append("   British Sign Language interpreter") }
        if let d = c.disability { out.append("   access needs: \(d)") }
        for n in c.notes { out.append("   \(n)") }
        out.append("")
        out.append("HELPLINES")
        for audience in Audience.allCases {
            for h in plan.helplines[audience] {
                var line = "   \(audience.rawValue): \(h.name) \(h.number ?? "(number unknown)")"
                if let hours = h.hours { line += " (\(hours))" }
                if h.outdated != nil { line += "  ! check: out of date in the policy" }
                if h.placeholder != nil { line += "  ! unknown in the policy" }
                out.append(line)
            }
        }
        if !plan.notes.isEmpty {
            out.append("")
            out.append("NOTES")
            for n in plan.notes { out.append("   \(n)") }
        }
        return out.joined(separator: "\n")
    }
}
