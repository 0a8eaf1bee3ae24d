import Foundation
import HearthCore
import LuaBridge

/// A council's plugin, loaded and validated: its manifest, its policy as the core's value, and its warnings.
///
/// Each plugin owns its own sandboxed Lua runtime (its hooks run there), so it is not `Sendable`:
/// keep it on the thread that loaded it.
public final class Plugin {
    /// The folder as the user named it, e.g. `plugins/eastleigh`.
    public let path: String
    /// The folder on disk.
    public let folder: URL
    /// `manifest.lua`.
    public let manifest: PluginManifest
    /// Identity for the audit trail: id, version, api and a content hash of the plugin's files.
    public let identity: PolicyIdentity
    /// The local policy the core decides with, hooks included.
    public let policy: LocalPolicy
    /// The early signs of abuse the policy names, by kind, for imports that raise welfare-check flags.
    public let identification: [String: IdentificationSignal]
    /// Things a policy officer should look at: placeholders, out-of-date numbers, missing sources, an overdue review.
    public let warnings: [PluginProblem]
    /// Where each field of the plugin table is written.
    public let sourceMap: SourceMap
    /// The plugin's runtime.
    public let runtime: LuaRuntime

    init(path: String, folder: URL, manifest: PluginManifest, identity: PolicyIdentity, policy: LocalPolicy,
         identification: [String: IdentificationSignal] = [:],
         warnings: [PluginProblem], sourceMap: SourceMap, runtime: LuaRuntime) {
        self.identification = identification
        self.path = path
        self.folder = folder
        self.manifest = manifest
        self.identity = identity
        self.policy = policy
        self.warnings = warnings
        self.sourceMap = sourceMap
        self.runtime = runtime
    }

    /// The plan for a case under this plugin's policy.
    /// - Throws: `DecisionError` when a hook fails or tries to break a core invariant.
    public func decide(_ caseFile: CaseFile, now: Timestamp) throws(DecisionError) -> Plan {
        try HearthCore.decide(caseFile, policy: policy, now: now, identity: identity)
    }
}
