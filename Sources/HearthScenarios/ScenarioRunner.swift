import Foundation
import HearthCore
import HearthPlugins
import LuaBridge

/// What to run and how: the options of `hearth test`.
public struct ScenarioOptions: Sendable {
    /// Files or folders (searched recursively for `*.lua`).
    public var paths: [String]
    /// The folder plugin ids resolve in: `<pluginsFolder>/<id>`.
    public var pluginsFolder: String
    /// Only scenarios whose name contains this text (case-insensitive).
    public var filter: String?
    /// Only scenarios with at least one of these tags (all when empty).
    public var tags: [String]
    /// Record what the scenarios exercised in each plugin.
    public var coverage: Bool
    /// The folder paths are relative to.
    public var projectRoot: URL
    /// Limits for each call into a scenario file's runtime.
    public var limits: LuaLimits

    /// Creates options; the defaults are those of `hearth test` with no arguments.
    public init(paths: [String] = ["scripts/scenarios"], pluginsFolder: String = "plugins", filter: String? = nil,
                tags: [String] = [], coverage: Bool = false,
                projectRoot: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
                limits: LuaLimits = LuaLimits(instructions: 20_000_000, memoryBytes: 64 << 20, timeout: 5)) {
        self.paths = paths; self.pluginsFolder = pluginsFolder; self.filter = filter; self.tags = tags
        self.coverage = coverage; self.projectRoot = projectRoot.standardizedFileURL; self.limits = limits
    }
}

/// A usage mistake: a path that does not exist, a plugins folder that is not there.
public struct ScenarioUsageError: Error, CustomStringConvertible, Sendable {
    /// What is wrong, for the person at the terminal.
    public var description: String
    /// Creates the error.
    public init(_ description: String) { self.description = description }
}

/// Runs scenario files against plugins: finds the files, loads each plugin once, decides every scenario's case
/// in-process and matches the plan against its expectation.
public final class ScenarioRunner {
    /// The options.
    public let options: ScenarioOptions
    /// Where `print` in scenario files goes.
    public var output: (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
    var plugins: [String: Result<Plugin, PluginLoadError>] = [:]
    var usage: [String: PluginUsage] = [:]
    lazy var availablePlugins: [String] = {
        let folder = url(options.pluginsFolder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).appendingPathComponent("init.lua").path) }.sorted()
    }()

    /// Creates a runner.
    public init(options: ScenarioOptions) { self.options = options }

    /// Finds the scenario files under the paths, sorted, as (file, display path).
    /// - Throws: `ScenarioUsageError` for a path that does not exist.
    public func discover() throws(ScenarioUsageError) -> [(URL, String)] {
        var found: [(URL, String)] = []
        for given in options.paths {
            var path = given
            while path.count > 1, path.hasSuffix("/") { path.removeLast() }
            let target = url(path)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: target.path, isDirectory: &isDirectory) else {
                throw ScenarioUsageError("\(given): no such file or folder (give scenario files or folders holding them)")
            }
            let display = path.hasPrefix("./") ? String(path.dropFirst(2)) : path
            if !isDirectory.boolValue {
                found.append((target, display))
                continue
            }
            let enumerator = FileManager.default.enumerator(at: target, includingPropertiesForKeys: nil)
            var inFolder: [(URL, String)] = []
            while let item = enumerator?.nextObject() as? URL {
                guard item.pathExtension == "lua" else { continue }
                let relative = item.standardizedFileURL.path.replacingOccurrences(of: target.standardizedFileURL.path + "/", with: "")
                inFolder.append((item, display == "." ? relative : "\(display)/\(relative)"))
            }
            found += inFolder.sorted { $0.1 < $1.1 }
        }
        var seen = Set<String>()
        return found.filter { seen.insert($0.0.standardizedFileURL.path).inserted }
    }

    /// Runs every scenario under the paths.
    /// - Throws: `ScenarioUsageError` for a path that does not exist or a plugins folder that is missing.
    public func run() throws(ScenarioUsageError) -> ScenarioRun {
        let files = try discover()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url(options.pluginsFolder).path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ScenarioUsageError("--plugins \(options.pluginsFolder): no such folder (plugin ids resolve to <folder>/<id>)")
        }
        let start = DispatchTime.now().uptimeNanoseconds
        var results: [ScenarioResult] = []
        for (fileURL, display) in files {
            results += runFile(fileURL, display: display)
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        var coverage: [PluginCoverage] = []
        if options.coverage {
            for id in usage.keys.sorted() {
                guard case .success(let plugin)? = plugins[id] else { continue }
                coverage.append(CoverageReport.coverage(of: plugin, usage: usage[id]!, projectRoot: options.projectRoot))
            }
        }
        return ScenarioRun(results: results, files: files.map(\.1), coverage: coverage, seconds: seconds)
    }

    /// Runs one file: loads it, then every definition in it.
    public func runFile(_ fileURL: URL, display: String) -> [ScenarioResult] {
        let file = ScenarioDSL.load(url: fileURL, display: display, limits: options.limits, print: output)
        defer { file.runtime?.close() }
        var results: [ScenarioResult] = []
        // A file stopped by an error may leave a `scenario "name"` waiting for its table: the error says why.
        for definition in file.definitions + (file.loadError == nil ? file.checkPending() : []) {
            results += run(definition, runtime: file.runtime)
        }
        if let error = file.loadError {
            let (chunk, line) = ScenarioDSL.split(error.location)
            results.append(ScenarioResult(file: chunk ?? display, line: line, name: "", plugin: nil, source: nil, outcome: .error([error.message])))
        }
        return results
    }

    // MARK: One definition

    func run(_ d: ScenarioDefinition, runtime: LuaRuntime?) -> [ScenarioResult] {
        func result(_ name: String, _ plugin: String?, _ outcome: ScenarioResult.Outcome, _ seconds: Double = 0) -> ScenarioResult {
            ScenarioResult(file: d.file, line: d.line, name: name, plugin: plugin, source: d.source, outcome: outcome, seconds: seconds)
        }
        if !options.tags.isEmpty, Set(d.tags).isDisjoint(with: options.tags) { return [] }
        if !d.problems.isEmpty {
            return passesFilter(d.name) ? [result(d.name, nil, .error(d.problems))] : []
        }
        let ids: [String]
        switch resolvePlugins(d) {
        case .failure(let problem): return passesFilter(d.name) ? [result(d.name, nil, .error(problem.lines))] : []
        case .success(let list): ids = list
        }
        let rows: [(name: String, row: LuaValue)]
        if d.kind == .grid {
            let list = d.spec["rows"]?.arrayValue ?? []
            if list.isEmpty { return passesFilter(d.name) ? [result(d.name, nil, .error(["rows: the grid has no rows"]))] : [] }
            rows = list.enumerated().map { i, row in (Self.rowName(d.name, index: i, row: row), row) }
        } else {
            rows = [(d.name, .nil)]
        }
        var out: [ScenarioResult] = []
        for (name, row) in rows where passesFilter(name) {
            if let skip = d.spec["skip"], skip != .boolean(false) {
                let reason = skip.stringValue ?? "skipped"
                out += ids.map { result(name, $0, .skipped(reason)) }
                continue
            }
            let prepared = prepare(d, row: row, runtime: runtime)
            guard case .success(let input) = prepared else {
                if case .failure(let problems) = prepared { out += ids.map { result(name, $0, .error(problems.lines)) } }
                continue
            }
            for id in ids {
                let start = DispatchTime.now().uptimeNanoseconds
                let outcome: ScenarioResult.Outcome
                switch plugin(id) {
                case .failure(let error):
                    outcome = .error(["plugin \(id) did not load:"] + error.problems.map { "  \($0)" })
                case .success(let plugin):
                    outcome = check(input, plugin: plugin, id: id, runtime: runtime)
                }
                out.append(result(name, id, outcome, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9))
            }
        }
        return out
    }

    struct Problems: Error { var lines: [String] }

    /// A case refused as input, standing in for the decision's error when the scenario expects one.
    struct Rejection: Error, CustomStringConvertible { var description: String }

    /// A scenario's case, clock and expectation, ready to decide.
    struct Input {
        /// The case; nil when it was refused as input and the scenario expects an error.
        var caseFile: CaseFile?
        /// Why the case was refused, when it was and the scenario expects an error.
        var rejection: String?
        var now: Timestamp
        var expect: [String: LuaValue]
    }

    func prepare(_ d: ScenarioDefinition, row: LuaValue, runtime: LuaRuntime?) -> Result<Input, Problems> {
        func evaluate(_ key: String) -> Result<LuaValue, Problems> {
            let value = d.spec[key] ?? .nil
            guard case .function(let f) = value else { return .success(value) }
            guard let runtime else { return .failure(Problems(lines: ["\(key): the file's runtime is gone"])) }
            do {
                return .success(try runtime.call(f, d.kind == .grid ? [row] : []).first ?? .nil)
            } catch {
                return .failure(Problems(lines: ["\(key): the function failed: \(error)"]))
            }
        }
        var problems: [String] = []
        var caseProblems: [String] = []
        var caseFile: CaseFile?
        switch evaluate("case") {
        case .failure(let p): problems += p.lines
        case .success(let value):
            do {
                let tree = try CaseConversion.json(value)
                switch CaseFile.validate(tree) {
                case .success(let c): caseFile = c
                case .failure(let error):
                    caseProblems = error.problems.map { "case.\($0.path == "$" ? "" : $0.path): \($0.message)" }
                }
            } catch {
                problems.append("\(error)")
            }
        }
        var expect: [String: LuaValue] = [:]
        switch evaluate("expect") {
        case .failure(let p): problems += p.lines
        case .success(let value):
            if let t = value.tableValue { expect = t } else {
                problems.append("expect: expected a table of what the plan must hold, e.g. expect = { risk = { marac = true } }, found \(value.found)")
            }
        }
        var now = caseFile?.reportedAt
        switch evaluate("now") {
        case .failure(let p): problems += p.lines
        case .success(.nil): break
        case .success(.string(let text)):
            if let t = Timestamp.parse(text) { now = t } else {
                problems.append("now: expected ISO 8601 with an offset, e.g. \"2025-03-04T10:00:00Z\", found \"\(text)\"")
            }
        case .success(let other):
            problems.append("now: expected ISO 8601 text with an offset, found \(other.found)")
        }
        if !caseProblems.isEmpty {
            if problems.isEmpty, expect["error"] != nil {
                return .success(Input(caseFile: nil, rejection: "the case is not valid: " + caseProblems.joined(separator: "; "),
                                      now: now ?? Timestamp(epochSeconds: 0), expect: expect))
            }
            problems.insert("the case is not valid (\(caseProblems.count) problem\(caseProblems.count == 1 ? "" : "s")):", at: 0)
            problems.insert(contentsOf: caseProblems.map { "  " + $0 }, at: 1)
        }
        guard problems.isEmpty, let caseFile, let now else { return .failure(Problems(lines: problems)) }
        return .success(Input(caseFile: caseFile, rejection: nil, now: now, expect: expect))
    }

    /// Decides and matches: the outcome for one plugin.
    func check(_ input: Input, plugin: Plugin, id: String, runtime: LuaRuntime?) -> ScenarioResult.Outcome {
        var expect = input.expect
        let expectedError = expect.removeValue(forKey: "error")
        let invariants = expect.removeValue(forKey: "invariants")
        var errors: [String] = []
        if let invariants, invariants != .boolean(true) {
            errors.append("expect.invariants: write invariants = true (the core's invariants hold), found \(Matcher.lua(invariants))")
        }
        if let expectedError, expectedError.stringValue == nil, Matcher.matcherKind(expectedError) == nil {
            errors.append("expect.error: expected the text the error must contain, found \(Matcher.lua(expectedError))")
        }
        if expectedError != nil, !expect.isEmpty {
            errors.append("expect.error: the decision must fail, so there is no plan to check \(expect.keys.sorted().joined(separator: ", ")) against; put them in another scenario")
        }
        let plan: Plan
        do {
            guard let caseFile = input.caseFile else { throw Rejection(description: input.rejection ?? "the case is not valid") }
            plan = try plugin.decide(caseFile, now: input.now)
        } catch {
            if !errors.isEmpty { return .error(errors) }
            let message = "\(error)"
            guard let expectedError else { return .failed(["the decision failed: \(message)"]) }
            if let text = expectedError.stringValue {
                return message.lowercased().contains(text.lowercased()) ? .passed
                    : .failed(["error: expected an error containing \(Matcher.quote(text)), got \(Matcher.quote(message))"])
            }
            var matcher = Matcher(runtime: runtime)
            matcher.check(expectedError, .string(message), .scalar(values: nil), "error")
            if !matcher.errors.isEmpty { return .error(matcher.errors) }
            return matcher.failures.isEmpty ? .passed : .failed(matcher.failures)
        }
        var tree: JSONValue
        do { tree = try JSONValueEncoder(onlyKeys: options.coverage ? nil : Set(expect.keys)).encode(plan) } catch {
            return .error(["the plan could not be encoded: \(error)"])
        }
        if options.coverage {
            let recorded = usage[id] ?? PluginUsage()
            usage[id] = recorded
            recorded.record(tree)
        }
        if expect["perpetrator_view"] != nil, case .object(var fields) = tree,
           let view = try? JSONValueEncoder().encode(plan.forPerpetrator) {
            fields["perpetrator_view"] = view
            tree = .object(fields)
        }
        var matcher = Matcher(runtime: runtime)
        matcher.check(.table(expect), tree, PlanShape.plan, "")
        errors += matcher.errors
        if !errors.isEmpty { return .error(errors) }
        var failures = matcher.failures
        if expectedError != nil {
            failures.append("error: expected the decision to fail with an error containing \(Matcher.lua(expectedError!)), but it gave a plan")
        }
        if invariants == .boolean(true) {
            if let caseFile = input.caseFile { failures += Invariants.check(plan: plan, case: caseFile).map { "invariants: \($0)" } }
        }
        return failures.isEmpty ? .passed : .failed(failures)
    }

    // MARK: Plugins

    func resolvePlugins(_ d: ScenarioDefinition) -> Result<[String], Problems> {
        let all = availablePlugins
        let value: LuaValue
        if let given = d.spec["plugin"] {
            value = given
        } else {
            let folder = ((d.file as NSString).deletingLastPathComponent as NSString).lastPathComponent
            guard all.contains(folder) else {
                return .failure(Problems(lines: ["no plugin: say which, e.g. plugin = \"\(all.first(where: { $0 != "example" }) ?? "eastleigh")\", a list of ids, or \"*\" for every plugin; the plugins in \(options.pluginsFolder)/ are \(all.joined(separator: ", "))"]))
            }
            value = .string(folder)
        }
        let names: [LuaValue]
        switch value {
        case .string: names = [value]
        case .array(let list): names = list
        default: return .failure(Problems(lines: ["plugin: expected a plugin id, a list of ids or \"*\", found \(value.found)"]))
        }
        var ids: [String] = []
        for name in names {
            guard let id = name.stringValue else { return .failure(Problems(lines: ["plugin: expected plugin ids (text), found \(name.found)"])) }
            if id == "*" {
                ids += all.filter { $0 != "example" }
            } else if all.contains(id) {
                ids.append(id)
            } else {
                return .failure(Problems(lines: ["unknown plugin '\(id)'; the plugins in \(options.pluginsFolder)/ are \(all.joined(separator: ", "))" + didYouMean(id, all)]))
            }
        }
        var seen = Set<String>()
        ids = ids.filter { seen.insert($0).inserted }
        if ids.isEmpty {
            return .failure(Problems(lines: ["plugin = \"*\": there are no plugins in \(options.pluginsFolder)/ besides example; name one, or point --plugins at the folder that holds them"]))
        }
        return .success(ids)
    }

    /// The plugin, loaded once per run.
    func plugin(_ id: String) -> Result<Plugin, PluginLoadError> {
        if let cached = plugins[id] { return cached }
        let loader = PluginLoader(projectRoot: options.projectRoot)
        let folder = options.pluginsFolder.hasSuffix("/") ? options.pluginsFolder + id : options.pluginsFolder + "/" + id
        let result: Result<Plugin, PluginLoadError>
        do {
            let plugin = try loader.load(folder)
            if options.coverage { plugin.runtime.recordsCoverage = true }
            result = .success(plugin)
        } catch {
            result = .failure(error)
        }
        plugins[id] = result
        return result
    }

    // MARK: Helpers

    func passesFilter(_ name: String) -> Bool {
        guard let filter = options.filter, !filter.isEmpty else { return true }
        return name.range(of: filter, options: [.caseInsensitive]) != nil
    }

    func url(_ path: String) -> URL {
        URL(fileURLWithPath: path, relativeTo: options.projectRoot).standardizedFileURL
    }

    /// `grid name [row 2: area = "x", score = 17]`, or the row's own `name` field.
    static func rowName(_ grid: String, index: Int, row: LuaValue) -> String {
        if case .string(let own) = row["name"] { return "\(grid) [\(own)]" }
        var text: String
        if let fields = row.tableValue {
            text = fields.keys.sorted().map { "\($0) = \(Matcher.lua(fields[$0]!))" }.joined(separator: ", ")
        } else {
            text = Matcher.lua(row)
        }
        if text.count > 100 { text = String(text.prefix(99)) + "…" }
        return "\(grid) [row \(index + 1): \(text)]"
    }
}

/// Turns a Lua case table into the JSON value tree the core validates.
enum CaseConversion {
    /// Fields of the case format that hold lists, so that an empty Lua table there is an empty list.
    static let listFields: Set<String> = ["behaviours", "threats", "children", "household", "other", "lawful_basis", "applies_to"]

    struct Failure: Error, CustomStringConvertible { var description: String }

    static func json(_ value: LuaValue, key: String? = nil, path: String = "case") throws -> JSONValue {
        switch value {
        case .nil: return .null
        case .boolean(let b): return .bool(b)
        case .integer(let i): return .int(Int(i))
        case .number(let d): return .double(d)
        case .string(let s): return .string(s)
        case .array(let items):
            return .array(try items.enumerated().map { try json($1, key: nil, path: "\(path)[\($0 + 1)]") })
        case .table(let fields):
            if fields.isEmpty, let key, listFields.contains(key) { return .array([]) }
            var out = JSONObject(minimumCapacity: fields.count)
            for (k, v) in fields { out.append(uniqueKey: k, value: try json(v, key: k, path: "\(path).\(k)")) }
            return .object(out)
        case .function:
            throw Failure(description: "\(path): a function cannot be part of a case (call it, or use cases.… to build the case)")
        }
    }
}
