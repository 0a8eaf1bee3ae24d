import Foundation
import HearthCore

/// A plugin's resolved policy as JSON or as text a policy officer can read.
public enum PolicyText {
    /// The resolved policy with the manifest, identity and warnings, as JSON.
    public static func json(_ plugin: Plugin) throws -> String {
        struct Shown: Encodable {
            var manifest: PluginManifest
            var identity: PolicyIdentity
            var policy: LocalPolicy
            var hooks: [String]
            var warnings: [String]
        }
        let shown = Shown(manifest: plugin.manifest, identity: plugin.identity, policy: plugin.policy,
                          hooks: plugin.policy.hooks.map { "\($0.name) (\($0.location ?? "?"))" },
                          warnings: plugin.warnings.map(\.description))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(shown), as: UTF8.self)
    }

    /// The resolved policy as readable text, section by section, each line with its source.
    public static func text(_ plugin: Plugin) -> String {
        let m = plugin.manifest, p = plugin.policy
        var out: [String] = []
        func cite(_ source: String?) -> String { source.map { "  [\($0)]" } ?? "" }
        out.append("\(m.name) — \(m.organisation)\(m.area.map { ", \($0)" } ?? "")")
        out.append("plugin \(m.id) \(m.version), API \(m.api), \(plugin.identity.contentHash ?? "")")
        out.append("source: \(m.source.title)\(m.source.date.map { " (\($0))" } ?? "")")
        if let r = m.review { out.append("review: last \(r.last ?? "?"), next \(r.next ?? "?")") }
        out.append("")
        out.append("RISK")
        switch p.risk.maracThreshold {
        case .fixed(let n): out.append("  MARAC threshold: \(n) or more DASH \"yes\" answers\(cite(p.risk.source))")
        case .byArea(let d, let areas):
            out.append("  MARAC threshold: \(d) by default\(cite(p.risk.source))")
            for (area, n) in areas.sorted(by: { $0.key < $1.key }) { out.append("    \(area): \(n)") }
        }
        if let b = p.risk.bands { out.append("  bands: standard below \(b.medium), medium from \(b.medium), high at the threshold") }
        if let e = p.risk.escalation { out.append("  escalation: \(e.incidents) incidents in \(e.windowMonths) months") }
        else { out.append("  escalation: none set by this policy") }
        out.append("  repeat referral window: \(p.risk.repeatWindowMonths) months")
        if !p.deadlines.isEmpty {
            out.append("")
            out.append("DEADLINES")
            for d in p.deadlines { out.append("  \(d.name): within \(d.within.words) of the \(d.from.rawValue)\(cite(d.source))") }
        }
        out.append("")
        out.append("HELPLINES")
        for h in p.helplines {
            var line = "  \(h.name) — \(h.number ?? "(unknown)") — \(h.audience.rawValue)"
            if h.emergency { line += ", emergency" }
            if let hours = h.hours { line += ", \(hours)" }
            out.append(line + cite(h.source))
            if let placeholder = h.placeholder { out.append("    ! placeholder: \(placeholder)") }
            if let outdated = h.outdated { out.append("    ! out of date: \(outdated)") }
        }
        out.append("")
        out.append("PARTNERS")
        for partner in p.partners {
            out.append("  \(partner.id): \(partner.name) (\(partner.kind.rawValue), consent \(partner.consent.rawValue))\(cite(partner.source))")
        }
        func simple(_ title: String, _ items: [(String, String, String?)]) {
            guard !items.isEmpty else { return }
            out.append("")
            out.append(title)
            for (id, name, source) in items { out.append("  \(id): \(name)\(cite(source))") }
        }
        simple("SECURITY MEASURES", p.securityMeasures.map { ($0.id, $0.name, $0.source) })
        simple("HOUSING OPTIONS", p.housingOptions.map { ($0.id, $0.name, $0.source) })
        simple("PERPETRATOR OPTIONS", p.perpetratorOptions.map { ($0.id, $0.name + ($0.guard.map { " (only when \($0.rawValue))" } ?? ""), $0.source) })
        simple("CLOSURE REASONS", p.closureReasons.map { ($0.id, $0.name, $0.source) })
        if let r = p.retention { out.append(""); out.append("RETENTION\n  \(r.years) years after \(r.after)\(cite(r.source))") }
        if !p.hooks.isEmpty {
            out.append("")
            out.append("HOOKS")
            for h in p.hooks { out.append("  \(h.name)  \(h.location ?? "")") }
        }
        if !plugin.warnings.isEmpty {
            out.append("")
            out.append("WARNINGS")
            for w in plugin.warnings { out.append("  \(w)") }
        }
        return out.joined(separator: "\n")
    }
}

/// What two plugins' policies say differently.
public enum PolicyDiff {
    /// One line per difference: `~ risk.marac_threshold: 14 → {"by_area":…}`, `- partners[idva]`, `+ partners[hub]`.
    public static func lines(_ a: Plugin, _ b: Plugin) -> [String] {
        guard let left = tree(a.policy), let right = tree(b.policy) else { return [] }
        var out: [String] = []
        diff(left, right, path: "", into: &out)
        return out
    }

    static func tree(_ policy: LocalPolicy) -> JSONValue? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(policy), let value = try? JSONValue.parse(data) else { return nil }
        return strip(value)
    }

    /// Drops `location`: where a value is written is not what the policy says.
    static func strip(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let o): .object(o.filter { $0.key != "location" }.mapValues(strip))
        case .array(let a): .array(a.map(strip))
        default: value
        }
    }

    static func key(_ item: JSONValue) -> String? {
        guard case .object(let o) = item else { return nil }
        if case .string(let id)? = o["id"] { return id }
        if case .string(let name)? = o["name"] { return name }
        return nil
    }

    static func diff(_ a: JSONValue, _ b: JSONValue, path: String, into out: inout [String]) {
        if a == b { return }
        switch (a, b) {
        case (.object(let x), .object(let y)):
            for k in Set(x.keys).union(y.keys).sorted() {
                let p = path.isEmpty ? k : "\(path).\(k)"
                switch (x[k], y[k]) {
                case (let l?, let r?): diff(l, r, path: p, into: &out)
                case (let l?, nil): out.append("- \(p): \(l.shortDescription)")
                case (nil, let r?): out.append("+ \(p): \(r.shortDescription)")
                default: break
                }
            }
        case (.array(let x), .array(let y)) where x.allSatisfy({ key($0) != nil }) && y.allSatisfy({ key($0) != nil }):
            let left = Dictionary(x.map { (key($0)!, $0) }, uniquingKeysWith: { a, _ in a })
            let right = Dictionary(y.map { (key($0)!, $0) }, uniquingKeysWith: { a, _ in a })
            for k in left.keys.sorted() where right[k] == nil { out.append("- \(path)[\(k)]") }
            for k in right.keys.sorted() where left[k] == nil { out.append("+ \(path)[\(k)]") }
            for k in left.keys.sorted() { if let r = right[k] { diff(left[k]!, r, path: "\(path)[\(k)]", into: &out) } }
        default:
            out.append("~ \(path): \(a.shortDescription) → \(b.shortDescription)")
        }
    }
}
