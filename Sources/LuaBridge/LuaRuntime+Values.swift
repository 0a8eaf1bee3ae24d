import CLua
import CLuaShim

extension LuaRuntime {
    /// Deepest nesting of tables converted to Swift (deeper usually means a cycle).
    static let maxTableDepth = 64

    func string(at idx: Int32, _ L: OpaquePointer? = nil) -> String? {
        guard let L = L ?? self.L else { return nil }
        var len = 0
        guard let p = hearth_tostring(L, idx, &len) else { return nil }
        return p.withMemoryRebound(to: UInt8.self, capacity: len) {
            String(decoding: UnsafeBufferPointer(start: $0, count: len), as: UTF8.self)
        }
    }

    @usableFromInline func pushString(_ s: String, _ L: OpaquePointer) {
        // Native strings are contiguous: push their bytes without copying the string.
        let pushed: Void? = s.utf8.withContiguousStorageIfAvailable { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                _ = lua_pushlstring(L, chars.baseAddress, chars.count)
            }
        }
        if pushed != nil { return }
        var s = s
        s.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                _ = lua_pushlstring(L, chars.baseAddress, chars.count)
            }
        }
    }

    /// Pushes a value; the memory cap is suspended by the caller or the trampoline.
    func push(_ value: LuaValue, _ L: OpaquePointer) {
        switch value {
        case .nil: lua_pushnil(L)
        case .boolean(let b): lua_pushboolean(L, b ? 1 : 0)
        case .integer(let i): lua_pushinteger(L, lua_Integer(i))
        case .number(let d): lua_pushnumber(L, d)
        case .string(let s): pushString(s, L)
        case .array(let items):
            lua_checkstack(L, 4)
            lua_createtable(L, Int32(items.count), 0)
            for (i, item) in items.enumerated() {
                push(item, L)
                lua_rawseti(L, -2, lua_Integer(i + 1))
            }
        case .table(let fields):
            lua_checkstack(L, 4)
            lua_createtable(L, 0, Int32(fields.count))
            for (key, item) in fields {
                pushString(key, L)
                push(item, L)
                lua_rawset(L, -3)
            }
        case .function(let f):
            if f.runtime === self {
                lua_rawgeti(L, hearth_registryindex(), lua_Integer(f.ref))
            } else {
                lua_pushnil(L)
            }
        }
    }

    /// Converts the value at `idx` to Swift, reading tables raw (no metamethod runs).
    func value(at idx: Int32, _ L: OpaquePointer, depth: Int = 0, path: String = "") throws(LuaError) -> LuaValue {
        let type = lua_type(L, idx)
        switch type {
        case LUA_TNIL, LUA_TNONE: return .nil
        case LUA_TBOOLEAN: return .boolean(lua_toboolean(L, idx) != 0)
        case LUA_TNUMBER:
            if lua_isinteger(L, idx) != 0 { return .integer(Int64(lua_tointegerx(L, idx, nil))) }
            return .number(lua_tonumberx(L, idx, nil))
        case LUA_TSTRING: return .string(string(at: idx, L) ?? "")
        case LUA_TFUNCTION:
            lua_pushvalue(L, idx)
            return .function(makeFunctionRef(L))
        case LUA_TTABLE:
            guard depth < Self.maxTableDepth else {
                throw LuaError(kind: .conversion, message: "\(path.isEmpty ? "value" : path): tables nest more than \(Self.maxTableDepth) deep (is there a cycle?)")
            }
            return try table(at: idx, L, depth: depth, path: path)
        default:
            let name = String(cString: lua_typename(L, type))
            throw LuaError(kind: .conversion, message: "\(path.isEmpty ? "value" : path): a \(name) cannot be passed to the host")
        }
    }

    private func table(at idx: Int32, _ L: OpaquePointer, depth: Int, path: String) throws(LuaError) -> LuaValue {
        let t = lua_absindex(L, idx)
        guard lua_checkstack(L, 4) != 0 else {
            throw LuaError(kind: .limit(.depth), message: "\(path.isEmpty ? "value" : path): tables nest too deep")
        }
        let n = Int(lua_rawlen(L, t))
        var items: [LuaValue] = []
        var fields: [String: LuaValue] = [:]
        var integerKeys = 0
        if n > 0 { items.reserveCapacity(n) }
        lua_pushnil(L)
        while lua_next(L, t) != 0 {
            // key at -2, value at -1
            let keyType = lua_type(L, -2)
            if keyType == LUA_TSTRING {
                let key = string(at: -2, L) ?? ""
                fields[key] = try value(at: -1, L, depth: depth + 1, path: path.isEmpty ? key : "\(path).\(key)")
            } else if keyType == LUA_TNUMBER, lua_isinteger(L, -2) != 0 {
                let key = Int(lua_tointegerx(L, -2, nil))
                let item = try value(at: -1, L, depth: depth + 1, path: "\(path)[\(key)]")
                integerKeys += 1
                if key >= 1, key <= n {
                    if items.count < n { items = Array(repeating: .nil, count: n) }
                    items[key - 1] = item
                } else {
                    fields[String(key)] = item
                }
            } else {
                let name = String(cString: lua_typename(L, keyType))
                lua_settop(L, -3)
                throw LuaError(kind: .conversion, message: "\(path.isEmpty ? "table" : path): a table key of type \(name) cannot be passed to the host (use strings or integers)")
            }
            lua_settop(L, -2)
        }
        if fields.isEmpty {
            if items.isEmpty { return .table([:]) }
            if !items.contains(.nil) { return .array(items) }
        }
        for (i, item) in items.enumerated() where item != .nil { fields[String(i + 1)] = item }
        return .table(fields)
    }
}
