/// Where in a dataset a problem is: the file name (e.g. `interactions.csv`), the physical line
/// (1-based, header = line 1) and the column's header name, when they apply.
public struct DataLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: String?

    public init(file: String, line: Int? = nil, column: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        if let column { text += " column \(column)" }
        return text
    }
}

/// Everything that can be wrong with a dataset folder or a split file. Each case names where the
/// problem is and why; `description` is the message shown to people (see docs/DATA-FORMAT.md).
public enum DataError: Error, Sendable, Hashable, CustomStringConvertible {
    case missingFile(DataLocation)
    /// The dataset folder itself does not exist, or is not a folder.
    case missingFolder(DataLocation)
    case notAFolder(DataLocation)
    /// Lines end with a bare carriage return (classic Mac OS), which CSV does not allow.
    case carriageReturnLineEndings(DataLocation)
    case unreadableFile(DataLocation, reason: String)
    case cannotWrite(DataLocation, reason: String)
    case emptyFile(DataLocation)
    case noRows(DataLocation)
    case invalidUTF8(DataLocation)
    case unterminatedQuote(DataLocation)
    case textAfterClosingQuote(DataLocation)
    case missingColumn(DataLocation)
    case duplicateColumn(DataLocation)
    /// The header has more columns than a dataset file may have.
    case tooManyColumns(DataLocation, count: Int, limit: Int)
    /// The header row does not end within the first `limit` bytes.
    case headerTooLong(DataLocation, limit: Int)
    case bothRatingAndSentiment(DataLocation)
    case neitherRatingNorSentiment(DataLocation)
    case wrongFieldCount(DataLocation, expected: Int, found: Int)
    case emptyValue(DataLocation)
    case badRating(DataLocation, value: String)
    case badSentiment(DataLocation, value: String)
    case badTimestamp(DataLocation, value: String)
    case unknownScene(DataLocation, sceneID: String)
    case unknownItem(DataLocation, itemID: String)
    case duplicateID(DataLocation, id: String, firstLine: Int)
    case badTruth(DataLocation, reason: String)
    // Split files.
    case badRole(DataLocation, value: String)
    case splitRowCount(DataLocation, expected: Int, found: Int)
    case splitMismatch(DataLocation, expected: String, found: String)
    case inconsistentSplit(DataLocation, reason: String)
    /// Validation stopped collecting after this many problems.
    case tooManyProblems(limit: Int)

    public var location: DataLocation? {
        switch self {
        case .missingFile(let l), .missingFolder(let l), .notAFolder(let l), .carriageReturnLineEndings(let l), .unreadableFile(let l, _), .cannotWrite(let l, _), .emptyFile(let l), .noRows(let l),
             .invalidUTF8(let l), .unterminatedQuote(let l), .textAfterClosingQuote(let l),
             .missingColumn(let l), .duplicateColumn(let l), .tooManyColumns(let l, _, _), .headerTooLong(let l, _), .bothRatingAndSentiment(let l),
             .neitherRatingNorSentiment(let l), .wrongFieldCount(let l, _, _), .emptyValue(let l),
             .badRating(let l, _), .badSentiment(let l, _), .badTimestamp(let l, _),
             .unknownScene(let l, _), .unknownItem(let l, _),
             .duplicateID(let l, _, _), .badTruth(let l, _), .badRole(let l, _),
             .splitRowCount(let l, _, _), .splitMismatch(let l, _, _), .inconsistentSplit(let l, _):
            return l
        case .tooManyProblems:
            return nil
        }
    }

    /// The reason alone, without the location.
    public var reason: String {
        switch self {
        case .missingFile: return "file is missing"
        case .missingFolder: return "no such dataset folder"
        case .notAFolder: return "is not a folder (a dataset is a folder of CSV files)"
        case .carriageReturnLineEndings: return "lines end with a bare carriage return (CR); save the file with LF or CRLF line ends"
        case .unreadableFile(_, let reason): return "cannot be read: \(reason)"
        case .cannotWrite(_, let reason): return "cannot be written: \(reason)"
        case .emptyFile: return "file is empty (not even a header row)"
        case .noRows: return "file has a header but no rows"
        case .invalidUTF8: return "invalid UTF-8"
        case .unterminatedQuote: return "quoted field is never closed"
        case .textAfterClosingQuote: return "text after a closing quote (a quote inside a field must be doubled)"
        case .missingColumn(let l): return "required column \"\(l.column ?? "?")\" is missing from the header"
        case .duplicateColumn(let l): return "column \"\(l.column ?? "?")\" appears twice in the header"
        case .tooManyColumns(_, let count, let limit): return "header has \(count) columns; at most \(limit) are allowed"
        case .headerTooLong(_, let limit): return "header row is longer than \(limit / 1024) KiB (is this a CSV file?)"
        case .bothRatingAndSentiment: return "has both rating and sentiment columns; keep exactly one"
        case .neitherRatingNorSentiment: return "needs a rating (1–5) or a sentiment (-1, 0, 1) column"
        case .wrongFieldCount(_, let expected, let found): return "row has \(found) fields, the header has \(expected)"
        case .emptyValue: return "value is empty"
        case .badRating(_, let value): return "rating \"\(value)\" is not an integer from 1 to 5"
        case .badSentiment(_, let value): return "sentiment \"\(value)\" is not -1, 0 or 1"
        case .badTimestamp(_, let value): return "timestamp \"\(value)\" is not an integer number of seconds"
        case .unknownScene(_, let id): return "scene \"\(id)\" is not in scenes.csv"
        case .unknownItem(_, let id): return "item \"\(id)\" is not in items.csv"
        case .duplicateID(_, let id, let first): return "id \"\(id)\" already appears on line \(first)"
        case .badTruth(_, let reason): return "truth is malformed: \(reason)"
        case .badRole(_, let value): return "role \"\(value)\" is not train, validation, test, cold or dropped"
        case .splitRowCount(_, let expected, let found): return "split has \(found) rows, the dataset has \(expected) interactions"
        case .splitMismatch(_, let expected, let found): return "expected \(expected), found \(found)"
        case .inconsistentSplit(_, let reason): return reason
        case .tooManyProblems(let limit): return "stopped after \(limit) problems"
        }
    }

    public var description: String {
        if let location { return "\(location): \(reason)" }
        return reason
    }
}
