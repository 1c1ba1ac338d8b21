/// One field of a CSV record: a byte range in the file, plus what is needed to read it back.
struct CSVField: Sendable {
    /// Byte offsets of the field's content (inside the quotes, if quoted).
    var start: Int
    var end: Int
    /// True when the field contains doubled quotes (`""`) that must be collapsed when reading it.
    var hasEscapedQuotes: Bool
    /// Physical line (1-based) on which the field starts.
    var line: Int
}

/// Why a record could not be read. Locations are physical lines (1-based, as an editor shows them).
enum CSVSyntaxError: Error, Sendable, Equatable {
    /// A quoted field opened on `line` never closes before the end of the file.
    case unterminatedQuote(line: Int, field: Int)
    /// Something other than a comma or a line end follows a closing quote.
    case textAfterClosingQuote(line: Int, field: Int)
}

/// A streaming RFC 4180 reader over the bytes of one file. It never builds a String: a record is a
/// list of byte ranges, so loading a million rows costs one pass over the bytes.
///
/// Accepted: quoted fields containing commas, doubled quotes and line breaks; LF or CRLF line ends;
/// a leading UTF-8 byte-order mark; blank lines (skipped). A quote inside an unquoted field is kept
/// as an ordinary character (lenient, as most producers expect).
struct CSVRecordReader {
    let bytes: UnsafeBufferPointer<UInt8>
    private(set) var position: Int
    /// Physical line (1-based) at `position`.
    private(set) var line: Int = 1
    /// Fields of the current record beyond `fieldCap`: counted, not stored, so that one absurd
    /// row (a line of a million commas) costs a counter, not a million entries.
    private(set) var unstoredFields = 0
    /// The most fields a record keeps (one more than a header may have, so it is seen as too many).
    static let fieldCap = 1025

    /// Fields of the current record, stored or not.
    func fieldCount(_ fields: [CSVField]) -> Int { fields.count + unstoredFields }

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        position = bytes.count >= 3 && bytes[0] == bom[0] && bytes[1] == bom[1] && bytes[2] == bom[2] ? 3 : 0
    }

    /// A reader over `bytes` that starts at `position`, a record start on physical line `line`.
    init(bytes: UnsafeBufferPointer<UInt8>, position: Int, line: Int) {
        self.bytes = bytes
        self.position = position
        self.line = line
    }

    /// Reads the next non-blank record into `fields` (cleared first). Returns false at end of file.
    /// `recordLine` is set to the line the record starts on.
    mutating func nextRecord(into fields: inout [CSVField], recordLine: inout Int) throws(CSVSyntaxError) -> Bool {
        let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\""), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        let count = bytes.count
        while true {
            fields.removeAll(keepingCapacity: true)
            unstoredFields = 0
            if position >= count { return false }
            recordLine = line
            var p = position
            recordLoop: while true {
                // Start of a field at p.
                if p < count && bytes[p] == quote {
                    let fieldLine = line
                    let start = p + 1
                    var q = start
                    var escaped = false
                    while true {
                        if q >= count {
                            throw .unterminatedQuote(line: fieldLine, field: fields.count + 1)
                        }
                        let b = bytes[q]
                        if b == quote {
                            if q + 1 < count && bytes[q + 1] == quote {
                                escaped = true
                                q += 2
                                continue
                            }
                            break
                        }
                        if b == lf { line += 1 }
                        q += 1
                    }
                    if fields.count < Self.fieldCap {
                        fields.append(CSVField(start: start, end: q, hasEscapedQuotes: escaped, line: fieldLine))
                    } else {
                        unstoredFields += 1
                    }
                    p = q + 1
                    if p >= count { break recordLoop }
                    let next = bytes[p]
                    if next == comma { p += 1; continue recordLoop }
                    if next == lf { p += 1; line += 1; break recordLoop }
                    if next == cr && p + 1 < count && bytes[p + 1] == lf { p += 2; line += 1; break recordLoop }
                    if next == cr && p + 1 == count { p += 1; break recordLoop }
                    position = p
                    throw .textAfterClosingQuote(line: line, field: fields.count)
                } else {
                    let start = p
                    while p < count {
                        let b = bytes[p]
                        if b == comma || b == lf { break }
                        p += 1
                    }
                    var end = p
                    if end > start && bytes[end - 1] == cr && (p == count || bytes[p] == lf) { end -= 1 }
                    if fields.count < Self.fieldCap {
                        fields.append(CSVField(start: start, end: end, hasEscapedQuotes: false, line: line))
                    } else {
                        unstoredFields += 1
                    }
                    if p >= count { break recordLoop }
                    if bytes[p] == comma { p += 1; continue recordLoop }
                    p += 1  // the line feed
                    line += 1
                    break recordLoop
                }
            }
            position = p
            // A blank line is one empty, unquoted field: skip it.
            if fields.count == 1 && fields[0].start == fields[0].end && !(fields[0].start > 0 && bytes[fields[0].start - 1] == quote) {
                continue
            }
            return true
        }
    }

    /// Moves past the next line feed (recovery after a malformed record).
    mutating func skipToNextLine() {
        while position < bytes.count {
            let b = bytes[position]
            position += 1
            if b == UInt8(ascii: "\n") { line += 1; return }
        }
    }

    /// The field's content with doubled quotes collapsed, passed to `body` without copying when
    /// there is nothing to collapse.
    func withContent<R>(of field: CSVField, scratch: inout [UInt8], _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let slice = UnsafeBufferPointer(rebasing: bytes[field.start..<field.end])
        if !field.hasEscapedQuotes { return body(slice) }
        scratch.removeAll(keepingCapacity: true)
        var i = 0
        while i < slice.count {
            scratch.append(slice[i])
            i += slice[i] == UInt8(ascii: "\"") ? 2 : 1
        }
        return scratch.withUnsafeBufferPointer(body)
    }

    /// The field's content as a String (invalid UTF-8 is repaired; validation reports it separately).
    func string(of field: CSVField, scratch: inout [UInt8]) -> String {
        withContent(of: field, scratch: &scratch) { String(decoding: $0, as: UTF8.self) }
    }
}
