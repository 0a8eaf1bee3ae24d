import Foundation
import Testing
@testable import HearthPlugins

@Suite("Editor type stubs")
struct TypeStubTests {
    /// Every `function a.b(` declared in types/*.lua.
    func declared() throws -> Set<String> {
        let dir = packageRoot.appendingPathComponent("types")
        var names = Set<String>()
        for file in try FileManager.default.contentsOfDirectory(atPath: dir.path) where file.hasSuffix(".lua") {
            let text = try String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n") where line.hasPrefix("function ") {
                names.insert(String(line.dropFirst("function ".count).prefix { $0 != "(" }))
            }
        }
        return names
    }

    @Test("Given the host's plugin API, when compared with types/, then every registered function has a stub")
    func everyHostFunctionHasAStub() throws {
        let plugin = try load("plugins/example")
        let registered = try plugin.runtime.run("""
            local out = {}
            for _, name in ipairs({ "hearth", "clock" }) do
              for k, v in pairs(_G[name]) do
                if type(v) == "function" then out[#out + 1] = name .. "." .. k end
              end
            end
            for _, g in ipairs({ "print", "require" }) do if type(_G[g]) == "function" then out[#out + 1] = g end end
            return out
            """, chunkName: "stubs.lua").first?.arrayValue?.compactMap(\.stringValue) ?? []
        #expect(registered.count >= 7)
        let stubs = try declared()
        for name in registered { #expect(stubs.contains(name), "\(name) is registered by the host but missing from types/") }
    }
}
