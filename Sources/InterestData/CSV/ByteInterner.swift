/// Assigns dense Int32 indices to byte strings (user and item ids) in order of first appearance,
/// without creating a String per lookup: keys live in one byte arena and an open-addressing table
/// of indices finds them by hash. Fit for millions of keys.
public struct ByteInterner: Sendable {
    private var arena: [UInt8] = []
    private var keyStart: [Int32] = [0]
    private var hashes: [UInt64] = []
    private var table: [Int32]
    private var mask: Int

    public init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        table = Array(repeating: -1, count: size)
        mask = size - 1
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
        let h = Self.hash(bytes)
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let candidate = table[slot]
            if candidate < 0 { return nil }
            if hashes[Int(candidate)] == h && equals(candidate, bytes) { return candidate }
            slot = (slot + 1) & mask
        }
    }

    /// The index of `key`, or nil.
    public func index(of key: String) -> Int32? {
        var key = key
        return key.withUTF8 { index(of: $0) }
    }

    /// The index of `bytes`, inserting it if new; `inserted` tells which.
    public mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> (index: Int32, inserted: Bool) {
        let h = Self.hash(bytes)
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let candidate = table[slot]
            if candidate < 0 { break }
            if hashes[Int(candidate)] == h && equals(candidate, bytes) { return (candidate, false) }
            slot = (slot + 1) & mask
        }
        let index = Int32(hashes.count)
        table[slot] = index
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
        return arena.withUnsafeBufferPointer { stored in
            var i = 0
            while i < bytes.count {
                if stored[start + i] != bytes[i] { return false }
                i += 1
            }
            return true
        }
    }

    private mutating func grow() {
        let size = table.count * 2
        table = Array(repeating: -1, count: size)
        mask = size - 1
        for (index, h) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: h) & mask
            while table[slot] >= 0 { slot = (slot + 1) & mask }
            table[slot] = Int32(index)
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
