#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
/// JSON documents laid out flat: nodes, object members and bytes in three buffers, many documents in one arena.
///
/// A bulk import builds one document per row. As `JSONValue` trees that is a dozen allocations a row, built on one
/// thread and read and freed on another; here a whole chunk of rows shares three buffers, and nothing is allocated or
/// reference-counted per node (see `docs/performance.md`, bulk import). A document is named by the index of its
/// root node. Build containers bottom-up: ``beginContainer()``, add every member or item, then ``endObject(_:)``
/// or ``endList(_:)``; containers nest, last begun first ended. An arena is a value: a copy shares the buffers
/// until either is changed. Reading checks every index; building through a ``Builder`` does not check per value.
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

    /// The arena's memory: four growable buffers, reached through one pointer so that appending is a store and a
    /// count, with no uniqueness or exclusivity check per value (arrays cost two or three such checks per value
    /// appended, about 3 % of an import's instructions).
    @usableFromInline struct Buffers {
        @usableFromInline var nodes: UnsafeMutablePointer<Node>
        @usableFromInline var nodeCount = 0
        @usableFromInline var nodeCapacity: Int
        @usableFromInline var members: UnsafeMutablePointer<Member>
        @usableFromInline var memberCount = 0
        @usableFromInline var memberCapacity: Int
        @usableFromInline var bytes: UnsafeMutablePointer<UInt8>
        @usableFromInline var byteCount = 0
        @usableFromInline var byteCapacity: Int
        /// Members of the containers being built, innermost last.
        @usableFromInline var pending: UnsafeMutablePointer<Member>
        @usableFromInline var pendingCount = 0
        @usableFromInline var pendingCapacity: Int

        init(nodes: Int, members: Int, bytes: Int, pending: Int) {
            nodeCapacity = max(nodes, 16)
            memberCapacity = max(members, 16)
            byteCapacity = max(bytes, 256)
            pendingCapacity = max(pending, 64)
            self.nodes = .allocate(capacity: nodeCapacity)
            self.members = .allocate(capacity: memberCapacity)
            self.bytes = .allocate(capacity: byteCapacity)
            self.pending = .allocate(capacity: pendingCapacity)
        }

        func deallocate() {
            nodes.deallocate()
            members.deallocate()
            bytes.deallocate()
            pending.deallocate()
        }

        @usableFromInline @inline(never) static func grow<T>(_ base: inout UnsafeMutablePointer<T>, count: Int, capacity: inout Int, needed: Int) {
            let newCapacity = max(needed, 2 * capacity)
            let moved = UnsafeMutablePointer<T>.allocate(capacity: newCapacity)
            moved.moveInitialize(from: base, count: count)
            base.deallocate()
            base = moved
            capacity = newCapacity
        }
    }

    /// Owns the buffers; an arena shares it until one copy is changed (copy on write).
    @usableFromInline final class Storage: @unchecked Sendable {
        @usableFromInline let buffers: UnsafeMutablePointer<Buffers>

        init(_ buffers: Buffers) {
            self.buffers = .allocate(capacity: 1)
            self.buffers.initialize(to: buffers)
        }

        @usableFromInline func copy() -> Storage {
            let b = buffers.pointee
            var c = Buffers(nodes: b.nodeCount, members: b.memberCount, bytes: b.byteCount, pending: b.pendingCount)
            c.nodes.initialize(from: b.nodes, count: b.nodeCount)
            c.nodeCount = b.nodeCount
            c.members.initialize(from: b.members, count: b.memberCount)
            c.memberCount = b.memberCount
            c.bytes.initialize(from: b.bytes, count: b.byteCount)
            c.byteCount = b.byteCount
            c.pending.initialize(from: b.pending, count: b.pendingCount)
            c.pendingCount = b.pendingCount
            return Storage(c)
        }

        deinit {
            buffers.pointee.deallocate()
            buffers.deallocate()
        }
    }

    @usableFromInline var storage: Storage

    /// An empty arena with room for about `nodes` nodes and `bytes` bytes of strings and keys.
    public init(nodes: Int = 0, bytes: Int = 0) {
        storage = Storage(Buffers(nodes: nodes, members: nodes, bytes: bytes, pending: 64))
    }

    /// How many nodes the arena holds (every document's).
    public var nodeCount: Int { storage.buffers.pointee.nodeCount }
    /// How many bytes of strings and keys the arena holds.
    public var byteCount: Int { storage.buffers.pointee.byteCount }

    /// The node at `i`, checked to be in the arena.
    @inlinable func node(_ i: Index) -> Node {
        let b = storage.buffers
        precondition(i >= 0 && Int(i) < b.pointee.nodeCount, "FlatJSON: node \(i) is not in the arena")
        return b.pointee.nodes[Int(i)]
    }

    // MARK: Building

    /// Appends to an arena through its buffers, with no check per value: what the Lua conversion builds with.
    /// Valid while the arena it came from is alive and not copied (get it with ``builder()`` right before building).
    public struct Builder {
        @usableFromInline let b: UnsafeMutablePointer<Buffers>

        @inlinable init(_ b: UnsafeMutablePointer<Buffers>) { self.b = b }

        /// A null.
        @inlinable public func null() -> Index { add(Node(.null)) }
        /// A boolean.
        @inlinable public func bool(_ value: Bool) -> Index { add(Node(.bool, flag: value)) }
        /// An integer.
        @inlinable public func int(_ value: Int) -> Index { add(Node(.int, number: Int64(value))) }
        /// A number with a fraction (or too large to be an integer).
        @inlinable public func double(_ value: Double) -> Index {
            add(Node(.double, number: Int64(bitPattern: value.bitPattern)))
        }

        /// A string from bytes the caller has checked are UTF-8.
        @inlinable public func string(utf8: UnsafeRawBufferPointer) -> Index {
            let start = append(utf8)
            return add(Node(.string, start: start, count: Int32(utf8.count)))
        }

        /// A string.
        public func string(_ value: String) -> Index {
            var value = value
            return value.withUTF8 { string(utf8: UnsafeRawBufferPointer($0)) }
        }

        /// Starts a list or an object; returns the mark to end it with.
        @inlinable public func beginContainer() -> Int { b.pointee.pendingCount }

        /// Adds a member to the innermost object being built; the caller makes sure keys are not repeated.
        @inlinable public func addMember(key: UnsafeRawBufferPointer, _ value: Index) {
            let start = append(key)
            addPending(Member(keyStart: start, keyCount: Int32(key.count), node: value))
        }

        /// Adds a member to the innermost object being built; the caller makes sure keys are not repeated.
        public func addMember(key: String, _ value: Index) {
            var key = key
            key.withUTF8 { addMember(key: UnsafeRawBufferPointer($0), value) }
        }

        /// Sets a member of the innermost object being built (begun at `mark`): replaces the value of a member
        /// with the same key, or adds one.
        public func setMember(key: String, _ value: Index, since mark: Int) {
            var key = key
            key.withUTF8 { wanted in
                for k in mark..<b.pointee.pendingCount where Int(b.pointee.pending[k].keyCount) == wanted.count {
                    let at = b.pointee.bytes + Int(b.pointee.pending[k].keyStart)
                    if wanted.isEmpty || memcmp(at, wanted.baseAddress!, wanted.count) == 0 {
                        b.pointee.pending[k].node = value
                        return
                    }
                }
                addMember(key: UnsafeRawBufferPointer(wanted), value)
            }
        }

        /// Drops the members of containers begun at or after `mark` and not ended (a build that failed part way).
        public func abandon(since mark: Int) {
            if b.pointee.pendingCount > mark { b.pointee.pendingCount = mark }
        }

        /// Adds an item to the innermost list being built.
        @inlinable public func addItem(_ value: Index) {
            addPending(Member(keyStart: 0, keyCount: -1, node: value))
        }

        /// Ends the object begun at `mark`, with the members added since.
        @inlinable public func endObject(_ mark: Int) -> Index { endContainer(.object, mark) }

        /// Ends the list begun at `mark`, with the items added since.
        @inlinable public func endList(_ mark: Int) -> Index { endContainer(.list, mark) }

        @inlinable func endContainer(_ kind: Kind, _ mark: Int) -> Index {
            let start = Int32(b.pointee.memberCount)
            let count = b.pointee.pendingCount - mark
            if count > 0 {
                if b.pointee.memberCount + count > b.pointee.memberCapacity {
                    Buffers.grow(&b.pointee.members, count: b.pointee.memberCount, capacity: &b.pointee.memberCapacity,
                                 needed: b.pointee.memberCount + count)
                }
                (b.pointee.members + b.pointee.memberCount).initialize(from: b.pointee.pending + mark, count: count)
                b.pointee.memberCount += count
                b.pointee.pendingCount = mark
            }
            return add(Node(kind, start: start, count: Int32(count)))
        }

        @inlinable func add(_ node: Node) -> Index {
            let n = b.pointee.nodeCount
            if n == b.pointee.nodeCapacity {
                Buffers.grow(&b.pointee.nodes, count: n, capacity: &b.pointee.nodeCapacity, needed: n + 1)
            }
            (b.pointee.nodes + n).initialize(to: node)
            b.pointee.nodeCount = n + 1
            return Index(n)
        }

        @inlinable func addPending(_ member: Member) {
            let n = b.pointee.pendingCount
            if n == b.pointee.pendingCapacity {
                Buffers.grow(&b.pointee.pending, count: n, capacity: &b.pointee.pendingCapacity, needed: n + 1)
            }
            (b.pointee.pending + n).initialize(to: member)
            b.pointee.pendingCount = n + 1
        }

        @inlinable func append(_ source: UnsafeRawBufferPointer) -> Int32 {
            let start = b.pointee.byteCount
            let n = source.count
            guard n > 0, let from = source.baseAddress else { return Int32(start) }
            if start + n > b.pointee.byteCapacity {
                Buffers.grow(&b.pointee.bytes, count: start, capacity: &b.pointee.byteCapacity, needed: start + n)
            }
            UnsafeMutableRawPointer(b.pointee.bytes + start).copyMemory(from: from, byteCount: n)
            b.pointee.byteCount = start + n
            return Int32(start)
        }
    }

    /// A builder for this arena (made unique first, so that no copy shares what it changes).
    @inlinable public mutating func builder() -> Builder {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        return Builder(storage.buffers)
    }

    /// A null.
    public mutating func null() -> Index { builder().null() }
    /// A boolean.
    public mutating func bool(_ value: Bool) -> Index { builder().bool(value) }
    /// An integer.
    public mutating func int(_ value: Int) -> Index { builder().int(value) }
    /// A number with a fraction (or too large to be an integer).
    public mutating func double(_ value: Double) -> Index { builder().double(value) }
    /// A string from bytes the caller has checked are UTF-8.
    public mutating func string(utf8: UnsafeRawBufferPointer) -> Index { builder().string(utf8: utf8) }
    /// A string.
    public mutating func string(_ value: String) -> Index { builder().string(value) }
    /// Starts a list or an object; returns the mark to end it with.
    public func beginContainer() -> Int { storage.buffers.pointee.pendingCount }
    /// Adds a member to the innermost object being built; the caller makes sure keys are not repeated.
    public mutating func addMember(key: UnsafeRawBufferPointer, _ value: Index) { builder().addMember(key: key, value) }
    /// Adds a member to the innermost object being built; the caller makes sure keys are not repeated.
    public mutating func addMember(key: String, _ value: Index) { builder().addMember(key: key, value) }
    /// Sets a member of the innermost object being built (begun at `mark`): replaces the value of a member with the
    /// same key, or adds one.
    public mutating func setMember(key: String, _ value: Index, since mark: Int) { builder().setMember(key: key, value, since: mark) }
    /// Drops the members of containers begun at or after `mark` and not ended (a build that failed part way).
    public mutating func abandon(since mark: Int) { builder().abandon(since: mark) }
    /// Adds an item to the innermost list being built.
    public mutating func addItem(_ value: Index) { builder().addItem(value) }
    /// Ends the object begun at `mark`, with the members added since.
    public mutating func endObject(_ mark: Int) -> Index { builder().endObject(mark) }
    /// Ends the list begun at `mark`, with the items added since.
    public mutating func endList(_ mark: Int) -> Index { builder().endList(mark) }

    /// Takes the member named `key` out of `object` (its value stays in the arena, unreferenced) and returns it.
    public mutating func removeMember(_ key: String, from object: Index) -> Index? {
        guard kind(object) == .object, let k = position(of: key, in: object) else { return nil }
        return removeMember(at: k, from: object)
    }

    /// Takes the member named `key` out of `object` (its value stays in the arena, unreferenced) and returns it.
    public mutating func removeMember(_ key: StaticString, from object: Index) -> Index? {
        let wanted = UnsafeRawBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount)
        guard kind(object) == .object, let k = position(ofKey: wanted, in: object) else { return nil }
        return removeMember(at: k, from: object)
    }

    private mutating func removeMember(at k: Int, from object: Index) -> Index? {
        let b = builder().b
        let last = Int(b.pointee.nodes[Int(object)].start + b.pointee.nodes[Int(object)].count) - 1
        let found = b.pointee.members[k]
        b.pointee.members[k] = b.pointee.members[last]
        b.pointee.members[last] = found
        b.pointee.nodes[Int(object)].count -= 1
        return found.node
    }

    // MARK: Reading

    /// A node's kind.
    @inlinable public func kind(_ i: Index) -> Kind { node(i).kind }

    /// A boolean's value.
    @inlinable public func boolValue(_ i: Index) -> Bool? {
        let n = node(i)
        return n.kind == .bool ? n.flag : nil
    }

    /// An integer's value.
    @inlinable public func intValue(_ i: Index) -> Int? {
        let n = node(i)
        return n.kind == .int ? Int(n.number) : nil
    }

    /// A double's value.
    @inlinable public func doubleValue(_ i: Index) -> Double? {
        let n = node(i)
        return n.kind == .double ? Double(bitPattern: UInt64(bitPattern: n.number)) : nil
    }

    /// A string's value.
    public func stringValue(_ i: Index) -> String? {
        withString(i) { String(decoding: $0, as: UTF8.self) }
    }

    /// Runs `body` on a string's bytes (valid only inside it); nil when the node is not a string.
    @inlinable public func withString<R>(_ i: Index, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R? {
        let n = node(i)
        guard n.kind == .string else { return nil }
        return try withExtendedLifetime(storage) {
            try body(UnsafeRawBufferPointer(start: storage.buffers.pointee.bytes + Int(n.start), count: Int(n.count)))
        }
    }

    /// How many members or items a container has (0 for anything else).
    @inlinable public func count(_ i: Index) -> Int {
        let n = node(i)
        return n.kind == .list || n.kind == .object ? Int(n.count) : 0
    }

    /// The member at `position` of container `i`, checked to be one of its members.
    @inlinable func memberAt(_ i: Index, _ position: Int) -> Member {
        let n = node(i)
        precondition(position >= 0 && position < Int(n.count) && (n.kind == .list || n.kind == .object),
                     "FlatJSON: node \(i) has no member \(position)")
        return storage.buffers.pointee.members[Int(n.start) + position]
    }

    /// A list's item, or an object's member value, by position.
    @inlinable public func child(_ i: Index, at position: Int) -> Index { memberAt(i, position).node }

    /// Runs `body` on an object member's key bytes (valid only inside it).
    @inlinable public func withKey<R>(_ i: Index, at position: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let member = memberAt(i, position)
        return try withExtendedLifetime(storage) {
            try body(UnsafeRawBufferPointer(start: storage.buffers.pointee.bytes + Int(member.keyStart),
                                            count: max(Int(member.keyCount), 0)))
        }
    }

    /// An object member's key.
    public func key(_ i: Index, at position: Int) -> String {
        withKey(i, at: position) { String(decoding: $0, as: UTF8.self) }
    }

    /// The value of the member named `key`, when `object` is an object that has it.
    public func member(_ key: String, in object: Index) -> Index? {
        guard kind(object) == .object, let k = position(of: key, in: object) else { return nil }
        return storage.buffers.pointee.members[k].node
    }

    /// The value of the member named `key`, when `object` is an object that has it.
    public func member(_ key: StaticString, in object: Index) -> Index? {
        let wanted = UnsafeRawBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount)
        guard kind(object) == .object, let k = position(ofKey: wanted, in: object) else { return nil }
        return storage.buffers.pointee.members[k].node
    }

    /// The position in the members buffer of `object`'s member named `key`.
    func position(of key: String, in object: Index) -> Int? {
        var key = key
        return key.withUTF8 { position(ofKey: UnsafeRawBufferPointer($0), in: object) }
    }

    /// The position in the members buffer of `object`'s member whose key is these bytes.
    func position(ofKey wanted: UnsafeRawBufferPointer, in object: Index) -> Int? {
        let n = node(object)
        return withExtendedLifetime(storage) {
            let b = storage.buffers.pointee
            for k in Int(n.start)..<Int(n.start + n.count) where Int(b.members[k].keyCount) == wanted.count {
                if wanted.isEmpty || memcmp(b.bytes + Int(b.members[k].keyStart), wanted.baseAddress!, wanted.count) == 0 {
                    return k
                }
            }
            return nil
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
        try withExtendedLifetime(storage) {
            let b = storage.buffers.pointee
            return try body(UnsafeView(
                nodes: UnsafeBufferPointer(start: b.nodes, count: b.nodeCount),
                members: UnsafeBufferPointer(start: b.members, count: b.memberCount),
                bytes: UnsafeRawBufferPointer(start: b.bytes, count: b.byteCount)))
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
