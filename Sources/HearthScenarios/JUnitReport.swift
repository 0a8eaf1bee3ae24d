import Foundation

/// JUnit XML for CI: a `testsuite` per scenario file, a `testcase` per scenario × plugin, with `failure`,
/// `error` and `skipped` elements carrying the same messages as the text report.
public enum JUnitReport {
    /// The XML document for a run.
    public static func xml(_ run: ScenarioRun) -> String {
        var byFile: [String: [ScenarioResult]] = [:]
        var order: [String] = []
        for file in run.files where byFile[file] == nil { byFile[file] = []; order.append(file) }
        for result in run.results {
            let key = byFile[result.file] != nil ? result.file : (run.files.first { result.file.hasSuffix($0) } ?? result.file)
            if byFile[key] == nil { byFile[key] = []; order.append(key) }
            byFile[key]!.append(result)
        }
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"hearth test\" tests=\"\(run.results.count)\" failures=\"\(run.failures)\" errors=\"\(run.errors)\" skipped=\"\(run.skipped)\" time=\"\(seconds(run.seconds))\">\n"
        for file in order {
            let results = byFile[file]!
            let failures = results.filter { if case .failed = $0.outcome { true } else { false } }.count
            let errors = results.filter { if case .error = $0.outcome { true } else { false } }.count
            let skipped = results.filter { if case .skipped = $0.outcome { true } else { false } }.count
            let time = results.reduce(0) { $0 + $1.seconds }
            out += "  <testsuite name=\"\(escape(file))\" tests=\"\(results.count)\" failures=\"\(failures)\" errors=\"\(errors)\" skipped=\"\(skipped)\" time=\"\(seconds(time))\">\n"
            for r in results {
                let name = r.name.isEmpty ? "(file)" : r.title
                var attributes = "name=\"\(escape(name))\" classname=\"\(escape(classname(file)))\" file=\"\(escape(r.file))\""
                if let line = r.line { attributes += " line=\"\(line)\"" }
                attributes += " time=\"\(seconds(r.seconds))\""
                switch r.outcome {
                case .passed:
                    out += "    <testcase \(attributes)/>\n"
                case .failed(let lines):
                    out += "    <testcase \(attributes)>\n"
                    out += "      <failure message=\"\(escape(lines.first ?? "failed"))\" type=\"expectation\">\(escape(r.reportLines.joined(separator: "\n")))</failure>\n"
                    out += "    </testcase>\n"
                case .error(let lines):
                    out += "    <testcase \(attributes)>\n"
                    out += "      <error message=\"\(escape(lines.first ?? "error"))\" type=\"scenario\">\(escape(r.reportLines.joined(separator: "\n")))</error>\n"
                    out += "    </testcase>\n"
                case .skipped(let reason):
                    out += "    <testcase \(attributes)>\n"
                    out += "      <skipped message=\"\(escape(reason))\"/>\n"
                    out += "    </testcase>\n"
                }
            }
            out += "  </testsuite>\n"
        }
        out += "</testsuites>\n"
        return out
    }

    /// `scripts/scenarios/eastleigh/risk.lua` → `scripts.scenarios.eastleigh.risk`, as CI tools group by class.
    static func classname(_ file: String) -> String {
        var name = file
        if name.hasSuffix(".lua") { name.removeLast(4) }
        while name.hasPrefix("/") || name.hasPrefix(".") { name.removeFirst() }
        return name.replacingOccurrences(of: "/", with: ".")
    }

    static func seconds(_ s: Double) -> String { String(format: "%.6f", s) }

    /// Escapes text for an XML attribute or element; drops characters XML 1.0 cannot hold.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n": out += "&#10;"
            case "\t": out += "&#9;"
            case "\r": out += "&#13;"
            default:
                let v = scalar.value
                if v < 0x20 || (v >= 0xFFFE && v <= 0xFFFF) || (v >= 0xD800 && v <= 0xDFFF) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
