/// Tables as delimited text: CSV (RFC 4180's quoting) or TSV (the same quoting with a tab, which is
/// what spreadsheets accept when a table is pasted). Pure, so each export is tested on its exact text.
///
/// A field is quoted when it contains the separator, a double quote, a carriage return or a line
/// feed; a double quote inside a quoted field is doubled. Everything else (CJK names included) is
/// written as it is, in UTF-8. Records end with "\n".
public enum Delimited: Sendable, Equatable {
    case csv, tsv

    /// The format a file name asks for: ".tsv" (any case) is TSV, anything else CSV.
    public static func forPath(_ path: String) -> Delimited {
        path.lowercased().hasSuffix(".tsv") ? .tsv : .csv
    }

    public var separator: Unicode.Scalar { self == .csv ? "," : "\t" }

    public var fileExtension: String { self == .csv ? "csv" : "tsv" }

    public var name: String { self == .csv ? "CSV" : "TSV" }

    /// One field, quoted only when it has to be.
    public func field(_ text: String) -> String {
        let separator = self.separator
        let needsQuotes = text.unicodeScalars.contains { $0 == separator || $0 == "\"" || $0 == "\n" || $0 == "\r" }
        guard needsQuotes else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// One record (without its line end).
    public func record(_ fields: [String]) -> String {
        fields.map(field).joined(separator: String(Character(separator)))
    }

    /// A header and rows, each record ended by "\n".
    public func table(header: [String], rows: [[String]]) -> String {
        var text = record(header) + "\n"
        for row in rows { text += record(row) + "\n" }
        return text
    }
}

/// A number as exported: the shortest text that reads back as the same Float ("0.41", "1e-05"),
/// not the two decimals the screen rounds to.
func exportNumber(_ value: Float) -> String {
    value.isFinite ? String(value) : ""
}

func exportNumber(_ value: Double) -> String {
    value.isFinite ? String(value) : ""
}
