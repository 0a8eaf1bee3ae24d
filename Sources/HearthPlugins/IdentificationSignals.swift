import LuaBridge

/// One early sign of abuse a policy names (domain.md §7), and when it should prompt a discreet welfare check.
public struct IdentificationSignal: Codable, Sendable, Hashable {
    /// How many of these (in `withinMonths`) prompt a welfare check; `nil` when the policy gives no number.
    public var count: Int?
    /// The window the count is taken over, in months.
    public var withinMonths: Int?
    /// Why the number is unknown (the policy names the sign but no threshold).
    public var placeholder: String?
    public var notes: String?
    /// The section of the policy that names the sign.
    public var source: String?
    /// Where the plugin writes it.
    public var location: String?

    enum CodingKeys: String, CodingKey {
        case count, withinMonths = "within_months", placeholder, notes, source, location
    }

    /// The kinds of sign the host knows (import scripts raise them as property flags).
    public static let kinds = [
        "door_damage", "window_damage", "property_damage", "lock_change", "repairs_above_average", "adaptations",
        "asb_complaint", "noise_complaint", "abandoned", "homeless_presentation", "neighbour_concern", "tenancy_visit",
    ]
}

extension PluginSchema {
    static let identificationSignal: Schema = .record([
        "count": .opt(.integer(1...1000)), "within_months": .opt(.integer(1...60)), "placeholder": .opt(.string),
        "notes": .opt(.string), "source": .opt(.string),
    ])
    static let identification: Schema = .record(Dictionary(uniqueKeysWithValues:
        IdentificationSignal.kinds.map { ($0, Schema.Field.opt(identificationSignal)) }))
}
