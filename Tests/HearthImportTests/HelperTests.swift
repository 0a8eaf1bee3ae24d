import HearthImport
import Testing

@Suite("The hearth helpers for import scripts")
struct HelperTests {
    @Test("UK dates in common forms become YYYY-MM-DD; impossible dates are refused")
    func dates() {
        #expect(ImportHelpers.date("31/01/2024").0 == "2024-01-31")
        #expect(ImportHelpers.date("1.2.24").0 == "2024-02-01")
        #expect(ImportHelpers.date("3 Mar 1999").0 == "1999-03-03")
        #expect(ImportHelpers.date("2024-05-06").0 == "2024-05-06")
        #expect(ImportHelpers.date("31/02/2024").0 == nil)
        #expect(ImportHelpers.date("31/02/2024").1 == "'31/02/2024' is not a real date")
    }

    @Test("UK local times carry their offset: GMT in winter, BST in summer")
    func datetimes() {
        #expect(ImportHelpers.datetime("15/01/2024 09:30").0 == "2024-01-15T09:30:00+00:00")
        #expect(ImportHelpers.datetime("15/07/2024 09:30").0 == "2024-07-15T09:30:00+01:00")
        #expect(ImportHelpers.datetime("15/07/2024 9:30:15").0 == "2024-07-15T09:30:15+01:00")
        #expect(ImportHelpers.datetime("15/07/2024 25:00").0 == nil)
    }

    @Test("Postcodes, phones, yes/no and DASH counts")
    func others() {
        #expect(ImportHelpers.postcode("so509yn").0 == "SO50 9YN")
        #expect(ImportHelpers.postcode("EC1A 1BB").0 == "EC1A 1BB")
        #expect(ImportHelpers.postcode("12345").0 == nil)
        #expect(ImportHelpers.phone("07700 900123").0 == "+447700900123")
        #expect(ImportHelpers.phone("+44 (0)1234 567890").0 == nil || ImportHelpers.phone("+44 1234 567890").0 == "+441234567890")
        #expect(ImportHelpers.phone("12").0 == nil)
        #expect(ImportHelpers.yesno("Y").0 == true)
        #expect(ImportHelpers.yesno(" no ").0 == false)
        #expect(ImportHelpers.yesno("unknown") == (nil, nil))
        #expect(ImportHelpers.yesno("perhaps").1 != nil)
        #expect(ImportHelpers.dashCount("15/24").0 == 15)
        #expect(ImportHelpers.dashCount("25").1 == "25 is not a DASH count (it must be from 0 to 24)")
    }
}
