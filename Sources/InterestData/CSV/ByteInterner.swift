/// Assigns dense Int32 indices to byte strings (user and item ids) in order of first appearance,
/// without creating a String per lookup: keys live in one byte arena and an open-addressing table
/// finds them by hash. Each table slot packs the upper 32 bits of the key's hash with its index + 1
/// (0 = empty), so a probe touches one cache line until a tag matches. Fit for millions of keys.
public struct ByteInterner: Sendable {
    private var arena: [UInt8] = []
    private var keyStart: [Int32] = [0]
    private var hashes: [UInt64] = []
    private var table: [UInt64]
    private var mask: Int

    public init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        table = Array(repeating: 0, count: size)
        mask = size - 1
    }

    @inline(__always) private static func slotValue(hash: UInt64, index: Int32) -> UInt64 {
        (hash & 0xFFFF_FFFF_0000_0000) | UInt64(UInt32(index) + 1)
    }

    /// Number of distinct keys.
    public var count: Int { hashes.count }

    /// The key with index `index`, as a String.
    public func key(_ index: Int32) -> String {
        let range = Int(keyStart[Int(index)])..<Int(keyStart[Int(index) + 1])
        return arena.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
    }

    /// Calls `body` with the bytes of the key with index `index`.
    public func withBytes<R>(of index: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let range = Int(keyStart[Int(index)])..<Int(keyStart[Int(index) + 1])
        return arena.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    /// All keys in index order.
    public var keys: [String] { (0..<Int32(count)).map(key) }

    /// The index of `bytes`, or nil if it was never inserted.
    public func index(of bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        index(of: bytes, hash: Self.hash(bytes))
    }

    /// The index of `bytes` whose `hash(_:)` is `h` (computed ahead, so that a batch of lookups has
    /// no dependency between them and the processor overlaps their cache misses).
    func index(of bytes: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> Int32? {
        let tag = h & 0xFFFF_FFFF_0000_0000
        var slot = Int(truncatingIfNeeded: h) & mask
        return table.withUnsafeBufferPointer { table in
            while true {
                let entry = table[slot]
                if entry == 0 { return nil }
                if entry & 0xFFFF_FFFF_0000_0000 == tag {
                    let candidate = Int32(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
                    if equals(candidate, bytes) { return candidate }
                }
                slot = (slot + 1) & mask
            }
        }
    }

    /// The index of `key`, or nil.
    public func index(of key: String) -> Int32? {
        var key = key
        return key.withUTF8 { index(of: $0) }
    }

    /// The index of `bytes`, inserting it if new; `inserted` tells which.
    public mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> (index: Int32, inserted: Bool) {
        intern(bytes, hash: Self.hash(bytes))
    }

    /// `intern(_:)` with the hash computed ahead.
    mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> (index: Int32, inserted: Bool) {
        let tag = h & 0xFFFF_FFFF_0000_0000
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let entry = table[slot]
            if entry == 0 { break }
            if entry & 0xFFFF_FFFF_0000_0000 == tag {
                let candidate = Int32(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
                if equals(candidate, bytes) { return (candidate, false) }
            }
            slot = (slot + 1) & mask
        }
        let index = Int32(hashes.count)
        table[slot] = Self.slotValue(hash: h, index: index)
        hashes.append(h)
        arena.append(contentsOf: bytes)
        keyStart.append(Int32(arena.count))
        if hashes.count * 2 > table.count { grow() }
        return (index, true)
    }

    /// Interns a String key.
    @discardableResult
    public mutating func intern(_ key: String) -> (index: Int32, inserted: Bool) {
        var key = key
        return key.withUTF8 { intern($0) }
    }

    private func equals(_ index: Int32, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = Int(keyStart[Int(index)]), end = Int(keyStart[Int(index) + 1])
        if end - start != bytes.count { return false }
        if bytes.isEmpty { return true }
        return arena.withUnsafeBufferPointer { stored in
            // Ids are short: compare eight bytes at a time inline rather than calling memcmp.
            let a = UnsafeRawPointer(stored.baseAddress! + start), b = UnsafeRawPointer(bytes.baseAddress!)
            let n = bytes.count
            var i = 0
            while i + 8 <= n {
                if a.loadUnaligned(fromByteOffset: i, as: UInt64.self) != b.loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
                i += 8
            }
            while i < n {
                if a.load(fromByteOffset: i, as: UInt8.self) != b.load(fromByteOffset: i, as: UInt8.self) { return false }
                i += 1
            }
            return true
        }
    }

    private mutating func grow() {
        let size = table.count * 2
        table = Array(repeating: 0, count: size)
        mask = size - 1
        for (index, h) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: h) & mask
            while table[slot] != 0 { slot = (slot + 1) & mask }
            table[slot] = Self.slotValue(hash: h, index: Int32(index))
        }
    }

    /// FNV-1a 64 with a final avalanche so that sequential ids spread over the table.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        h ^= h >> 33
        h = h &* 0xff51_afd7_ed55_8ccd
        h ^= h >> 33
        return h
    }
}
