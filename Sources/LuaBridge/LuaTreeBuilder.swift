import CLua
import CLuaShim

/// Builds a tree of the caller's own type straight from a Lua value, with no `LuaValue` in between.
///
/// `LuaValue` is itself built this way. A host that turns large numbers of Lua tables into its own documents
/// (an import turning each mapped row into JSON) implements this protocol to skip one whole tree per value.
/// The walk is generic and inlinable, so it is specialised for the builder in the caller's module.
public protocol LuaTreeBuilder {
    /// The type of the tree's nodes.
    associatedtype Node
    /// An object's fields while it is being read.
    associatedtype Fields
    /// `nil`.
    func null() -> Node
    /// A boolean.
    func boolean(_ value: Bool) -> Node
    /// An integer.
    func integer(_ value: Int64) -> Node
    /// A float.
    func number(_ value: Double) -> Node
    /// A string (Lua strings that are not UTF-8 arrive with replacement characters).
    func string(_ value: String) -> Node
    /// A string as the bytes Lua holds, valid only during the call (any bytes, not necessarily UTF-8). By default
    /// made into a `String` for ``string(_:)``.
    func string(bytes: UnsafeRawBufferPointer) -> Node
    /// A table whose keys are exactly 1…n.
    func list(_ items: [Node]) -> Node
    /// Whether a table whose keys are exactly 1…n is built item by item (``listItems()``, ``addItem(_:to:)``,
    /// ``list(items:)``) instead of from an array: no array per list. By default false.
    static var buildsListsInPlace: Bool { get }
    /// Starts a list built in place.
    func listItems() -> Fields
    /// Adds the next item of a list built in place.
    func addItem(_ item: Node, to items: inout Fields)
    /// Ends a list built in place.
    func list(items: Fields) -> Node
    /// Drops a list built in place part way (the table turned out not to be a list).
    func abandon(items: Fields)
    /// Whether ``fields(capacity:)`` needs the table's true key count. Counting walks each table once more; a
    /// builder whose fields do not grow (an arena) says no, and gets a capacity of 0.
    static var sizesFields: Bool { get }
    /// Room for an object's fields (`count` is how many the table has, or 0 when ``sizesFields`` is false).
    func fields(capacity count: Int) -> Fields
    /// Adds a field. Keys arrive once each, except that a mixed or sparse table's integer keys arrive afterwards as
    /// their decimal text and may repeat a string key (`repeatable` is then true; the later value wins).
    func add(_ key: String, _ value: Node, to fields: inout Fields, repeatable: Bool)
    /// Whether string keys go to ``add(keyBytes:_:to:)`` as the bytes Lua holds instead of as Swift strings.
    static var takesKeyBytes: Bool { get }
    /// Adds a field under a string key given as the bytes Lua holds (valid only during the call), when
    /// ``takesKeyBytes`` is true. Keys arrive once each.
    func add(keyBytes: UnsafeRawBufferPointer, _ value: Node, to fields: inout Fields)
    /// A table with string keys (integer keys of a mixed or sparse table arrive as their decimal text).
    func object(_ fields: Fields) -> Node
    /// An empty table, which Lua cannot tell apart as a list or an object; `key` is the field it is the value of.
    func emptyTable(key: String?) -> Node
    /// A function: `retain` keeps a reference to it; return nil to refuse functions as data.
    func function(_ retain: () -> LuaFunction) -> Node?
}

extension LuaTreeBuilder {
    /// Fields are sized from the table's key count.
    @inlinable public static var sizesFields: Bool { true }

    /// Lists are built from an array of their items.
    @inlinable public static var buildsListsInPlace: Bool { false }
    /// Unused when ``buildsListsInPlace`` is false.
    @inlinable public func listItems() -> Fields { fields(capacity: 0) }
    /// Unused when ``buildsListsInPlace`` is false.
    @inlinable public func addItem(_ item: Node, to items: inout Fields) {
        preconditionFailure("addItem(_:to:) called on a builder that does not build lists in place")
    }
    /// Unused when ``buildsListsInPlace`` is false.
    @inlinable public func list(items: Fields) -> Node {
        preconditionFailure("list(items:) called on a builder that does not build lists in place")
    }
    /// Unused when ``buildsListsInPlace`` is false.
    @inlinable public func abandon(items: Fields) {}

    /// Keys arrive as Swift strings.
    @inlinable public static var takesKeyBytes: Bool { false }

    /// Makes a `String` of the key for ``add(_:_:to:repeatable:)``.
    @inlinable public func add(keyBytes: UnsafeRawBufferPointer, _ value: Node, to fields: inout Fields) {
        add(String(decoding: keyBytes, as: UTF8.self), value, to: &fields, repeatable: false)
    }

    /// Makes a `String` of the bytes (replacing what is not UTF-8) for ``string(_:)``.
    @inlinable public func string(bytes: UnsafeRawBufferPointer) -> Node {
        string(String(decoding: bytes, as: UTF8.self))
    }
}

/// Why a Lua value could not be built into a tree, and where in it. The path is put together only when the
/// error is thrown, so a walk that succeeds builds none.
public struct LuaTreeError: Error, CustomStringConvertible {
    /// Path components, outermost first: field names, and `[n]` for integer keys.
    @usableFromInline var components: [String] = []
    /// What kind of failure it is (`.conversion`, or `.limit(.depth)` when the tables nest too deep).
    public var kind: LuaError.Kind
    /// What is wrong, e.g. "a function cannot be passed to the host as data".
    public var reason: String
    /// What the message calls the value when the path is empty.
    @usableFromInline var whole: String

    @usableFromInline init(kind: LuaError.Kind, reason: String, whole: String = "value") {
        self.kind = kind
        self.reason = reason
        self.whole = whole
    }

    /// Where the problem is: `victim.age`, `children[2].age`, `[3]`; empty for the value itself.
    public var path: String {
        var out = ""
        for component in components {
            if component.hasPrefix("[") || out.isEmpty { out += component } else { out += "." + component }
        }
        return out
    }

    /// `path: reason`.
    public var description: String { "\(components.isEmpty ? whole : path): \(reason)" }

    /// The same failure as a `LuaError`.
    public var error: LuaError { LuaError(kind: kind, message: description) }
}

/// The key a value is found under, as the walk has it: a Swift string, Lua's bytes, or none (a list item's parent).
@usableFromInline
enum LuaKeyName {
    case none
    case string(String)
    case bytes(UnsafeRawBufferPointer)

    /// The key as text.
    @inlinable var text: String? {
        switch self {
        case .none: nil
        case .string(let s): s
        case .bytes(let b): String(decoding: b, as: UTF8.self)
        }
    }
}

extension LuaRuntime {
    /// Deepest nesting of tables converted to Swift (deeper usually means a cycle).
    @usableFromInline static let maxTableDepth = 64

    /// Builds the value at `idx` with `builder`, reading tables raw (no metamethod runs).
    @inlinable
    func build<B: LuaTreeBuilder>(at idx: Int32, _ L: OpaquePointer, _ builder: B, depth: Int, key: LuaKeyName)
        throws(LuaTreeError) -> B.Node {
        let type = lua_type(L, idx)
        switch type {
        case LUA_TNIL, LUA_TNONE: return builder.null()
        case LUA_TBOOLEAN: return builder.boolean(lua_toboolean(L, idx) != 0)
        case LUA_TNUMBER:
            if lua_isinteger(L, idx) != 0 { return builder.integer(Int64(lua_tointegerx(L, idx, nil))) }
            return builder.number(lua_tonumberx(L, idx, nil))
        case LUA_TSTRING:
            var len = 0
            guard let p = hearth_tostring(L, idx, &len) else { return builder.string("") }
            return builder.string(bytes: UnsafeRawBufferPointer(start: p, count: len))
        case LUA_TFUNCTION:
            let node = builder.function {
                lua_pushvalue(L, idx)
                return makeFunctionRef(L)
            }
            guard let node else { throw LuaTreeError(kind: .conversion, reason: "a function cannot be passed to the host as data") }
            return node
        case LUA_TTABLE:
            guard depth < Self.maxTableDepth else {
                throw LuaTreeError(kind: .conversion, reason: "tables nest more than \(Self.maxTableDepth) deep (is there a cycle?)")
            }
            return try buildTable(at: idx, L, builder, depth: depth, key: key)
        default:
            let name = String(cString: lua_typename(L, type))
            throw LuaTreeError(kind: .conversion, reason: "a \(name) cannot be passed to the host")
        }
    }

    @inlinable
    func buildTable<B: LuaTreeBuilder>(at idx: Int32, _ L: OpaquePointer, _ builder: B, depth: Int, key: LuaKeyName)
        throws(LuaTreeError) -> B.Node {
        let t = lua_absindex(L, idx)
        guard lua_checkstack(L, 4) != 0 else {
            throw LuaTreeError(kind: .limit(.depth), reason: "tables nest too deep")
        }
        let n = Int(lua_rawlen(L, t))
        if n > 0, B.buildsListsInPlace {
            if let list = try buildListInPlace(t, n, L, builder, depth: depth, key: key) { return list }
        }
        var items: [B.Node] = []
        var filled = 0
        var fields: B.Fields?
        var keys = 0
        if n == 0, B.sizesFields {
            // Count the keys first (cheap in C) so the fields are sized once rather than grown.
            lua_pushnil(L)
            while lua_next(L, t) != 0 {
                keys += 1
                lua_settop(L, -2)
            }
            if keys == 0 { return builder.emptyTable(key: key.text) }
        }
        lua_pushnil(L)
        while lua_next(L, t) != 0 {
            // key at -2, value at -1
            let keyType = lua_type(L, -2)
            if keyType == LUA_TSTRING, B.takesKeyBytes {
                // The key's bytes stay valid while the key is on the stack, under the value.
                var length = 0
                let name = UnsafeRawBufferPointer(start: hearth_tostring(L, -2, &length), count: length)
                let value: B.Node
                do {
                    value = try build(at: -1, L, builder, depth: depth + 1, key: .bytes(name))
                } catch {
                    var failure = error
                    failure.components.insert(String(decoding: name, as: UTF8.self), at: 0)
                    lua_settop(L, -3)
                    throw failure
                }
                if fields == nil { fields = builder.fields(capacity: B.sizesFields ? max(keys, 4) : 0) }
                builder.add(keyBytes: name, value, to: &fields!)
            } else if keyType == LUA_TSTRING {
                let name = keyCache.key(at: -2, L)
                let value: B.Node
                do {
                    value = try build(at: -1, L, builder, depth: depth + 1, key: .string(name))
                } catch {
                    lua_settop(L, -3)
                    var failure = error
                    failure.components.insert(name, at: 0)
                    throw failure
                }
                if fields == nil { fields = builder.fields(capacity: B.sizesFields ? max(keys, 4) : 0) }
                builder.add(name, value, to: &fields!, repeatable: false)
            } else if keyType == LUA_TNUMBER, lua_isinteger(L, -2) != 0 {
                let index = Int(lua_tointegerx(L, -2, nil))
                let item: B.Node
                do {
                    item = try build(at: -1, L, builder, depth: depth + 1, key: key)
                } catch {
                    lua_settop(L, -3)
                    var failure = error
                    failure.components.insert("[\(index)]", at: 0)
                    throw failure
                }
                if index >= 1, index <= n {
                    if items.isEmpty { items = Array(repeating: builder.null(), count: n) }
                    items[index - 1] = item
                    filled += 1
                } else {
                    if fields == nil { fields = builder.fields(capacity: B.sizesFields ? max(keys, 4) : 0) }
                    builder.add(String(index), item, to: &fields!, repeatable: true)
                }
            } else {
                let name = String(cString: lua_typename(L, keyType))
                lua_settop(L, -3)
                throw LuaTreeError(
                    kind: .conversion, reason: "a table key of type \(name) cannot be passed to the host (use strings or integers)",
                    whole: "table")
            }
            lua_settop(L, -2)
        }
        guard var fields else {
            // Nothing under a string key and no list part: the table is empty (when its keys were not counted).
            if n == 0 { return builder.emptyTable(key: key.text) }
            if filled == n { return builder.list(items) }
            // A sparse list: its items become fields under their decimal keys, holes left out.
            var sparse = builder.fields(capacity: filled)
            addListPart(of: t, L, items, n: n, builder, to: &sparse)
            return builder.object(sparse)
        }
        if filled > 0 { addListPart(of: t, L, items, n: n, builder, to: &fields) }
        return builder.object(fields)
    }

    /// Builds the table at absolute index `t` as a list of items 1…`n` read in order, when that is all it holds;
    /// nil (and nothing kept) when it has a hole or other keys, for the general walk to read it.
    @inlinable
    func buildListInPlace<B: LuaTreeBuilder>(_ t: Int32, _ n: Int, _ L: OpaquePointer, _ builder: B, depth: Int, key: LuaKeyName)
        throws(LuaTreeError) -> B.Node? {
        var items = builder.listItems()
        for index in 1...n {
            guard lua_rawgeti(L, t, lua_Integer(index)) != LUA_TNIL else {
                lua_settop(L, -2)
                builder.abandon(items: items)
                return nil
            }
            let item: B.Node
            do {
                item = try build(at: -1, L, builder, depth: depth + 1, key: key)
            } catch {
                lua_settop(L, -2)
                builder.abandon(items: items)
                var failure = error
                failure.components.insert("[\(index)]", at: 0)
                throw failure
            }
            lua_settop(L, -2)
            builder.addItem(item, to: &items)
        }
        // Any key after n (in the list part or the hash part) makes it something other than a list.
        lua_pushinteger(L, lua_Integer(n))
        if lua_next(L, t) == 0 { return builder.list(items: items) }
        lua_settop(L, -3)
        builder.abandon(items: items)
        return nil
    }

    /// Adds the list part of a mixed or sparse table to its fields, under decimal keys.
    @inlinable
    func addListPart<B: LuaTreeBuilder>(of t: Int32, _ L: OpaquePointer, _ items: [B.Node], n: Int, _ builder: B, to fields: inout B.Fields) {
        lua_pushnil(L)
        while lua_next(L, t) != 0 {
            if lua_type(L, -2) == LUA_TNUMBER, lua_isinteger(L, -2) != 0 {
                let index = Int(lua_tointegerx(L, -2, nil))
                if index >= 1, index <= n { builder.add(String(index), items[index - 1], to: &fields, repeatable: true) }
            }
            lua_settop(L, -2)
        }
    }
}

/// Builds `LuaValue`s: empty tables become `.table([:])`, functions are kept by reference.
struct LuaValueBuilder: LuaTreeBuilder {
    func null() -> LuaValue { .nil }
    func boolean(_ value: Bool) -> LuaValue { .boolean(value) }
    func integer(_ value: Int64) -> LuaValue { .integer(value) }
    func number(_ value: Double) -> LuaValue { .number(value) }
    func string(_ value: String) -> LuaValue { .string(value) }
    func list(_ items: [LuaValue]) -> LuaValue { .array(items) }
    func fields(capacity count: Int) -> [String: LuaValue] { Dictionary(minimumCapacity: count) }
    func add(_ key: String, _ value: LuaValue, to fields: inout [String: LuaValue], repeatable: Bool) { fields[key] = value }
    func object(_ fields: [String: LuaValue]) -> LuaValue { .table(fields) }
    func emptyTable(key: String?) -> LuaValue { .table([:]) }
    func function(_ retain: () -> LuaFunction) -> LuaValue? { .function(retain()) }
}

/// Swift strings for the Lua strings used as table keys, found by the Lua string's address.
///
/// A result table's keys are the same few dozen strings on every call ("id", "victim", "age" …); making a Swift
/// string for each of them every time was a fifth of the cost of reading a result. Each cached Lua string is kept
/// alive in an anchor table in the registry, so its address cannot be reused for another string while it is cached.
@usableFromInline
final class LuaKeyCache {
    @usableFromInline static let size = 256
    static let longestKey = 40
    @usableFromInline let addresses: UnsafeMutablePointer<UnsafeRawPointer?>
    @usableFromInline let strings: UnsafeMutablePointer<String>
    let anchorRef: Int32

    init(_ L: OpaquePointer) {
        addresses = .allocate(capacity: Self.size)
        addresses.initialize(repeating: nil, count: Self.size)
        strings = .allocate(capacity: Self.size)
        strings.initialize(repeating: "", count: Self.size)
        // A table whose list part has a slot per entry, so anchoring a key never allocates.
        lua_createtable(L, Int32(Self.size), 0)
        for i in 1...Self.size {
            lua_pushboolean(L, 0)
            lua_rawseti(L, -2, lua_Integer(i))
        }
        anchorRef = luaL_ref(L, hearth_registryindex())
    }

    deinit {
        strings.deinitialize(count: Self.size)
        strings.deallocate()
        addresses.deallocate()
    }

    /// The key at `idx` (a Lua string) as a Swift string, from the cache when its address is there.
    @inlinable @inline(__always)
    func key(at idx: Int32, _ L: OpaquePointer) -> String {
        var len = 0
        guard let p = hearth_tostring(L, idx, &len) else { return "" }
        let address = UnsafeRawPointer(p)
        let slot = Int(UInt(bitPattern: address) >> 4) & (Self.size - 1)
        if addresses[slot] == address { return strings[slot] }
        return remember(address, length: len, slot: slot, at: idx, L)
    }

    @usableFromInline
    func remember(_ address: UnsafeRawPointer, length: Int, slot: Int, at idx: Int32, _ L: OpaquePointer) -> String {
        let text = String(decoding: UnsafeRawBufferPointer(start: address, count: length), as: UTF8.self)
        // Only short keys (Lua interns strings up to 40 bytes): a long one anchored here would hold its memory.
        guard length <= Self.longestKey, lua_checkstack(L, 2) != 0 else { return text }
        let value = lua_absindex(L, idx)
        lua_rawgeti(L, hearth_registryindex(), lua_Integer(anchorRef))
        lua_pushvalue(L, value)
        lua_rawseti(L, -2, lua_Integer(slot + 1))
        lua_settop(L, -2)
        addresses[slot] = address
        strings[slot] = text
        return text
    }
}
