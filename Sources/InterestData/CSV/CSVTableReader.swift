/// Reads one CSV file of a dataset row by row: header lookup by column name, field-count and
/// UTF-8 checks per row, and locations (file, line, column) for every message. Problems go to the
/// collector; a row with a problem is skipped so that validation can keep going.
struct CSVTableReader {
    let file: String
    private var reader: CSVRecordReader
    private(set) var header: [String] = []
    private var fields: [CSVField] = []
    private var scratch: [UInt8] = []
    private var badUTF8: [Int]
    private var nextBad = 0
    private var finished = false
    /// Line on which the current row starts.
    private(set) var line = 0
    /// Number of rows read so far (including skipped ones).
    private(set) var rowCount = 0

    /// Reads the header. Reports an empty file (and returns nil) when there is no header row.
    init?(file: String, bytes: UnsafeBufferPointer<UInt8>, collector: inout ProblemCollector) throws(ProblemCollector.Stop) {
        self.file = file
        reader = CSVRecordReader(bytes: bytes)
        if Self.endsLinesWithBareCR(bytes) {
            try collector.report(.carriageReturnLineEndings(DataLocation(file: file, line: 1)))
            return nil
        }
        badUTF8 = invalidUTF8Offsets(in: bytes, limit: collector.limit)
        var headerLine = 0
        let hasHeader: Bool
        do throws(CSVSyntaxError) {
            hasHeader = try reader.nextRecord(into: &fields, recordLine: &headerLine)
        } catch {
            try collector.report(Self.problem(error, file: file, header: []))
            return nil
        }
        guard hasHeader else {
            try collector.report(.emptyFile(DataLocation(file: file)))
            return nil
        }
        if try checkUTF8(collector: &collector) == false { return nil }
        if reader.fieldCount(fields) > HeaderFirst.maximumColumns {
            try collector.report(.tooManyColumns(DataLocation(file: file, line: headerLine), count: reader.fieldCount(fields), limit: HeaderFirst.maximumColumns))
            return nil
        }
        header = fields.map { reader.string(of: $0, scratch: &scratch).trimmingSpaces }
        var seen = Set<String>()
        for name in header where !seen.insert(name).inserted {
            try collector.report(.duplicateColumn(DataLocation(file: file, line: headerLine, column: name)))
        }
    }

    /// True when the first line ends with a CR that no LF follows (classic Mac line ends): the
    /// whole file would otherwise read as one endless header.
    static func endsLinesWithBareCR(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        var i = 0
        while i < bytes.count && bytes[i] != lf {
            if bytes[i] == cr { return i + 1 >= bytes.count ? false : bytes[i + 1] != lf }
            i += 1
        }
        return false
    }

    /// Where the next row starts: its byte offset and physical line.
    var nextRowStart: (offset: Int, line: Int) { (reader.position, reader.line) }

    /// A reader, with the same header, for the rows that start in bytes `start..<end` of the file
    /// (`start` must be a row start, on physical line `line`; `end` the end of the file or a row
    /// start). Parts of a file can be read on different threads.
    func part(from start: Int, to end: Int, line: Int) -> CSVTableReader {
        var copy = self
        let whole = reader.bytes
        copy.reader = CSVRecordReader(bytes: UnsafeBufferPointer(start: whole.baseAddress, count: end), position: start, line: line)
        copy.badUTF8 = badUTF8.filter { $0 >= start && $0 < end }
        copy.nextBad = 0
        copy.finished = false
        copy.rowCount = 0
        copy.fields = []
        return copy
    }

    /// Field index of the column named `name`, or nil when absent.
    func column(_ name: String) -> Int? { header.firstIndex(of: name) }

    /// Field index of a required column; reports it missing (and returns nil) when absent.
    func requiredColumn(_ name: String, collector: inout ProblemCollector) throws(ProblemCollector.Stop) -> Int? {
        if let index = column(name) { return index }
        try collector.report(.missingColumn(DataLocation(file: file, line: 1, column: name)))
        return nil
    }

    /// Advances to the next well-formed row; reports and skips malformed ones. False at the end.
    mutating func next(collector: inout ProblemCollector) throws(ProblemCollector.Stop) -> Bool {
        while !finished {
            let hasRecord: Bool
            do throws(CSVSyntaxError) {
                hasRecord = try reader.nextRecord(into: &fields, recordLine: &line)
            } catch {
                try collector.report(Self.problem(error, file: file, header: header))
                if case .unterminatedQuote = error { finished = true; return false }
                reader.skipToNextLine()
                continue
            }
            guard hasRecord else {
                finished = true
                return false
            }
            rowCount += 1
            if try checkUTF8(collector: &collector) == false { continue }
            if reader.fieldCount(fields) != header.count {
                try collector.report(.wrongFieldCount(DataLocation(file: file, line: line), expected: header.count, found: reader.fieldCount(fields)))
                continue
            }
            return true
        }
        return false
    }

    /// Reports invalid UTF-8 inside the current record; false when there was some.
    private mutating func checkUTF8(collector: inout ProblemCollector) throws(ProblemCollector.Stop) -> Bool {
        guard nextBad < badUTF8.count, let first = fields.first, let last = fields.last else { return true }
        // Offsets before this record belonged to a malformed record that was already reported.
        while nextBad < badUTF8.count && badUTF8[nextBad] < first.start - 1 { nextBad += 1 }
        let recordEnd = last.end
        var clean = true
        while nextBad < badUTF8.count && badUTF8[nextBad] <= recordEnd {
            let offset = badUTF8[nextBad]
            nextBad += 1
            let k = fields.firstIndex { offset < $0.end + 1 } ?? fields.count - 1
            let name = k < header.count ? header[k] : "#\(k + 1)"
            try collector.report(.invalidUTF8(DataLocation(file: file, line: fields[k].line, column: name)))
            clean = false
        }
        return clean
    }

    /// Calls `body` with the bytes of field `index` of the current row.
    func withBytes<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        var scratch = [UInt8]()
        return reader.withContent(of: fields[index], scratch: &scratch, body)
    }

    /// The file's bytes and the byte range of field `index` of the current row (for readers that
    /// keep ranges past the current row; `hasEscapedQuotes` fields need `withBytes` instead).
    var fileBytes: UnsafeBufferPointer<UInt8> { reader.bytes }
    func field(_ index: Int) -> CSVField { fields[index] }

    /// Field `index` of the current row as a String.
    func string(_ index: Int) -> String {
        withBytes(index) { String(decoding: $0, as: UTF8.self) }
    }

    /// True when field `index` of the current row is empty.
    func isEmpty(_ index: Int) -> Bool { fields[index].start == fields[index].end }

    /// Where field `index` of the current row is.
    func location(_ index: Int) -> DataLocation {
        DataLocation(file: file, line: fields[index].line, column: header[index])
    }

    private static func problem(_ error: CSVSyntaxError, file: String, header: [String]) -> DataError {
        func name(_ field: Int) -> String? { field >= 1 && field <= header.count ? header[field - 1] : nil }
        switch error {
        case .unterminatedQuote(let line, let field):
            return .unterminatedQuote(DataLocation(file: file, line: line, column: name(field)))
        case .textAfterClosingQuote(let line, let field):
            return .textAfterClosingQuote(DataLocation(file: file, line: line, column: name(field)))
        }
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs (header names only).
    var trimmingSpaces: String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" { s.removeLast() }
        return String(s)
    }
}
