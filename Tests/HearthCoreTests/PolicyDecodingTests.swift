import Foundation
import Testing
@testable import HearthCore

@Suite("Local policy decodes straight from the plugin table")
struct PolicyDecodingTests {
    static let table = """
    {
      "risk": { "marac_threshold": { "default": 14, "by_area": { "Cambridgeshire": 17 } }, "bands": { "medium": 10 },
                "escalation": { "incidents": 3, "window_months": 12 }, "source": "§4", "location": "plugins/cross_keys_homes/init.lua:5" },
      "deadlines": [
        { "id": "open_case", "name": "Open a case", "within": { "hours": 24 }, "from": "consent", "source": "§5" },
        { "id": "first_contact", "name": "Contact the victim", "within": { "working_days": 1 }, "location": "plugins/eastleigh/init.lua:42" },
        { "id": "prevention", "name": "Prevent homelessness", "within": { "days": 56 }, "when": { "homeless": false, "wishes": "move" } }
      ],
      "helplines": [
        { "name": "Eastleigh perpetrator line", "number": null, "audience": "perpetrator",
          "placeholder": "the policy gives ??? for this number (§12)" }
      ],
      "partners": [
        { "id": "idva", "name": "IDVA", "kind": "idva", "area": "cambridgeshire", "when": { "risk": "high" } },
        { "id": "outreach_east", "name": "Outreach", "kind": "outreach", "area": ["Kent", "Sussex"], "consent": "required" }
      ],
      "security_measures": [ { "id": "fireproof_letterbox", "name": "Fireproof letterbox", "when": { "threats": ["arson"] }, "source": "§9.2" } ],
      "housing_options": [ { "id": "sanctuary", "name": "Sanctuary scheme", "when": { "wishes": ["remain"] } } ],
      "perpetrator_options": [ { "id": "ground_14a", "name": "Ground 14A", "guard": "victim_left" } ],
      "closure_reasons": [ { "id": "support_complete", "name": "Support completed" } ],
      "retention": { "years": 6, "after": "closure" },
      "closure_days": ["2025-12-24"],
      "consent": { "handoff_declined": "record the initial report, take no further action, invite them back" }
    }
    """

    @Test("Every section decodes with its snake_case names")
    func decodes() throws {
        let policy = try JSONDecoder().decode(LocalPolicy.self, from: Data(Self.table.utf8))
        #expect(policy.risk.maracThreshold.threshold(forArea: "CAMBRIDGESHIRE") == 17)
        #expect(policy.risk.maracThreshold.threshold(forArea: "Kent") == 14)
        #expect(policy.risk.repeatWindowMonths == 12)
        #expect(policy.deadlines.map(\.within) == [.hours(24), .workingDays(1), .days(56)])
        #expect(policy.deadlines[0].from == .consent && policy.deadlines[1].from == .report)
        #expect(policy.deadlines[2].when == Condition(homeless: false, wishes: [.move]))
        #expect(policy.partners[0].area == ["cambridgeshire"] && policy.partners[1].area == ["kent", "sussex"])
        #expect(policy.partners[0].when?.risk == [.high])
        #expect(policy.perpetratorOptions[0].guard == .victimLeft)
        #expect(policy.calendar.closureDays.contains(LocalDate.parse("2025-12-24")!))
        #expect(policy.warnings == ["helpline 'Eastleigh perpetrator line' is a placeholder: the policy gives ??? for this number (§12)"])
        #expect(policy.hooks.isEmpty)
    }

    @Test("A plan names the plugin location of the items it used")
    func locations() throws {
        let policy = try JSONDecoder().decode(LocalPolicy.self, from: Data(Self.table.utf8))
        let plan = try decide(Fixtures.standardCase(), policy: policy, now: Fixtures.now,
                              identity: PolicyIdentity(id: "cross_keys_homes", name: "CKH", version: "1.0.0"))
        #expect(plan.deadlines.first { $0.id == "first_contact" }?.rule == "plugins/eastleigh/init.lua:42")
        #expect(plan.policy?.id == "cross_keys_homes")
    }

    @Test("A usable policy has no problems; a broken one lists each by field")
    func problems() {
        #expect(Fixtures.crossKeys.problems.isEmpty)
        var policy = Fixtures.crossKeys
        policy.risk.bands = RiskBands(medium: 15)
        policy.partners.append(Partner(id: "idva", name: "Second IDVA", kind: .idva))
        policy.partners.append(Partner(id: "police", name: "Police", kind: .police, consent: .lawfulBasis))
        policy.partners.append(Partner(id: "ss", name: "Social services", kind: .other, basis: "because"))
        #expect(policy.problems == [
            "partners[6].id: 'idva' is used more than once in partners",
            "risk.bands.medium: expected an integer from 1 to 13 (below the MARAC threshold), found 15",
            "partners[7].basis: consent = \"lawful_basis\" needs a basis (one of marac, marac_high_risk, children_act_1989_s47, child_protection, mental_capacity_act_2005, capacity)",
            "partners[8].basis: expected one of marac, marac_high_risk, children_act_1989_s47, child_protection, mental_capacity_act_2005, capacity, found \"because\"; other bases are recorded by the caseworker per case",
        ])
    }

    @Test("A policy survives encoding and decoding")
    func roundTrip() throws {
        let policy = Fixtures.crossKeys
        let again = try JSONDecoder().decode(LocalPolicy.self, from: JSONEncoder().encode(policy))
        #expect(again.partners == policy.partners)
        #expect(again.deadlines == policy.deadlines)
        #expect(again.risk == policy.risk)
    }

    @Test("Bad policy values are refused with the field named", arguments: [
        (#"{"risk": {"marac_threshold": 30}}"#, "between 1 and 24"),
        (#"{"risk": {"marac_threshold": 14}, "deadlines": [{"id": "x", "name": "x", "within": {"weeks": 2}}]}"#, "exactly one of hours, working_days or days"),
        (#"{"risk": {"marac_threshold": 14}, "housing_options": [{"id": "x", "name": "x", "when": {"wish": "move"}}]}"#, "unknown condition 'wish'"),
        (#"{"risk": {"marac_threshold": 14}, "closure_days": ["24/12/2025"]}"#, "YYYY-MM-DD"),
        (#"{"risk": {"marac_threshold": 14}, "partners": [{"id": "x", "name": "x", "kind": "friend"}]}"#, "kind"),
    ])
    func refused(json: String, expected: String) {
        do {
            _ = try JSONDecoder().decode(LocalPolicy.self, from: Data(json.utf8))
            Issue.record("decoded \(json)")
        } catch {
            #expect("\(error)".contains(expected), "\(error)")
        }
    }
}

@Suite("Plan JSON is the output contract")
struct PlanJSONTests {
    @Test("snake_case keys, sorted, UK offsets, identical bytes for identical input")
    func json() throws {
        var c = Fixtures.standardCase(yes: 15, reportedAt: Timestamp.parse("2025-08-22T15:30:00Z")!)
        c.children = [Child(age: 4, relatedToVictim: true, relatedToPerpetrator: true, exposed: true)]
        let plan = try Fixtures.plan(c)
        let data = try plan.jsonData()
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.hasPrefix("{\"actions\":"))
        #expect(text.contains("\"child_victims\":[{"))
        #expect(text.contains("\"due\":\"2025-08-26T16:30:00+01:00\""))
        #expect(text.contains("\"within_act\":true"))
        #expect(text.contains("\"secure_tenancy_on_rehousing\":false"))
        #expect(!text.contains("caseId") && !text.contains("withinAct"))
        #expect(try Fixtures.plan(c).jsonData() == data)
        let decoded = try JSONDecoder().decode(Plan.self, from: data)
        #expect(decoded == plan)
    }

    @Test("The trace runs through the steps in order")
    func traceOrder() throws {
        let plan = try Fixtures.plan(Fixtures.standardCase())
        let steps = plan.trace.map(\.step)
        #expect(steps == steps.sorted())
        #expect(Set(steps).isSuperset(of: [1, 2, 4, 5, 6, 7, 8, 9, 10]))
    }
}
