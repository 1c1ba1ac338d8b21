/// Builds RFC 4180 CSV bytes: a field is quoted only when it contains a comma, a quote or a line
/// break, and quotes inside it are doubled. Lines end with LF.
public struct CSVWriter: Sendable {
    public private(set) var bytes: [UInt8] = []
    private var atLineStart = true

    public init(reservingCapacity capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    /// Appends one field to the current row.
    public mutating func field(_ text: String) {
        if !atLineStart { bytes.append(UInt8(ascii: ",")) }
        atLineStart = false
        let utf8 = text.utf8
        let needsQuotes = utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }
        if !needsQuotes {
            bytes.append(contentsOf: utf8)
            return
        }
        bytes.append(UInt8(ascii: "\""))
        for b in utf8 {
            bytes.append(b)
            if b == UInt8(ascii: "\"") { bytes.append(b) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends an integer field.
    public mutating func field<T: BinaryInteger>(_ number: T) { field(String(number)) }

    /// Appends a whole row.
    public mutating func row(_ fields: [String]) {
        for f in fields { field(f) }
        endRow()
    }

    /// Ends the current row.
    public mutating func endRow() {
        bytes.append(UInt8(ascii: "\n"))
        atLineStart = true
    }
}
