import Testing
@testable import InterestData

/// Reads every record of `text` as arrays of strings.
func records(_ bytes: [UInt8]) throws -> [[String]] {
    try bytes.withUnsafeBufferPointer { buffer in
        var reader = CSVRecordReader(bytes: buffer)
        var fields: [CSVField] = []
        var line = 0
        var scratch: [UInt8] = []
        var result: [[String]] = []
        while try reader.nextRecord(into: &fields, recordLine: &line) {
            result.append(fields.map { reader.string(of: $0, scratch: &scratch) })
        }
        return result
    }
}

func records(_ text: String) throws -> [[String]] { try records(Array(text.utf8)) }

@Suite struct CSVReaderTests {
    @Test func quotedCommasDoubledQuotesAndNewlines() throws {
        let rows = try records("a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n")
        #expect(rows == [["a", "b", "c"], ["x, y", "say \"hi\"", "two\nlines"]])
    }

    @Test func crlfAndByteOrderMark() throws {
        let rows = try records([0xEF, 0xBB, 0xBF] + Array("id,name\r\n1,\"a\r\nb\"\r\n2,c\r\n".utf8))
        #expect(rows == [["id", "name"], ["1", "a\r\nb"], ["2", "c"]])
    }

    @Test func emptyFieldsBlankLinesAndMissingFinalNewline() throws {
        let rows = try records("a,b\n\n,\n\"\",x\n\r\nlast,")
        #expect(rows == [["a", "b"], ["", ""], ["", "x"], ["last", ""]])
    }

    @Test func quoteInsideUnquotedFieldIsKept() throws {
        #expect(try records("a\"b,c\n") == [["a\"b", "c"]])
    }

    @Test func unterminatedQuoteNamesItsLine() {
        #expect(throws: CSVSyntaxError.unterminatedQuote(line: 3, field: 2)) {
            try records("a,b\n1,2\n3,\"open\n\nmore")
        }
    }

    @Test func textAfterClosingQuoteIsAnError() {
        #expect(throws: CSVSyntaxError.textAfterClosingQuote(line: 2, field: 1)) {
            try records("a,b\n\"x\"y,2\n")
        }
    }

    @Test func invalidUTF8IsFoundAtItsOffset() {
        let bytes: [UInt8] = Array("ok,".utf8) + [0xC3, 0x28] + Array(",é,".utf8) + [0xED, 0xA0, 0x80] + [0xF0, 0x9F, 0x98, 0x80]
        let offsets = bytes.withUnsafeBufferPointer { invalidUTF8Offsets(in: $0, limit: 10) }
        #expect(offsets == [3, 9, 10, 11])
    }

    @Test func invalidUTF8AfterLongASCIIRunsIsFound() {
        for offset in [0, 7, 8, 13, 64, 99] {
            var bytes = Array(String(repeating: "abcdefgh", count: 13).utf8)
            bytes[offset] = 0x80
            bytes += Array("€ok".utf8)
            #expect(bytes.withUnsafeBufferPointer { invalidUTF8Offsets(in: $0, limit: 10) } == [offset])
        }
    }

    @Test func internerFindsKeysAcrossGrowth() {
        var interner = ByteInterner()
        for k in 0..<5000 { #expect(interner.intern("key\(k)").index == Int32(k)) }
        #expect(interner.intern("key17") == (17, false))
        #expect(interner.index(of: "key4999") == 4999)
        #expect(interner.index(of: "nope") == nil)
        #expect(interner.key(42) == "key42")
    }
}
