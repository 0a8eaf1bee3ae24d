import HearthCore
import LuaBridge

/// Reading a hook's result: a patch, checked field by field with the same words as the schema's errors.
///
/// Written by hand rather than through `LuaDecoder` because it runs after every hook call (see
/// docs/performance.md: the Codable path cost more than the hook itself).
extension PlanPatch {
    static let fields = ["referrals", "measures", "housing_options", "perpetrator_options", "raise_risk", "notes",
                         "remove_referrals", "remove_emergency_advice"]
    static let referralFields = ["partner", "kind", "reason", "status", "basis"]

    /// The patch a hook returned.
    /// - Throws: `LuaError` of kind `.conversion` naming the field, what was expected and what was found.
    static func fromLua(_ value: LuaValue) throws(LuaError) -> PlanPatch {
        guard let table = value.tableValue else {
            throw LuaError(kind: .conversion, message: "expected a patch table (or nil), found \(value.found)")
        }
        for key in table.keys.sorted() where !fields.contains(key) {
            var message = "\(key): unknown field"
            if let near = SchemaValidator.nearest(key, in: fields) { message += " (did you mean '\(near)'?)" }
            throw LuaError(kind: .conversion, message: message + "; a patch may have " + fields.joined(separator: ", "))
        }
        func strings(_ key: String) throws(LuaError) -> [String]? {
            guard let v = table[key], v != .nil else { return nil }
            guard let items = v.arrayValue else {
                throw LuaError(kind: .conversion, message: "\(key): expected a list of ids, found \(v.found)")
            }
            var out: [String] = []
            for (i, item) in items.enumerated() {
                guard let s = item.stringValue else {
                    throw LuaError(kind: .conversion, message: "\(key)[\(i + 1)]: expected a string, found \(item.found)")
                }
                out.append(s)
            }
            return out
        }
        func enumValue<E: RawRepresentable>(_ v: LuaValue, _ path: String, _: E.Type) throws(LuaError) -> E?
            where E.RawValue == String, E: CaseIterable {
            if v == .nil { return nil }
            guard let s = v.stringValue, let e = E(rawValue: s) else {
                throw LuaError(kind: .conversion, message: "\(path): expected one of \(E.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")), found \(v.found)")
            }
            return e
        }
        var referrals: [ReferralRequest]?
        if let v = table["referrals"], v != .nil {
            guard let items = v.arrayValue else {
                throw LuaError(kind: .conversion, message: "referrals: expected a list of { partner = … }, found \(v.found)")
            }
            referrals = []
            for (i, item) in items.enumerated() {
                let path = "referrals[\(i + 1)]"
                guard let r = item.tableValue else {
                    throw LuaError(kind: .conversion, message: "\(path): expected a table, found \(item.found)")
                }
                if let key = r.keys.sorted().first(where: { !referralFields.contains($0) }) {
                    throw LuaError(kind: .conversion, message: "\(path).\(key): unknown field; a referral may have \(referralFields.joined(separator: ", "))")
                }
                guard let partner = r["partner"]?.stringValue else {
                    throw LuaError(kind: .conversion, message: "\(path).partner: missing (the partner's id)")
                }
                let reason = r["reason"] ?? .nil
                if reason != .nil && reason.stringValue == nil {
                    throw LuaError(kind: .conversion, message: "\(path).reason: expected a string, found \(reason.found)")
                }
                referrals?.append(ReferralRequest(
                    partner: partner, kind: try enumValue(r["kind"] ?? .nil, "\(path).kind", ReferralKind.self),
                    reason: reason.stringValue,
                    status: try enumValue(r["status"] ?? .nil, "\(path).status", ReferralStatus.self),
                    basis: try enumValue(r["basis"] ?? .nil, "\(path).basis", LawfulBasis.self)))
            }
        }
        var removeEmergency: Bool?
        if let v = table["remove_emergency_advice"], v != .nil {
            guard let b = v.boolValue else {
                throw LuaError(kind: .conversion, message: "remove_emergency_advice: expected true or false, found \(v.found)")
            }
            removeEmergency = b
        }
        return PlanPatch(
            referrals: referrals, measures: try strings("measures"), housingOptions: try strings("housing_options"),
            perpetratorOptions: try strings("perpetrator_options"),
            raiseRisk: try enumValue(table["raise_risk"] ?? .nil, "raise_risk", RiskBand.self),
            notes: try strings("notes"), removeReferrals: try strings("remove_referrals"),
            removeEmergencyAdvice: removeEmergency)
    }
}
