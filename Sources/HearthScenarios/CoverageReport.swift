import Foundation
import HearthCore
import HearthPlugins

/// What the plans decided under one plugin touched: rules named and item ids used.
final class PluginUsage {
    /// Every `rule` and `basis_rule` value, the trace's included.
    var rules = Set<String>()
    /// `rule` values of plan elements other than the trace (items the plan actually holds).
    var elementRules = Set<String>()
    /// Ids used, by policy section (`partners`, `deadlines`, …).
    var ids: [String: Set<String>] = [:]
    /// Decisions recorded.
    var decisions = 0

    func record(_ plan: JSONValue) {
        decisions += 1
        guard case .object(let top) = plan else { return }
        for (key, value) in top { collect(value, inTrace: key == "trace") }
        func items(_ value: JSONValue?) -> [JSONObject] {
            guard case .array(let list)? = value else { return [] }
            return list.compactMap { if case .object(let o) = $0 { o } else { nil } }
        }
        func note(_ section: String, _ list: [JSONObject], _ field: String) {
            for item in list { if case .string(let id)? = item[field] { ids[section, default: []].insert(id) } }
        }
        note("partners", items(top["referrals"]), "partner")
        note("security_measures", items(top["measures"]), "id")
        note("perpetrator_options", items(top["perpetrator"]), "id")
        note("deadlines", items(top["deadlines"]), "id")
        if case .object(let housing)? = top["housing"] { note("housing_options", items(housing["options"]), "id") }
    }

    private func collect(_ value: JSONValue, inTrace: Bool) {
        switch value {
        case .object(let fields):
            for (key, v) in fields {
                if key == "rule" || key == "basis_rule", case .string(let rule) = v {
                    rules.insert(rule)
                    if !inTrace { elementRules.insert(rule) }
                } else {
                    collect(v, inTrace: inTrace)
                }
            }
        case .array(let items): for item in items { collect(item, inTrace: inTrace) }
        default: break
        }
    }
}

/// What the scenarios exercised in one plugin.
public struct PluginCoverage: Sendable {
    /// One data item of the policy.
    public struct Item: Sendable {
        /// Where it is written, `plugins/x/init.lua:LINE`.
        public var location: String
        /// `partners[3] idva`.
        public var label: String
        /// Whether some plan held it.
        public var reached: Bool
    }

    /// One executable line of a hook.
    public struct HookLine: Sendable {
        /// The hook's name.
        public var hook: String
        /// `plugins/x/init.lua:LINE`.
        public var location: String
        /// The line's code.
        public var text: String
        /// Whether it ran.
        public var covered: Bool
    }

    /// The plugin id.
    public var plugin: String
    /// Decisions made under the plugin.
    public var decisions: Int
    /// Every data item with whether it was reached.
    public var items: [Item]
    /// Every executable hook line with whether it ran.
    public var hookLines: [HookLine]
    /// Core rule ids seen in any plan (the core publishes no list of its rules).
    public var coreRules: [String]

    /// `cross_keys_homes: data items 41/48, hook lines 12/14, core rules 23 seen`.
    public var summary: String {
        "\(plugin): data items \(items.filter(\.reached).count)/\(items.count), hook lines \(hookLines.filter(\.covered).count)/\(hookLines.count), core rules \(coreRules.count) seen"
    }

    /// The summary, then every item and hook line no scenario reached, then the core rules seen.
    public var reportLines: [String] {
        var out = [summary]
        for item in items where !item.reached { out.append("  not reached: \(item.location) \(item.label)") }
        for line in hookLines where !line.covered { out.append("  hook line not run: \(line.location) [\(line.hook)] \(line.text)") }
        if !coreRules.isEmpty {
            out.append("  core rules seen: \(coreRules.joined(separator: ", "))")
        }
        return out
    }
}

/// Builds coverage reports from what the plans touched and the hook lines the plugin's runtime recorded.
public enum CoverageReport {
    /// A note printed once under the coverage reports.
    public static let coreRulesNote = "core rules: the core publishes no list of the rules it can apply, so only the rules seen in plans are listed"

    static func coverage(of plugin: Plugin, usage: PluginUsage, projectRoot: URL) -> PluginCoverage {
        let policy = plugin.policy
        var items: [PluginCoverage.Item] = []
        func add(_ location: String?, _ label: String, _ reached: Bool) {
            items.append(PluginCoverage.Item(location: location ?? plugin.path, label: label, reached: reached))
        }
        func seen(_ location: String?) -> Bool { location.map { usage.elementRules.contains($0) } ?? false }
        func used(_ section: String, _ id: String) -> Bool { usage.ids[section]?.contains(id) ?? false }
        add(policy.risk.location, "risk", usage.decisions > 0)
        for (i, d) in policy.deadlines.enumerated() { add(d.location, "deadlines[\(i + 1)] \(d.id)", used("deadlines", d.id) || seen(d.location)) }
        for (i, h) in policy.helplines.enumerated() { add(h.location, "helplines[\(i + 1)] \(h.name)", seen(h.location)) }
        for (i, p) in policy.partners.enumerated() { add(p.location, "partners[\(i + 1)] \(p.id)", used("partners", p.id) || seen(p.location)) }
        for (i, m) in policy.securityMeasures.enumerated() {
            add(m.location, "security_measures[\(i + 1)] \(m.id)", used("security_measures", m.id) || seen(m.location))
        }
        for (i, o) in policy.housingOptions.enumerated() {
            add(o.location, "housing_options[\(i + 1)] \(o.id)", used("housing_options", o.id) || seen(o.location))
        }
        for (i, o) in policy.perpetratorOptions.enumerated() {
            add(o.location, "perpetrator_options[\(i + 1)] \(o.id)", used("perpetrator_options", o.id) || seen(o.location))
        }

        var hookLines: [PluginCoverage.HookLine] = []
        let covered = plugin.runtime.coveredLines()
        var sources: [String: [String]] = [:]
        for hook in policy.hooks {
            guard let location = hook.location, let colon = location.lastIndex(of: ":"),
                  let line = Int(location[location.index(after: colon)...]) else { continue }
            let chunk = String(location[..<colon])
            if sources[chunk] == nil {
                let url = URL(fileURLWithPath: chunk, relativeTo: projectRoot)
                sources[chunk] = ((try? String(contentsOf: url, encoding: .utf8)) ?? "").components(separatedBy: "\n")
            }
            let text = sources[chunk]!
            let ran = covered[chunk] ?? []
            for n in LuaLines.executableLines(ofFunctionAt: line, in: text.joined(separator: "\n")) {
                let code = n - 1 < text.count ? text[n - 1].trimmingCharacters(in: .whitespaces) : ""
                hookLines.append(PluginCoverage.HookLine(hook: hook.name, location: "\(chunk):\(n)", text: code, covered: ran.contains(n)))
            }
        }
        let core = usage.rules.filter { !$0.contains(".lua:") && !$0.hasPrefix(plugin.path + "/") }.sorted()
        return PluginCoverage(plugin: plugin.manifest.id, decisions: usage.decisions, items: items, hookLines: hookLines, coreRules: core)
    }
}

/// Just enough Lua lexing to find a function's body and the lines in it that hold code.
enum LuaLines {
    /// The lines of the function defined at `line` that hold code: inside its body, not blank, not comments,
    /// not a lone `end`, `else` or closing bracket.
    static func executableLines(ofFunctionAt line: Int, in source: String) -> [Int] {
        // Each string is one token on its first line; the tokenizer's end marker is not part of any body.
        let tokens = LuaTokenizer.tokenize(source).filter { $0.kind != .eof }
        guard let start = tokens.firstIndex(where: { $0.line >= line && $0.kind == .name && $0.text == "function" }) else { return [] }
        var depth = 0
        var end = tokens.count - 1
        var i = start
        while i < tokens.count {
            let t = tokens[i]
            if t.kind == .name {
                switch t.text {
                case "function", "if", "do", "repeat": depth += 1
                case "while", "for":
                    // their `do` opens the block; skip to it so it is counted once
                    var j = i + 1
                    while j < tokens.count, !(tokens[j].kind == .name && tokens[j].text == "do") { j += 1 }
                    depth += 1
                    i = j
                case "end", "until": depth -= 1
                default: break
                }
            }
            if depth == 0, i > start { end = i; break }
            i += 1
        }
        let first = tokens[start].line, last = tokens[end].line
        if first == last { return [first] }
        let closers: Set<String> = ["end", "else", "}", ")", "]", ",", ";"]
        var lines = Set<Int>()
        for t in tokens[start...end] where t.line > first && t.line < last && (t.kind == .string || !closers.contains(t.text)) { lines.insert(t.line) }
        return lines.sorted()
    }
}
