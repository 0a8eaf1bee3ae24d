import Foundation
import Testing
@testable import LuaBridge

@Suite("Values between Lua and Swift")
struct LuaValueTests {
    let runtime: LuaRuntime
    init() throws { runtime = try LuaRuntime() }

    @Test("Given every kind of plain value, when it goes into Lua and back, then it comes back the same")
    func roundTrip() throws {
        let values: [LuaValue] = [
            .nil, true, false, 0, -7, 9_007_199_254_740_993, 1.5, -0.25, "", "héllo\n\"quoted\"",
            [1, 2, 3], ["a": 1, "b": ["c": [true, "x"]]], [["id": "idva"], ["id": "marac"]],
        ]
        let identity = try runtime.load("return ...", chunkName: "identity.lua")
        for value in values {
            let back = try runtime.call(identity, [value])
            #expect(back == [value], "\(value)")
        }
    }

    @Test("Given a Lua table with holes or mixed keys, when converted, then integer keys become strings")
    func mixedTables() throws {
        let result = try runtime.run("return { 1, 2, name = 'x' }, { [1] = 'a', [3] = 'c' }, {}", chunkName: "t.lua")
        #expect(result[0] == .table(["1": 1, "2": 2, "name": "x"]))
        #expect(result[1] == .table(["1": "a", "3": "c"]))
        #expect(result[2] == .table([:]))
    }

    @Test("Given a table with a cycle, when converted, then a conversion error names the path")
    func cycles() throws {
        #expect {
            _ = try runtime.run("local t = {}; t.self = t; return t", chunkName: "cycle.lua")
        } throws: { error in
            guard let e = error as? LuaError else { return false }
            return e.kind == .conversion && e.message.contains("self.self") && e.message.contains("cycle")
        }
    }

    @Test("Given a table with a boolean key, when converted, then the error says which key types work")
    func badKeys() throws {
        #expect(throws: LuaError.self) { _ = try runtime.run("return { [true] = 1 }", chunkName: "k.lua") }
    }

    @Test("Given a table with a metatable, when converted, then no metamethod runs")
    func rawAccess() throws {
        let result = try runtime.run("""
            return setmetatable({ a = 1 }, { __index = function() error('metamethod ran') end,
                                            __pairs = function() error('pairs ran') end })
            """, chunkName: "raw.lua")
        #expect(result == [["a": 1]])
    }

    @Test("Given values, when written as JSON, then keys are sorted and integers stay integers")
    func json() throws {
        let value: LuaValue = ["b": [1, 2.5], "a": "x\"y", "c": .nil]
        #expect(try value.jsonString(pretty: false) == #"{"a":"x\"y","b":[1,2.5],"c":null}"#)
        #expect(throws: LuaError.self) { _ = try LuaValue.number(.nan).jsonString() }
    }
}

struct Partner: Codable, Equatable {
    var id: String
    var phone: String
    var areas: [String]?
    var priority: Int?
}

struct Policy: Codable, Equatable {
    var name: String
    var threshold: Int
    var partners: [Partner]
}

@Suite("Codable values")
struct LuaCodableTests {
    let runtime: LuaRuntime
    init() throws { runtime = try LuaRuntime() }

    @Test("Given a Swift struct, when encoded and decoded through Lua, then it is unchanged")
    func roundTrip() throws {
        let policy = Policy(name: "Eastleigh", threshold: 14, partners: [
            Partner(id: "idva", phone: "023 8000 0000", areas: ["eastleigh"], priority: 1),
            Partner(id: "police", phone: "101", areas: nil, priority: nil),
        ])
        let identity = try runtime.load("return ...", chunkName: "identity.lua")
        let back = try runtime.call(identity, encoding: policy)
        #expect(try LuaDecoder().decode(Policy.self, from: back[0]) == policy)
    }

    @Test("Given a partner whose phone is a number, when decoded, then the error names partners[3].phone")
    func fieldPath() throws {
        let value = try runtime.run("""
            return { name = "x", threshold = 14, partners = {
              { id = "a", phone = "1" }, { id = "b", phone = "2" }, { id = "c", phone = 999 } } }
            """, chunkName: "p.lua")[0]
        #expect {
            _ = try LuaDecoder().decode(Policy.self, from: value)
        } throws: { error in
            (error as? LuaError)?.message == "partners[3].phone: expected a string, found 999"
        }
    }

    @Test("Given a missing field, when decoded, then the error names it")
    func missing() throws {
        #expect {
            _ = try LuaDecoder().decode(Policy.self, from: ["name": "x", "partners": []])
        } throws: { error in
            (error as? LuaError)?.message == "threshold: missing (a required field)"
        }
    }

    @Test("Given a misspelt field, when decoded strictly, then the error names it and the known fields")
    func unknownField() throws {
        let value: LuaValue = ["name": "x", "threshold": 14, "partners": [["id": "a", "phone": "1", "prority": 2]]]
        #expect {
            _ = try LuaDecoder(rejectUnknownKeys: true).decode(Policy.self, from: value)
        } throws: { error in
            guard let message = (error as? LuaError)?.message else { return false }
            return message.hasPrefix("partners[1].prority: unknown field") && message.contains("priority")
        }
        #expect(try LuaDecoder().decode(Policy.self, from: value).threshold == 14)
    }

    @Test("Given a float where an integer belongs, when decoded, then it is refused")
    func integers() throws {
        #expect(throws: LuaError.self) {
            _ = try LuaDecoder().decode(Policy.self, from: ["name": "x", "threshold": 14.5, "partners": []])
        }
        #expect(try LuaDecoder().decode(Policy.self, from: ["name": "x", "threshold": 14.0, "partners": []]).threshold == 14)
    }
}
