import HearthCore

/// Runs a plugin's hooks against a spread of sample cases, so that `hearth plugin check` finds a hook that
/// fails, loops, returns garbage or tries to break an invariant before a caseworker meets it.
public enum HookCheck {
    /// Sample cases: a typical one, a high-risk one with children and a homeless presentation, in every area the
    /// plugin names and in none.
    static func samples(for policy: LocalPolicy) -> [CaseFile] {
        let typical = Samples.typicalCase()
        var high = typical
        high.id = "sample-high-risk"
        high.dash = .yesCount(20)
        high.immediateDanger = true
        high.professionalJudgement = ProfessionalJudgement(highRisk: true, reason: "threats to kill")
        var homeless = typical
        homeless.id = "sample-homeless"
        homeless.housing = Housing(wishes: .move, homeless: true, eligible: true)
        homeless.children = []
        var out = [typical, high, homeless]
        var areas: [String?] = [nil]
        if case .byArea(_, let table) = policy.risk.maracThreshold { areas += table.keys.sorted().map { $0 } }
        for p in policy.partners { for a in p.area ?? [] where !areas.contains(a) { areas.append(a) } }
        for area in areas {
            for var c in [typical, high] {
                c.area = area
                out.append(c)
            }
        }
        return out
    }

    /// Problems found running the hooks; empty when the plugin has no hooks or they all behave.
    public static func problems(_ plugin: Plugin, now: Timestamp) -> [PluginProblem] {
        guard !plugin.policy.hooks.isEmpty else { return [] }
        var seen = Set<String>()
        var out: [PluginProblem] = []
        for sample in samples(for: plugin.policy) {
            do {
                _ = try plugin.decide(sample, now: now)
            } catch {
                let text = error.description
                guard seen.insert(text).inserted else { continue }
                out.append(PluginProblem(location: error.location, path: "hooks.\(error.hook)",
                                         message: "\(text) (sample case \(sample.id), area \(sample.area ?? "none"))"))
            }
        }
        return out
    }
}
