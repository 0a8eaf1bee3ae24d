/// `manifest.lua`: who the plugin is for and which policy it encodes. Data only.
public struct PluginManifest: Codable, Sendable, Hashable {
    /// The policy document the plugin encodes.
    public struct Source: Codable, Sendable, Hashable {
        public var title: String
        public var date: String?
        public var url: String?
        public var file: String?
        public var notes: String?
    }

    /// When the policy was last reviewed and is next due.
    public struct Review: Codable, Sendable, Hashable {
        public var last: String?
        public var next: String?
        public var cycleYears: Int?
        public var notes: String?
        enum CodingKeys: String, CodingKey { case last, next, cycleYears = "cycle_years", notes }
    }

    /// The folder name: lower-case letters, digits and `_`.
    public var id: String
    public var name: String
    public var organisation: String
    public var area: String?
    /// The major version of the host API the plugin was written for.
    public var api: Int
    /// The plugin's own version (semver).
    public var version: String
    public var source: Source
    public var review: Review?
}
