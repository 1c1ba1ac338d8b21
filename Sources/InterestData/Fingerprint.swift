/// A stable 64-bit fingerprint of a dataset's content, stored in checkpoints so that a model is
/// never silently applied to different data. It is FNV-1a 64 over this canonical byte stream:
/// the text `scenes\n` then `id\tname\n` per scene; `items\n` then `id\tsceneID\ttopic\n` per
/// item (index order); `users\n` then `id\n` per interacting user (index order = first
/// appearance); `interactions\n` then, per interaction in input order, 17 binary bytes: user index
/// and item index (UInt32 little-endian), timestamp (Int64 little-endian) and feedback (Int8).
/// So two folders share a fingerprint exactly when they hold the same scenes, items, users and
/// interactions in the same order, however their CSV is quoted or their columns ordered. Titles and
/// users.csv are not part of it: they change neither what a model learns nor how it is evaluated.
public struct Fingerprint: Sendable {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) {
        var h = value
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        value = h
    }

    mutating func add(_ byte: UInt8) {
        value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }

    mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { add($0) }
    }

    static func of(scenes: [Scene], topics: [String], items: ItemTable, users: UserTable,
                   interactions: InteractionTable) -> UInt64 {
        let tab = UInt8(ascii: "\t"), newline = UInt8(ascii: "\n")
        var f = Fingerprint()
        f.add("scenes\n")
        for scene in scenes { f.add(scene.id); f.add(tab); f.add(scene.name); f.add(newline) }
        f.add("items\n")
        for v in 0..<items.count {
            items.ids.withBytes(of: Int32(v)) { f.add($0) }
            f.add(tab); f.add(scenes[Int(items.scene[v])].id)
            f.add(tab); f.add(topics[Int(items.topic[v])])
            f.add(newline)
        }
        // Interacting users are exactly the first (largest user index in interactions + 1) users.
        let interacting = Int(interactions.user.max().map { $0 + 1 } ?? 0)
        f.add("users\n")
        for u in 0..<interacting {
            users.ids.withBytes(of: Int32(u)) { f.add($0) }
            f.add(newline)
        }
        f.add("interactions\n")
        for i in 0..<interactions.count {
            f.add(littleEndian: UInt32(bitPattern: interactions.user[i]))
            f.add(littleEndian: UInt32(bitPattern: interactions.item[i]))
            f.add(littleEndian: UInt64(bitPattern: interactions.timestamp[i]))
            f.add(UInt8(bitPattern: interactions.feedback[i]))
        }
        return f.value
    }

    @inline(__always) mutating func add<T: FixedWidthInteger & UnsignedInteger>(littleEndian number: T) {
        var h = value
        var x = number
        for _ in 0..<(T.bitWidth / 8) {
            h = (h ^ UInt64(truncatingIfNeeded: x & 0xFF)) &* 0x0000_0100_0000_01B3
            x >>= 8
        }
        value = h
    }

    /// The fingerprint as 16 lowercase hex digits.
    public static func hex(_ value: UInt64) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }
}
