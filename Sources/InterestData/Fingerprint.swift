/// A stable 64-bit fingerprint of a dataset's content, stored in checkpoints so that a model is
/// never silently applied to different data. It is FNV-1a 64 over this canonical text (UTF-8):
/// `scenes\n` then `id\tname\n` per scene; `items\n` then `id\tsceneID\ttopic\n` per item (in
/// index order); `interactions\n` then `userID\titemID\ttimestamp\tfeedback\n` per interaction in
/// input order (timestamp and feedback in decimal). Titles and users.csv are not part of it: they do
/// not change what a model learns or how it is evaluated.
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

    mutating func add<T: BinaryInteger>(decimal number: T) {
        add(String(number))
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
        f.add("interactions\n")
        var digits = [UInt8](repeating: 0, count: 24)
        for i in 0..<interactions.count {
            users.ids.withBytes(of: interactions.user[i]) { f.add($0) }
            f.add(tab)
            items.ids.withBytes(of: interactions.item[i]) { f.add($0) }
            f.add(tab)
            f.addDecimal(interactions.timestamp[i], scratch: &digits)
            f.add(tab)
            f.addDecimal(Int64(interactions.feedback[i]), scratch: &digits)
            f.add(newline)
        }
        return f.value
    }

    /// Decimal digits without allocating a String (a million interactions are hashed per load).
    mutating func addDecimal(_ number: Int64, scratch: inout [UInt8]) {
        if number < 0 { add(UInt8(ascii: "-")) }
        var magnitude = number.magnitude
        var k = scratch.count
        repeat {
            k -= 1
            scratch[k] = UInt8(ascii: "0") + UInt8(magnitude % 10)
            magnitude /= 10
        } while magnitude > 0
        for j in k..<scratch.count { add(scratch[j]) }
    }

    /// The fingerprint as 16 lowercase hex digits.
    public static func hex(_ value: UInt64) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }
}
