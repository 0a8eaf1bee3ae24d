#if canImport(Glibc)
import Glibc
#endif
/// JSON documents laid out flat: nodes, object members and bytes in three arrays, many documents in one arena.
///
/// A bulk import builds one document per row. As `JSONValue` trees that is a dozen allocations a row, built on one
/// thread and read and freed on another; here a whole chunk of rows shares three arrays, and nothing is allocated or
/// reference-counted per node (see `docs/performance.md`, bulk import). A document is named by the index of its
/// root node. Build containers bottom-up: ``beginContainer()``, add every member or item, then ``endObject(_:)``
/// or ``endList(_:)``; containers nest, last begun first ended.
public struct FlatJSON: Sendable {
    /// A node's kind.
    public enum Kind: UInt8, Sendable {
        case null, bool, int, double, string, list, object
    }

    /// A node's position in the arena.
    public typealias Index = Int32

    @usableFromInline struct Node: Sendable {
        @usableFromInline var kind: Kind
        /// A bool's value.
        @usableFromInline var flag: Bool
        /// A string's first byte, or a container's first member.
        @usableFromInline var start: Int32
        /// A string's length in bytes, or a container's member count.
        @usableFromInline var count: Int32
        /// An int's value, or a double's bit pattern.
        @usableFromInline var number: Int64

        @inlinable init(_ kind: Kind, flag: Bool = false, start: Int32 = 0, count: Int32 = 0, number: Int64 = 0) {
            self.kind = kind
            self.flag = flag
            self.start = start
            self.count = count
            self.number = number
        }
    }

    /// An object's member (its key's bytes and its value) or a list's item (no key).
    @usableFromInline struct Member: Sendable {
        @usableFromInline var keyStart: Int32
        @usableFromInline var keyCount: Int32
        @usableFromInline var node: Int32

        @inlinable init(keyStart: Int32, keyCount: Int32, node: Int32) {
            self.keyStart = keyStart
            self.keyCount = keyCount
            self.node = node
        }
    }

    @usableFromInline var nodes: [Node] = []
    @usableFromInline var members: [Member] = []
    /// The strings' and keys' bytes: the first ``byteCount`` are used, the rest is room to grow into.
    @usableFromInline var bytes: [UInt8] = []
    @usableFromInline var usedBytes = 0
    /// Members of the containers being built, innermost last.
    @usableFromInline var pending: [Member] = []

    /// An empty arena with room for about `nodes` nodes and `bytes` bytes of strings and keys.
    public init(nodes: Int = 0, bytes: Int = 0) {
        self.nodes.reserveCapacity(nodes)
        self.members.reserveCapacity(nodes)
        // Sized up front (zeros) so that appending is a copy into room already there: `append(contentsOf:)` of a
        // few bytes cost about 100 instructions, a tenth of reading a whole string from Lua.
        self.bytes = [UInt8](repeating: 0, count: bytes)
    }

    /// How many nodes the arena holds (every document's).
    public var nodeCount: Int { nodes.count }
    /// How many bytes of strings and keys the arena holds.
    public var byteCount: Int { usedBytes }

    // MARK: Building

    /// A null.
    @inlinable public mutating func null() -> Index { add(Node(.null)) }
    /// A boolean.
    @inlinable public mutating func bool(_ value: Bool) -> Index { add(Node(.bool, flag: value)) }
    /// An integer.
    @inlinable public mutating func int(_ value: Int) -> Index { add(Node(.int, number: Int64(value))) }
    /// A number with a fraction (or too large to be an integer).
    @inlinable public mutating func double(_ value: Double) -> Index {
        add(Node(.double, number: Int64(bitPattern: value.bitPattern)))
    }

    /// A string from bytes the caller has checked are UTF-8.
    @inlinable public mutating func string(utf8: UnsafeRawBufferPointer) -> Index {
        let start = append(utf8)
        return add(Node(.string, start: start, count: Int32(utf8.count)))
    }

    /// A string.
    public mutating func string(_ value: String) -> Index {
        var value = value
        return value.withUTF8 { string(utf8: UnsafeRawBufferPointer($0)) }
    }

    /// Starts a list or an object; returns the mark to end it with.
    @inlinable public func beginContainer() -> Int { pending.count }

    /// Adds a member to the innermost object being built; the caller makes sure keys are not repeated.
    @inlinable public mutating func addMember(key: UnsafeRawBufferPointer, _ value: Index) {
        let start = append(key)
        pending.append(Member(keyStart: start, keyCount: Int32(key.count), node: value))
    }

    /// Adds a member to the innermost object being built; the caller makes sure keys are not repeated.
    public mutating func addMember(key: String, _ value: Index) {
        var key = key
        key.withUTF8 { addMember(key: UnsafeRawBufferPointer($0), value) }
    }

    /// Sets a member of the innermost object being built (begun at `mark`): replaces the value of a member with the
    /// same key, or adds one.
    public mutating func setMember(key: String, _ value: Index, since mark: Int) {
        var key = key
        key.withUTF8 { wanted in
            for k in mark..<pending.count where Int(pending[k].keyCount) == wanted.count {
                let start = Int(pending[k].keyStart)
                if bytes[start..<(start + wanted.count)].elementsEqual(wanted) {
                    pending[k].node = value
                    return
                }
            }
            addMember(key: UnsafeRawBufferPointer(wanted), value)
        }
    }

    /// Drops the members of containers begun at or after `mark` and not ended (a build that failed part way).
    public mutating func abandon(since mark: Int) {
        if pending.count > mark { pending.removeSubrange(mark...) }
    }

    /// Adds an item to the innermost list being built.
    @inlinable public mutating func addItem(_ value: Index) {
        pending.append(Member(keyStart: 0, keyCount: -1, node: value))
    }

    /// Ends the object begun at `mark`, with the members added since.
    @inlinable public mutating func endObject(_ mark: Int) -> Index { endContainer(.object, mark) }

    /// Ends the list begun at `mark`, with the items added since.
    @inlinable public mutating func endList(_ mark: Int) -> Index { endContainer(.list, mark) }

    @inlinable mutating func endContainer(_ kind: Kind, _ mark: Int) -> Index {
        let start = Int32(members.count)
        let count = Int32(pending.count - mark)
        if count > 0 {
            pending.withUnsafeBufferPointer { members.append(contentsOf: UnsafeBufferPointer(rebasing: $0[mark...])) }
            pending.removeLast(Int(count))
        }
        return add(Node(kind, start: start, count: count))
    }

    @inlinable mutating func add(_ node: Node) -> Index {
        nodes.append(node)
        return Index(nodes.count - 1)
    }

    @inlinable mutating func append(_ source: UnsafeRawBufferPointer) -> Int32 {
        let start = usedBytes
        let n = source.count
        guard n > 0, let from = source.baseAddress else { return Int32(start) }
        if start + n > bytes.count { growBytes(to: start + n) }
        bytes.withUnsafeMutableBytes { $0.baseAddress.unsafelyUnwrapped.advanced(by: start).copyMemory(from: from, byteCount: n) }
        usedBytes = start + n
        return Int32(start)
    }

    @usableFromInline @inline(never) mutating func growBytes(to needed: Int) {
        bytes.append(contentsOf: repeatElement(0, count: max(needed, 2 * bytes.count, 1024) - bytes.count))
    }

    /// Takes the member named `key` out of `object` (its value stays in the arena, unreferenced) and returns it.
    public mutating func removeMember(_ key: String, from object: Index) -> Index? {
        guard kind(object) == .object, let k = position(of: key, in: object) else { return nil }
        let node = nodes[Int(object)]
        let last = Int(node.start + node.count) - 1
        let found = members[k]
        members[k] = members[last]
        members[last] = found
        nodes[Int(object)].count -= 1
        return found.node
    }

    // MARK: Reading

    /// A node's kind.
    @inlinable public func kind(_ i: Index) -> Kind { nodes[Int(i)].kind }

    /// A boolean's value.
    @inlinable public func boolValue(_ i: Index) -> Bool? { nodes[Int(i)].kind == .bool ? nodes[Int(i)].flag : nil }

    /// An integer's value.
    @inlinable public func intValue(_ i: Index) -> Int? { nodes[Int(i)].kind == .int ? Int(nodes[Int(i)].number) : nil }

    /// A double's value.
    @inlinable public func doubleValue(_ i: Index) -> Double? {
        nodes[Int(i)].kind == .double ? Double(bitPattern: UInt64(bitPattern: nodes[Int(i)].number)) : nil
    }

    /// A string's value.
    public func stringValue(_ i: Index) -> String? {
        withString(i) { String(decoding: $0, as: UTF8.self) }
    }

    /// Runs `body` on a string's bytes (valid only inside it); nil when the node is not a string.
    @inlinable public func withString<R>(_ i: Index, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R? {
        let node = nodes[Int(i)]
        guard node.kind == .string else { return nil }
        return try bytes.withUnsafeBytes { all in
            try body(UnsafeRawBufferPointer(rebasing: all[Int(node.start)..<Int(node.start + node.count)]))
        }
    }

    /// How many members or items a container has (0 for anything else).
    @inlinable public func count(_ i: Index) -> Int {
        let node = nodes[Int(i)]
        return node.kind == .list || node.kind == .object ? Int(node.count) : 0
    }

    /// A list's item, or an object's member value, by position.
    @inlinable public func child(_ i: Index, at position: Int) -> Index {
        members[Int(nodes[Int(i)].start) + position].node
    }

    /// Runs `body` on an object member's key bytes (valid only inside it).
    @inlinable public func withKey<R>(_ i: Index, at position: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let member = members[Int(nodes[Int(i)].start) + position]
        return try bytes.withUnsafeBytes { all in
            try body(UnsafeRawBufferPointer(rebasing: all[Int(member.keyStart)..<Int(member.keyStart + member.keyCount)]))
        }
    }

    /// An object member's key.
    public func key(_ i: Index, at position: Int) -> String {
        withKey(i, at: position) { String(decoding: $0, as: UTF8.self) }
    }

    /// The value of the member named `key`, when `object` is an object that has it.
    public func member(_ key: String, in object: Index) -> Index? {
        guard kind(object) == .object, let k = position(of: key, in: object) else { return nil }
        return members[k].node
    }

    func position(of key: String, in object: Index) -> Int? {
        var key = key
        return key.withUTF8 { wanted in
            withUnsafeView { view in
                let node = view.nodes[Int(object)]
                for k in Int(node.start)..<Int(node.start + node.count) {
                    let member = view.members[k]
                    guard Int(member.keyCount) == wanted.count else { continue }
                    if wanted.isEmpty || memcmp(view.bytes.baseAddress! + Int(member.keyStart), wanted.baseAddress!, wanted.count) == 0 {
                        return k
                    }
                }
                return nil
            }
        }
    }

    /// The document under `i` as a `JSONValue` tree.
    public func value(_ i: Index) -> JSONValue {
        switch kind(i) {
        case .null: return .null
        case .bool: return .bool(boolValue(i)!)
        case .int: return .int(intValue(i)!)
        case .double: return .double(doubleValue(i)!)
        case .string: return .string(stringValue(i)!)
        case .list: return .array((0..<count(i)).map { value(child(i, at: $0)) })
        case .object:
            var object = JSONObject(minimumCapacity: count(i))
            for k in 0..<count(i) { object.append(uniqueKey: key(i, at: k), value: value(child(i, at: k))) }
            return .object(object)
        }
    }

    /// Adds a `JSONValue` tree to the arena and returns its root.
    public mutating func add(_ value: JSONValue) -> Index {
        switch value {
        case .null: return null()
        case .bool(let b): return bool(b)
        case .int(let n): return int(n)
        case .double(let d): return double(d)
        case .string(let s): return string(s)
        case .array(let items):
            var children: [Index] = []
            for item in items { children.append(add(item)) }
            let mark = beginContainer()
            for child in children { addItem(child) }
            return endList(mark)
        case .object(let fields):
            var children: [(String, Index)] = []
            for (key, item) in fields { children.append((key, add(item))) }
            let mark = beginContainer()
            for (key, child) in children { addMember(key: key, child) }
            return endObject(mark)
        }
    }

    /// Runs `body` with read access to the arena through pointers, for writers that walk many documents.
    @inlinable public func withUnsafeView<R>(_ body: (UnsafeView) throws -> R) rethrows -> R {
        try nodes.withUnsafeBufferPointer { nodes in
            try members.withUnsafeBufferPointer { members in
                try bytes.withUnsafeBytes { bytes in
                    try body(UnsafeView(nodes: nodes, members: members, bytes: bytes))
                }
            }
        }
    }

    /// Read access to an arena through pointers, valid only inside ``withUnsafeView(_:)``; indexes are not checked.
    public struct UnsafeView {
        @usableFromInline let nodes: UnsafeBufferPointer<Node>
        @usableFromInline let members: UnsafeBufferPointer<Member>
        @usableFromInline let bytes: UnsafeRawBufferPointer

        @inlinable init(nodes: UnsafeBufferPointer<Node>, members: UnsafeBufferPointer<Member>, bytes: UnsafeRawBufferPointer) {
            self.nodes = nodes
            self.members = members
            self.bytes = bytes
        }

        /// A node's kind.
        @inlinable public func kind(_ i: Index) -> Kind { nodes[Int(i)].kind }
        /// A boolean's value.
        @inlinable public func bool(_ i: Index) -> Bool { nodes[Int(i)].flag }
        /// An integer's value.
        @inlinable public func int(_ i: Index) -> Int { Int(nodes[Int(i)].number) }
        /// A double's value.
        @inlinable public func double(_ i: Index) -> Double { Double(bitPattern: UInt64(bitPattern: nodes[Int(i)].number)) }
        /// A string's bytes.
        @inlinable public func string(_ i: Index) -> UnsafeRawBufferPointer {
            let node = nodes[Int(i)]
            return UnsafeRawBufferPointer(rebasing: bytes[Int(node.start)..<Int(node.start + node.count)])
        }
        /// A container's member or item count.
        @inlinable public func count(_ i: Index) -> Int { Int(nodes[Int(i)].count) }
        /// A container's member value or item, by position.
        @inlinable public func child(_ i: Index, at position: Int) -> Index { members[Int(nodes[Int(i)].start) + position].node }
        /// An object member's key bytes, by position.
        @inlinable public func key(_ i: Index, at position: Int) -> UnsafeRawBufferPointer {
            let member = members[Int(nodes[Int(i)].start) + position]
            return UnsafeRawBufferPointer(rebasing: bytes[Int(member.keyStart)..<Int(member.keyStart + member.keyCount)])
        }
    }

    /// A short description of a node for error messages, as ``JSONValue/shortDescription`` gives it.
    public func shortDescription(_ i: Index) -> String {
        switch kind(i) {
        case .list: return "a list"
        case .object: return "an object"
        default: return value(i).shortDescription
        }
    }
}
