import Foundation
import Testing
@testable import HearthCore

/// Pins every problem message, path and their order for documents with many problems at once.
@Suite("Validation messages: exact text, paths and order")
struct ValidationMessagesTests {
    func problems(_ value: JSONValue) -> [String] {
        switch CaseFile.validate(value) {
        case .success: return []
        case .failure(let error): return error.problems.map(\.description)
        }
    }

    /// A case with a problem in almost every field: unknown keys (with and without suggestions), wrong types,
    /// empty and whitespace-only text, bad enumerations, bad timestamps and dates, lists with bad items.
    static let manyProblems: JSONValue = .object([
        "id": .string("  \t\n "),
        "reported_at": .string("2025-03-04 10:00"),
        "channel": .string("Phone"),
        "area": .string(""),
        "chanel": .string("phone"),
        "Victim": .bool(true),
        "zzz_unknown": .int(1),
        "é": .null,
        "victim": .object([
            "age": .string("thirty"), "gender": .string("\u{00A0}\u{2003}"), "tenant": .string("yes"),
            "tenure": .string("privat"), "has_capacity": .null, "agee": .int(3), "recourse_to_public_funds": .int(0),
        ]),
        "perpetrator": .object(["relationship": .string("neighbour"), "age": .double(200.5), "current": .int(1), "lives-with-victim": .bool(true)]),
        "children": .array([
            .object(["age": .int(18), "related_to_victim": .bool(true), "related_to_perpetrator": .string("no"), "name": .string("x")]),
            .string("not an object"),
            .object([:]),
            .array([]),
        ]),
        "household": .array([.object(["age": .int(-1), "relationship": .string(" ")]), .object(["age": .double(40)])]),
        "behaviours": .array([.string("physical"), .string("shouting"), .int(3), .string("Physical"), .string("physical")]),
        "threats": .string("kill"),
        "dash": .object(["answers": .object([
            "1": .string("yes"), "02": .string("no"), "x": .string("yes"), "3": .string("maybe"), "25": .string("yes"),
            "10": .string("Yes"), "24": .int(1),
        ])]),
        "professional_judgement": .object(["high_risk": .bool(true)]),
        "incidents_12_months": .int(-1),
        "last_marac_referral": .string("2025-13-01"),
        "consent": .object([
            "handoff": .string("maybe"), "handoff_at": .string("yesterday"),
            "referrals": .object(["police": .string("given"), "idva": .string("yes"), "Zeta": .string("refused")]),
            "lawful_basis": .array([
                .object(["basis": .string("legal"), "reason": .string(""), "recorded_by": .string("x"),
                         "applies_to": .array([.string("a"), .string(" "), .int(3)])]),
                .int(5),
                .object(["reason": .string("r")]),
            ]),
            "extra": .int(1),
        ]),
        "housing": .object(["wishes": .string("stay"), "threatened_within_days": .int(4000), "eligible": .string("unknown")]),
        "property": .string("yes"),
        "contact": .object(["safe_method": .string("post"), "address_safe": .string("no"), "safe_times": .string("")]),
        "needs": .object(["other": .array([.string("BSL"), .string(""), .null]), "bsl": .string("no"), "interpreter_language": .string("   ")]),
        "counter_allegation": .string("false"),
    ])

    static let manyProblemsExpected: [String] = [
        "Victim: unknown field 'Victim' (did you mean 'victim'?); allowed fields are id, reported_at, channel, immediate_danger, area, victim, perpetrator, children, household, behaviours, threats, dash, professional_judgement, incidents_12_months, last_marac_referral, consent, housing, property, contact, needs, counter_allegation",
        "chanel: unknown field 'chanel' (did you mean 'channel'?); allowed fields are id, reported_at, channel, immediate_danger, area, victim, perpetrator, children, household, behaviours, threats, dash, professional_judgement, incidents_12_months, last_marac_referral, consent, housing, property, contact, needs, counter_allegation",
        "zzz_unknown: unknown field 'zzz_unknown'; allowed fields are id, reported_at, channel, immediate_danger, area, victim, perpetrator, children, household, behaviours, threats, dash, professional_judgement, incidents_12_months, last_marac_referral, consent, housing, property, contact, needs, counter_allegation",
        "é: unknown field 'é'; allowed fields are id, reported_at, channel, immediate_danger, area, victim, perpetrator, children, household, behaviours, threats, dash, professional_judgement, incidents_12_months, last_marac_referral, consent, housing, property, contact, needs, counter_allegation",
        "id: expected text, found an empty string",
        "reported_at: expected ISO 8601 with an offset (e.g. \"2025-03-04T10:00:00+00:00\"), found \"2025-03-04 10:00\"",
        "channel: expected one of phone | in_person | email | third_party | repairs | asb_complaint | homeless_presentation | tenancy_visit | other, found \"Phone\" (did you mean \"phone\"?)",
        "immediate_danger: required field is missing (expected true or false)",
        "area: expected text, found an empty string",
        "victim.agee: unknown field 'agee' (did you mean 'age'?); allowed fields are age, gender, tenant, tenure, has_capacity, recourse_to_public_funds",
        "victim.age: expected an integer from 0 to 130, found \"thirty\"",
        "victim.gender: expected text, found an empty string",
        "victim.tenant: expected true or false, found \"yes\"",
        "victim.tenure: expected one of secure | joint_secure | assured | joint_assured | private | temporary | none, found \"privat\" (did you mean \"private\"?)",
        "victim.recourse_to_public_funds: expected true or false, found 0",
        "perpetrator.lives-with-victim: unknown field 'lives-with-victim' (did you mean 'lives_with_victim'?); allowed fields are age, relationship, current, tenant, lives_with_victim",
        "perpetrator.age: expected an integer from 0 to 130, found 200.5",
        "perpetrator.relationship: expected one of spouse | civil_partner | engaged | civil_partnership_agreement | intimate_partner | shared_parent | relative | none, found \"neighbour\"",
        "perpetrator.current: expected true or false, found 1",
        "children[0].name: unknown field 'name' (did you mean 'age'?); allowed fields are age, related_to_victim, related_to_perpetrator, exposed",
        "children[0].age: expected an integer from 0 to 17 (list adults under household), found 18",
        "children[0].related_to_perpetrator: expected true or false, found \"no\"",
        "children[0].exposed: required field is missing (expected true or false)",
        "children[1]: expected an object, found \"not an object\"",
        "children[2].age: required field is missing (expected an integer from 0 to 17 (list adults under household))",
        "children[2].related_to_victim: required field is missing (expected true or false)",
        "children[2].related_to_perpetrator: required field is missing (expected true or false)",
        "children[2].exposed: required field is missing (expected true or false)",
        "children[3].age: required field is missing (expected an integer from 0 to 17 (list adults under household))",
        "children[3].related_to_victim: required field is missing (expected true or false)",
        "children[3].related_to_perpetrator: required field is missing (expected true or false)",
        "children[3].exposed: required field is missing (expected true or false)",
        "household[0].age: expected an integer from 0 to 130, found -1",
        "household[0].relationship: expected text, found an empty string",
        "behaviours[1]: expected one of physical | sexual | violent_or_threatening | coercive_control | economic | psychological, found \"shouting\"",
        "behaviours[2]: expected one of physical | sexual | violent_or_threatening | coercive_control | economic | psychological, found 3",
        "behaviours[3]: expected one of physical | sexual | violent_or_threatening | coercive_control | economic | psychological, found \"Physical\" (did you mean \"physical\"?)",
        "threats: expected a list, found \"kill\"",
        "dash.answers.02: unknown DASH question (1–24)",
        "dash.answers.3: expected one of yes | no | unknown, found \"maybe\"",
        "dash.answers.10: expected one of yes | no | unknown, found \"Yes\" (did you mean \"yes\"?)",
        "dash.answers.24: expected one of yes | no | unknown, found 1",
        "dash.answers.25: unknown DASH question (1–24)",
        "dash.answers.x: unknown DASH question (1–24)",
        "professional_judgement.reason: required field is missing (expected the practitioner's reason for judging the risk high)",
        "incidents_12_months: expected a whole number 0 or more, found -1",
        "last_marac_referral: expected a date as YYYY-MM-DD, found \"2025-13-01\"",
        "consent.extra: unknown field 'extra'; allowed fields are handoff, handoff_at, referrals, lawful_basis",
        "consent.handoff: expected one of given | refused | not_asked, found \"maybe\"",
        "consent.handoff_at: expected ISO 8601 with an offset (e.g. \"2025-03-04T10:00:00+00:00\"), found \"yesterday\"",
        "consent.referrals.idva: expected one of given | refused | withdrawn, found \"yes\"",
        "consent.lawful_basis[0].basis: expected one of marac_high_risk | children_act_1989_s47 | mental_capacity_act_2005 | care_act_2014_s42 | dpa2018_safeguarding | legal_duty | crime_and_disorder_act_1998_s115, found \"legal\"",
        "consent.lawful_basis[0].reason: expected text, found an empty string",
        "consent.lawful_basis[0].applies_to[1]: expected text, found an empty string",
        "consent.lawful_basis[0].applies_to[2]: expected text, found 3",
        "consent.lawful_basis[1]: expected an object, found 5",
        "consent.lawful_basis[2].basis: required field is missing (expected a lawful basis)",
        "consent.lawful_basis[2].recorded_by: required field is missing (expected who recorded it)",
        "housing.wishes: expected one of remain | move | undecided, found \"stay\"",
        "housing.threatened_within_days: expected a whole number of days 0 or more, or null, found 4000",
        "housing.eligible: expected true or false, found \"unknown\"",
        "property: expected an object, found \"yes\"",
        "contact.safe_method: expected one of phone | text | email | letter | in_person | via_support_worker, found \"post\"",
        "contact.safe_times: expected text, found an empty string",
        "contact.address_safe: expected true or false, found \"no\"",
        "needs.interpreter_language: expected text, found an empty string",
        "needs.bsl: expected true or false, found \"no\"",
        "needs.other[1]: expected text, found an empty string",
        "needs.other[2]: expected text, found null",
        "counter_allegation: expected true or false, found \"false\"",
    ]

    @Test("Given a case with a problem in almost every field, when validated, then every problem is listed in order with its path")
    func manyProblemsInOrder() {
        // Given
        let value = Self.manyProblems
        // When
        let found = problems(value)
        // Then
        #expect(found == Self.manyProblemsExpected)
    }

    static let base: [String: JSONValue] = [
        "id": .string("c-1"), "reported_at": .string("2025-03-04T10:00:00+00:00"), "channel": .string("phone"),
        "immediate_danger": .bool(false), "victim": .object(["age": .int(30)]),
        "perpetrator": .object(["relationship": .string("spouse")]), "behaviours": .array([.string("physical")]),
    ]

    static func with(_ changes: [String: JSONValue]) -> JSONValue {
        .object(JSONObject(base.merging(changes) { $1 }))
    }

    /// Smaller documents for the checks that span fields, and for values of the wrong shape at the top.
    static let cases: [(JSONValue, [String])] = [
        (.string("a case"), [
            "$: expected an object, found \"a case\"",
        ]),
        (.array([]), [
            "id: required field is missing (expected the case reference as text)",
            "reported_at: required field is missing (expected ISO 8601 with an offset)",
            "channel: required field is missing (expected how the disclosure reached us)",
            "immediate_danger: required field is missing (expected true or false)",
            "victim: required field is missing (expected an object with at least age)",
            "perpetrator: required field is missing (expected an object with at least relationship)",
            "behaviours: required field is missing (expected a list of behaviours (may be empty))",
        ]),
        (.array([.int(1)]), [
            "$: expected an object, found a list",
        ]),
        (with(["last_marac_referral": .string("2025-03-05"), "consent": .object(["handoff": .string("given"), "handoff_at": .string("2025-03-04T09:59:59+00:00")])]), [
            "last_marac_referral: the last MARAC referral (2025-03-05) is after the report (2025-03-04)",
            "consent.handoff_at: hand-off consent (2025-03-04T09:59:59+00:00) cannot come before the report (2025-03-04T10:00:00+00:00)",
        ]),
        (with(["reported_at": .string("2025-03-04T10:00:00Z"), "consent": .object(["handoff": .string("refused"), "handoff_at": .string("2025-03-04T11:00:00+01:00")])]), [
            "consent.handoff_at: a hand-off time is recorded but consent.handoff is refused",
        ]),
        (with(["dash": .object([:])]), [
            "dash: expected either answers (questions \"1\"–\"24\") or yes_count, found neither",
        ]),
        (with(["dash": .object(["answers": .array([]), "yes_count": .int(3)])]), [
            "dash: give either answers or yes_count, not both",
        ]),
        (with(["dash": .object(["answers": .string("all yes")])]), [
            "dash.answers: expected an object of question number to yes | no | unknown, found \"all yes\"",
        ]),
        (with(["dash": .array([])]), [
            "dash: expected either answers (questions \"1\"–\"24\") or yes_count, found neither",
        ]),
        (with(["contact": .object(["safe_method": .string("letter"), "address_safe": .bool(false)])]), [
            "contact.safe_method: letter needs a safe address, but contact.address_safe is false; agree another method with the victim",
        ]),
        (with(["channel": .string(String(repeating: "x", count: 70))]), [
            "channel: expected one of phone | in_person | email | third_party | repairs | asb_complaint | homeless_presentation | tenancy_visit | other, found \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...\"",
        ]),
        (with(["channel": .double(2.5), "behaviours": .object([:]), "threats": .object(["a": .int(1)])]), [
            "channel: expected one of phone | in_person | email | third_party | repairs | asb_complaint | homeless_presentation | tenancy_visit | other, found 2.5",
            "threats: expected a list, found an object",
        ]),
        (with(["consent": .object(["referrals": .string("all"), "lawful_basis": .string("none")])]), [
            "consent.referrals: expected an object of partner id or kind to given | refused | withdrawn, found \"all\"",
            "consent.lawful_basis: expected a list, found \"none\"",
        ]),
        (with(["professional_judgement": .object(["high_risk": .string("yes"), "reason": .string("")])]), [
            "professional_judgement.high_risk: expected true or false, found \"yes\"",
            "professional_judgement.reason: expected text, found an empty string",
        ]),
        (with(["victim": .null, "perpetrator": .null, "behaviours": .null, "id": .null]), [
            "id: required field is missing (expected the case reference as text)",
            "victim: required field is missing (expected an object with at least age)",
            "perpetrator: required field is missing (expected an object with at least relationship)",
            "behaviours: required field is missing (expected a list of behaviours (may be empty))",
        ]),
        (with(["victim": .object(["age": .int(131)]), "perpetrator": .object(["relationship": .string("none"), "age": .int(-1)])]), [
            "victim.age: expected an integer from 0 to 130, found 131",
            "perpetrator.age: expected an integer from 0 to 130, found -1",
        ]),
        (with(["reported_at": .string("2025-02-30T10:00:00+00:00"), "last_marac_referral": .string("2025-3-01")]), [
            "reported_at: expected ISO 8601 with an offset (e.g. \"2025-03-04T10:00:00+00:00\"), found \"2025-02-30T10:00:00+00:00\"",
            "last_marac_referral: expected a date as YYYY-MM-DD, found \"2025-3-01\"",
        ]),
        (with(["area": .string("\u{1C}\u{1D}\u{1E}\u{1F}"), "victim": .object(["age": .int(30), "gender": .string("\u{85}\u{3000}\u{2028}")]),
               "property": .object(["damage_leaves_unsafe": .string("x"), "perpetrator_left": .bool(true), "victim_left": .int(1)]),
               "needs": .object(["disability": .string("\u{7F}"), "other": .object([:]), "interpreter_language": .string(" \u{301}")])]), [
            "victim.gender: expected text, found an empty string",
            "property.damage_leaves_unsafe: expected true or false, found \"x\"",
            "property.victim_left: expected true or false, found 1",
        ]),
        (with(["household": .array([.object(["relationship": .string("\u{0B}\u{0C}\r\n\t ")])]),
               "threats": .array([.string("kill"), .string("kil"), .string("kill")]), "id": .string(" x ")]), [
            "household[0].relationship: expected text, found an empty string",
            "threats[1]: expected one of arson | weapons | kill | stalking | honour_based | forced_marriage | property_damage, found \"kil\" (did you mean \"kill\"?)",
        ]),
    ]

    @Test("Given documents with problems across fields or of the wrong shape, when validated, then the messages are exact")
    func smallerDocuments() {
        for (index, (value, expected)) in Self.cases.enumerated() {
            // Given a document, when validated
            let found = problems(value)
            // Then
            #expect(found == expected, "case \(index)")
        }
    }

    @Test("Given every enumeration the validator reads, when a raw value is looked up by name, then it is what init(rawValue:) gives")
    func enumerationNames() {
        func check<E: CaseNames & Equatable>(_: E.Type) {
            // Given every raw value, near misses and a canonically equivalent spelling
            let texts = E.allCases.map(\.rawValue) + E.allCases.map { $0.rawValue.uppercased() }
                + E.allCases.map { $0.rawValue + " " } + ["", "x", String(repeating: "a", count: 40), "caf\u{65}\u{301}"]
            for text in texts {
                // When, then
                #expect(E.named(text) == E(rawValue: text), "\(E.self) '\(text)'")
            }
        }
        check(Channel.self); check(Tenure.self); check(Relationship.self); check(Behaviour.self); check(Threat.self)
        check(DashAnswer.self); check(HandoffConsent.self); check(PartnerConsent.self); check(LawfulBasis.self)
        check(HousingWish.self); check(ContactMethod.self)
    }

    @Test("Given keys that share a name's first bytes or length, when matched against the allowed names, then only the name itself matches")
    func keyMatching() {
        // Given
        let keys = CaseValidator.caseKeyList
        // When, then
        for (i, name) in CaseValidator.caseKeys.enumerated() { #expect(keys.index(of: name) == i) }
        for near in ["i", "ids", "reported_a", "reported_att", "professional_judgemenT", "counter_allegation ", "", "victim\u{0}"] {
            #expect(keys.index(of: near) == nil, "'\(near)'")
        }
        // Every shorter prefix of every name, and every name with one byte changed, at every position and length
        let names = CaseValidator.caseKeys
        for name in names {
            let bytes = Array(name.utf8)
            for length in 0..<bytes.count {
                let prefix = String(decoding: bytes[..<length], as: UTF8.self)
                #expect(keys.index(of: prefix) == names.firstIndex(of: prefix), "'\(prefix)'")
            }
            for position in bytes.indices {
                var changed = bytes
                changed[position] ^= 0x01
                let text = String(decoding: changed, as: UTF8.self)
                #expect(keys.index(of: text) == names.firstIndex(of: text), "'\(text)'")
            }
        }
    }
}
