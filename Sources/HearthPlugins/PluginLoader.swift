import Crypto
import Foundation
import HearthCore
import LuaBridge

/// Loads plugin folders: runs `manifest.lua` and `init.lua` in a fresh sandbox, validates every section
/// against the API v1 schema and reports every problem at once, with file, line and field.
public struct PluginLoader {
    /// The plugin API major versions this host supports.
    public static let supportedAPIs = [1]
    /// This host's version, shown to plugins as `hearth.host_version`.
    public static let hostVersion = "0.1.0"

    /// Limits for loading a plugin and for each hook call.
    public var limits: LuaLimits
    /// The clock plugins see, and the date review warnings are judged against.
    public var clock: @Sendable () -> Date
    /// The folder paths are shown relative to (the current directory by default).
    public var projectRoot: URL

    public init(limits: LuaLimits = LuaLimits(instructions: 5_000_000, memoryBytes: 32 << 20, timeout: 1),
                clock: @escaping @Sendable () -> Date = { Date() },
                projectRoot: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) {
        self.limits = limits
        self.clock = clock
        self.projectRoot = projectRoot.standardizedFileURL
    }

    /// Loads and validates the plugin in `folder`.
    /// - Throws: `PluginLoadError` listing every problem found.
    public func load(_ folder: String) throws(PluginLoadError) -> Plugin {
        var folderPath = folder
        while folderPath.count > 1, folderPath.hasSuffix("/") { folderPath.removeLast() }
        let url = URL(fileURLWithPath: folderPath, relativeTo: projectRoot).standardizedFileURL
        let display = displayPath(url, given: folderPath)
        var problems: [PluginProblem] = []
        func fail(_ location: String?, _ path: String, _ message: String) -> PluginLoadError {
            PluginLoadError(folder: display, problems: problems + [PluginProblem(location: location, path: path, message: message)])
        }

        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw fail(display, "", "no such plugin folder (a plugin is a folder holding manifest.lua and init.lua)")
        }
        let manifestChunk = "\(display)/manifest.lua", initChunk = "\(display)/init.lua"
        for file in ["manifest.lua", "init.lua"] where !FileManager.default.fileExists(atPath: url.appendingPathComponent(file).path) {
            problems.append(PluginProblem(location: "\(display)/\(file)", path: "", message: "missing: every plugin needs \(file) (copy plugins/example to start)"))
        }
        if !problems.isEmpty { throw PluginLoadError(folder: display, problems: problems) }

        let runtime: LuaRuntime
        do {
            runtime = try LuaRuntime(limits: limits, root: url, chunkPrefix: display + "/", clock: clock)
        } catch {
            throw fail(display, "", "could not start a Lua runtime: \(error)")
        }
        var pluginWarnings: [PluginProblem] = []
        installAPI(in: runtime, warnings: { pluginWarnings.append($0) })

        // manifest.lua: data only, in an empty environment
        let manifestSource = read(url.appendingPathComponent("manifest.lua"))
        let manifestMap = SourceMap.scan(source: manifestSource ?? "", chunk: manifestChunk) { _ in nil }
        let manifestValue: LuaValue
        do {
            let f = try runtime.load(manifestSource ?? "", chunkName: manifestChunk, emptyEnvironment: true)
            manifestValue = try runtime.call(f).first ?? .nil
        } catch {
            var message = error.message
            if error.kind == .runtime, message.contains("global") {
                message += " (manifest.lua is data only: it runs with no globals, so write plain values)"
            }
            throw fail(error.chunk.map { c in error.line.map { "\(c):\($0)" } ?? c } ?? manifestChunk, "", message)
        }
        var validator = SchemaValidator()
        validator.check(manifestValue, PluginSchema.manifest, "")
        problems += validator.problems.map { PluginProblem(location: manifestMap.location(of: $0.path)?.description ?? manifestChunk, path: $0.path, message: $0.message) }
        var manifest: PluginManifest?
        if validator.problems.isEmpty {
            do { manifest = try LuaDecoder().decode(PluginManifest.self, from: manifestValue) } catch {
                problems.append(PluginProblem(location: manifestChunk, path: "", message: error.message))
            }
        }
        if let m = manifest {
            let at = { (p: String) in manifestMap.location(of: p)?.description ?? manifestChunk }
            if !Self.supportedAPIs.contains(m.api) {
                throw fail(at("api"), "api", "this plugin was written for plugin API version \(m.api); this Hearth (\(Self.hostVersion)) supports version\(Self.supportedAPIs.count > 1 ? "s" : "") \(Self.supportedAPIs.map(String.init).joined(separator: ", ")). See docs/plugin-api.md")
            }
            if m.id != url.lastPathComponent {
                problems.append(PluginProblem(location: at("id"), path: "id", message: "\"\(m.id)\" must match the folder name \"\(url.lastPathComponent)\""))
            }
            if m.id.isEmpty || !m.id.allSatisfy({ ($0.isLowercase && $0.isASCII) || $0.isNumber || $0 == "_" }) {
                problems.append(PluginProblem(location: at("id"), path: "id", message: "expected lower-case letters, digits and _, found \"\(m.id)\""))
            }
            if !Self.isSemver(m.version) {
                problems.append(PluginProblem(location: at("version"), path: "version", message: "expected a version like \"1.0.0\", found \"\(m.version)\""))
            }
        }

        // init.lua: the plugin table
        let initSource = read(url.appendingPathComponent("init.lua")) ?? ""
        let sourceMap = SourceMap.scan(source: initSource, chunk: initChunk) { module in
            let rel = module.replacingOccurrences(of: ".", with: "/") + ".lua"
            guard !module.contains(".."), let text = read(url.appendingPathComponent(rel)) else { return nil }
            return (text, "\(display)/\(rel)")
        }
        let table: LuaValue
        do {
            table = try runtime.run(initSource, chunkName: initChunk).first ?? .nil
        } catch {
            let location = error.chunk.map { c in error.line.map { "\(c):\($0)" } ?? c } ?? initChunk
            throw fail(location, "", error.kind == .runtime || error.kind == .syntax ? error.message : "\(error.message) (while loading the plugin)")
        }
        guard case .table(var fields) = table else {
            throw fail(initChunk, "", "init.lua must return the plugin table, found \(table.found)")
        }
        validator = SchemaValidator()
        validator.check(table, PluginSchema.plugin, "")
        problems += validator.problems.map { PluginProblem(location: sourceMap.location(of: $0.path)?.description ?? initChunk, path: $0.path, message: $0.message) }
        problems += duplicateIDs(in: fields, sourceMap: sourceMap, chunk: initChunk)
        problems += helplineNumbers(in: fields, sourceMap: sourceMap, chunk: initChunk)
        if !problems.isEmpty { throw PluginLoadError(folder: display, problems: problems) }

        let hookValues = fields.removeValue(forKey: "hooks")?.tableValue ?? [:]
        var identification: [String: IdentificationSignal] = [:]
        for (kind, value) in fields.removeValue(forKey: "identification")?.tableValue ?? [:] {
            do {
                var signal = try LuaDecoder().decode(IdentificationSignal.self, from: value)
                signal.location = sourceMap.location(of: "identification.\(kind)")?.description
                identification[kind] = signal
            } catch {
                throw fail(initChunk, "identification.\(kind)", error.message)
            }
        }
        var policy: LocalPolicy
        do {
            policy = try LuaDecoder().decode(LocalPolicy.self, from: .table(fields))
        } catch {
            throw fail(initChunk, "", error.message)
        }
        locate(&policy, sourceMap)
        policy.hooks = hookValues.keys.sorted().compactMap { name in
            guard case .function(let function) = hookValues[name]! else { return nil }
            return makeHook(name: name, function: function, runtime: runtime,
                            location: function.definedAt ?? sourceMap.location(of: "hooks.\(name)")?.description)
        }

        guard let manifest else { throw PluginLoadError(folder: display, problems: problems) }
        let identity = PolicyIdentity(id: manifest.id, name: manifest.name, version: manifest.version, api: manifest.api,
                                      contentHash: Self.contentHash(of: url))
        var warnings = policy.warnings.map { PluginProblem(location: nil, path: "", message: $0) }
        warnings += missingSources(fields, sourceMap: sourceMap, chunk: initChunk)
        warnings += reviewWarnings(manifest, at: manifestMap.location(of: "review.next")?.description ?? manifestChunk)
        if policy.risk.escalation == nil {
            warnings.append(PluginProblem(location: sourceMap.location(of: "risk")?.description ?? initChunk, path: "risk.escalation",
                                          message: "no escalation rule: repeated incidents are never a MARAC criterion under this plugin; set { incidents = N, window_months = 12 } if the policy gives one"))
        }
        warnings += pluginWarnings
        for kind in identification.keys.sorted() {
            let signal = identification[kind]!
            if let placeholder = signal.placeholder {
                warnings.append(PluginProblem(location: signal.location ?? initChunk, path: "identification.\(kind)",
                                              message: "no threshold: \(placeholder)"))
            } else if signal.count == nil {
                warnings.append(PluginProblem(location: signal.location ?? initChunk, path: "identification.\(kind)",
                                              message: "no count and no placeholder: give the policy's threshold, or say why it is unknown"))
            }
        }
        return Plugin(path: display, folder: url, manifest: manifest, identity: identity, policy: policy,
                      identification: identification, warnings: warnings, sourceMap: sourceMap, runtime: runtime)
    }

    // MARK: The hearth API for plugins

    func installAPI(in runtime: LuaRuntime, warnings: @escaping (PluginProblem) -> Void) {
        let log = try? runtime.makeRawFunction { frame in
            var parts: [String] = []
            for i in 0..<frame.count { parts.append((try? frame.value(i + 1).description) ?? "?") }
            runtime.printHandler(parts.joined(separator: " "))
            return 0
        }
        let warn = try? runtime.makeRawFunction { frame in
            let message = try frame.string(1, function: "hearth.warn")
            warnings(PluginProblem(location: frame.callerLocation, path: "", message: message))
            return 0
        }
        var api: [String: LuaValue] = ["api": .integer(Int64(Self.supportedAPIs.last!)), "host_version": .string(Self.hostVersion)]
        if let log { api["log"] = .function(log) }
        if let warn { api["warn"] = .function(warn) }
        try? runtime.setGlobal("hearth", .table(api))
    }

    /// A core hook backed by a Lua function: gets the case and the plan, returns nil or a patch.
    func makeHook(name: String, function: LuaFunction, runtime: LuaRuntime, location: String?) -> PolicyHook {
        PolicyHook(name: name, location: location) { caseFile, plan in
            let results = try runtime.call(function, tables: [caseFile, HookPlanView(plan)])
            guard let first = results.first, first != .nil else { return nil }
            do {
                return try PlanPatch.fromLua(first)
            } catch let error as LuaError {
                throw LuaError(kind: .conversion, chunk: location, message: "hook '\(name)' returned a patch that does not fit: \(error.message) (see docs/plugin-api.md, hooks)")
            }
        }
    }

    // MARK: Checks beyond the schema

    func duplicateIDs(in fields: [String: LuaValue], sourceMap: SourceMap, chunk: String) -> [PluginProblem] {
        var out: [PluginProblem] = []
        for section in ["deadlines", "partners", "security_measures", "housing_options", "perpetrator_options", "closure_reasons"] {
            var seen: [String: Int] = [:]
            for (i, item) in (fields[section]?.arrayValue ?? []).enumerated() {
                guard let id = item["id"].stringValue else { continue }
                let path = "\(section)[\(i + 1)].id"
                if let first = seen[id] {
                    out.append(PluginProblem(location: sourceMap.location(of: path)?.description ?? chunk, path: path,
                                             message: "duplicate id \"\(id)\" (also \(section)[\(first)]); ids must be unique within a section"))
                } else {
                    seen[id] = i + 1
                }
            }
        }
        return out
    }

    func helplineNumbers(in fields: [String: LuaValue], sourceMap: SourceMap, chunk: String) -> [PluginProblem] {
        (fields["helplines"]?.arrayValue ?? []).enumerated().compactMap { i, item in
            guard item["number"] == .nil, item["placeholder"] == .nil else { return nil }
            let path = "helplines[\(i + 1)].number"
            return PluginProblem(location: sourceMap.location(of: "helplines[\(i + 1)]")?.description ?? chunk, path: path,
                                 message: "missing: give the number as the policy prints it, or set placeholder = \"why it is unknown\" — never invent one")
        }
    }

    func missingSources(_ fields: [String: LuaValue], sourceMap: SourceMap, chunk: String) -> [PluginProblem] {
        var out: [PluginProblem] = []
        for section in ["deadlines", "helplines", "partners", "security_measures", "housing_options", "perpetrator_options"] {
            for (i, item) in (fields[section]?.arrayValue ?? []).enumerated() where item["source"] == .nil {
                let path = "\(section)[\(i + 1)]"
                out.append(PluginProblem(location: sourceMap.location(of: path)?.description ?? chunk, path: path,
                                         message: "no source: say which section of the policy this comes from (source = \"§…\")"))
            }
        }
        if fields["risk"]?["source"] == .nil {
            out.append(PluginProblem(location: sourceMap.location(of: "risk")?.description ?? chunk, path: "risk",
                                     message: "no source: say which section of the policy the thresholds come from"))
        }
        return out
    }

    func reviewWarnings(_ manifest: PluginManifest, at location: String) -> [PluginProblem] {
        guard let next = manifest.review?.next else { return [] }
        let day = next.count == 7 ? next + "-28" : next
        guard let due = LocalDate.parse(day) else { return [] }
        let today = Timestamp(clock()).londonDate
        if due < today {
            return [PluginProblem(location: location, path: "review.next",
                                  message: "the policy's review was due \(next); check the plugin against the current policy")]
        }
        return []
    }

    /// Fills each item's `location` so that plans can name `plugins/<id>/init.lua:LINE`.
    func locate(_ policy: inout LocalPolicy, _ map: SourceMap) {
        func at(_ path: String) -> String? { map.location(of: path)?.description }
        policy.risk.location = at("risk.marac_threshold") ?? at("risk")
        for i in policy.deadlines.indices { policy.deadlines[i].location = at("deadlines[\(i + 1)]") }
        for i in policy.helplines.indices { policy.helplines[i].location = at("helplines[\(i + 1)]") }
        for i in policy.partners.indices { policy.partners[i].location = at("partners[\(i + 1)]") }
        for i in policy.securityMeasures.indices { policy.securityMeasures[i].location = at("security_measures[\(i + 1)]") }
        for i in policy.housingOptions.indices { policy.housingOptions[i].location = at("housing_options[\(i + 1)]") }
        for i in policy.perpetratorOptions.indices { policy.perpetratorOptions[i].location = at("perpetrator_options[\(i + 1)]") }
        for i in policy.closureReasons.indices { policy.closureReasons[i].location = at("closure_reasons[\(i + 1)]") }
        if policy.retention != nil { policy.retention?.location = at("retention") }
        if policy.consent != nil { policy.consent?.location = at("consent") }
    }

    // MARK: Helpers

    func read(_ url: URL) -> String? { try? String(contentsOf: url, encoding: .utf8) }

    func displayPath(_ url: URL, given: String) -> String {
        if !given.hasPrefix("/") { return given.hasPrefix("./") ? String(given.dropFirst(2)) : given }
        let root = projectRoot.path.hasSuffix("/") ? projectRoot.path : projectRoot.path + "/"
        return url.path.hasPrefix(root) ? String(url.path.dropFirst(root.count)) : url.path
    }

    static func isSemver(_ s: String) -> Bool {
        let core = s.split(separator: "-", maxSplits: 1).first.map(String.init) ?? s
        let parts = core.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 3 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) }
    }

    /// SHA-256 over every `.lua` file of the plugin (path and content, in path order): `sha256:…`.
    public static func contentHash(of folder: URL) -> String {
        var hasher = SHA256()
        let files = (FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL } ?? [])
            .filter { $0.pathExtension == "lua" }
            .map { ($0.path.replacingOccurrences(of: folder.path + "/", with: ""), $0) }
            .sorted { $0.0 < $1.0 }
        for (relative, url) in files {
            hasher.update(data: Data(relative.utf8))
            hasher.update(data: Data([0]))
            hasher.update(data: (try? Data(contentsOf: url)) ?? Data())
            hasher.update(data: Data([0]))
        }
        return "sha256:" + hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
