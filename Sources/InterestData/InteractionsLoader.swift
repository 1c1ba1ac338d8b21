/// interactions.csv, the file with a million rows. It is read in chunks of rows, each in three
/// passes: parse the fields and hash the ids (sequential over the bytes); look every id up (the
/// lookups are independent, so the processor overlaps their cache misses instead of waiting for
/// each); then, in row order, report problems and append the good rows. Problems still come out in
/// line order, exactly as a row-by-row reader would give them.
extension DatasetLoader {
    /// One parsed row waiting for its id lookups: plain data, so a chunk of them copies as bytes.
    private struct PendingRow {
        var line: Int32
        /// Problems found while parsing are kept aside (they are rare), reported in row order with
        /// the lookups' problems: an empty id comes before an unknown item, which comes before a
        /// bad timestamp or feedback value.
        var hasEmptyValue: Bool
        var hasBadValue: Bool
        var feedback: Int8
        var user: ByteSpan
        var item: ByteSpan
        var userHash: UInt64
        var itemHash: UInt64
        var time: Int64
    }

    /// Bytes of an id: a range of the file, or of the chunk's side buffer for ids whose doubled
    /// quotes had to be collapsed.
    private struct ByteSpan {
        var start: Int
        var count: Int
        var inSideBuffer: Bool
    }

    private static let chunkSize = 4096

    mutating func loadInteractions() throws(ProblemCollector.Stop) {
        try withTable("interactions.csv", required: true) { table, loader throws(ProblemCollector.Stop) in
            let userColumn = try table.requiredColumn("user_id", collector: &loader.collector)
            let itemColumn = try table.requiredColumn("item_id", collector: &loader.collector)
            let timeColumn = try table.requiredColumn("timestamp", collector: &loader.collector)
            let ratingColumn = table.column("rating"), sentimentColumn = table.column("sentiment")
            let file = DataLocation(file: table.file, line: 1)
            if ratingColumn != nil && sentimentColumn != nil {
                try loader.collector.report(.bothRatingAndSentiment(file))
                return
            }
            guard let feedbackColumn = ratingColumn ?? sentimentColumn else {
                try loader.collector.report(.neitherRatingNorSentiment(file))
                return
            }
            guard let userColumn, let itemColumn, let timeColumn else { return }
            let columns = Columns(user: userColumn, item: itemColumn, time: timeColumn, feedback: feedbackColumn,
                                  isRating: ratingColumn != nil)
            var rows: [PendingRow] = []
            rows.reserveCapacity(Self.chunkSize)
            var rowProblems: [Int: DataError] = [:]
            var side: [UInt8] = []
            var items = [Int32](repeating: -1, count: Self.chunkSize)
            var users = [Int32](repeating: -1, count: Self.chunkSize)
            var finished = false
            while !finished {
                // Pass 1: parse a chunk. Malformed rows are reported by the table reader into a
                // separate collector, to be merged by line below.
                rows.removeAll(keepingCapacity: true)
                rowProblems.removeAll(keepingCapacity: true)
                side.removeAll(keepingCapacity: true)
                var structural = ProblemCollector(limit: loader.collector.limit)
                do throws(ProblemCollector.Stop) {
                    while rows.count < Self.chunkSize {
                        guard try table.next(collector: &structural) else { finished = true; break }
                        let (row, problem) = Self.parse(table, columns, side: &side)
                        if let problem { rowProblems[rows.count] = problem }
                        rows.append(row)
                    }
                    // Room for every row, estimated from the first chunk's bytes per row.
                    if loader.interactions.count == 0, let last = rows.last, rows.count == Self.chunkSize {
                        // A row holds at least four fields and three commas: 8 bytes bounds the guess.
                        let perRow = max(8, (last.item.start - (rows.first?.user.start ?? 0)) / rows.count)
                        loader.interactions.reserveCapacity(table.fileBytes.count / perRow + Self.chunkSize)
                    }
                } catch {
                    finished = true
                }
                // Pass 2: independent lookups.
                let fileBytes = table.fileBytes
                side.withUnsafeBufferPointer { sideBytes in
                    for r in rows.indices where !rows[r].hasEmptyValue {
                        let row = rows[r]
                        items[r] = Self.bytes(row.item, fileBytes, sideBytes) { loader.itemIDs.index(of: $0, hash: row.itemHash) } ?? -1
                        users[r] = Self.bytes(row.user, fileBytes, sideBytes) { loader.userIDs.index(of: $0, hash: row.userHash) } ?? -1
                    }
                }
                // Pass 3: in line order, report or append.
                var nextStructural = 0
                let structuralProblems = structural.problems
                func reportStructural(before line: Int32) throws(ProblemCollector.Stop) {
                    while nextStructural < structuralProblems.count,
                          (structuralProblems[nextStructural].location?.line ?? 0) < Int(line) {
                        try loader.collector.report(structuralProblems[nextStructural])
                        nextStructural += 1
                    }
                }
                try side.withUnsafeBufferPointer { sideBytes throws(ProblemCollector.Stop) in
                    for r in rows.indices {
                        let row = rows[r]
                        try reportStructural(before: row.line)
                        if row.hasEmptyValue {
                            try loader.collector.report(rowProblems[r]!)
                            continue
                        }
                        if items[r] < 0 {
                            let rejected = Self.bytes(row.item, fileBytes, sideBytes) { loader.rejectedItems.index(of: $0) } != nil
                            if loader.itemsReadable && !rejected {
                                let id = Self.bytes(row.item, fileBytes, sideBytes) { String(decoding: $0, as: UTF8.self) }
                                try loader.collector.report(.unknownItem(DataLocation(file: table.file, line: Int(row.line), column: "item_id"), itemID: id))
                            }
                            continue
                        }
                        if row.hasBadValue {
                            try loader.collector.report(rowProblems[r]!)
                            continue
                        }
                        var user = users[r]
                        if user < 0 {
                            user = Self.bytes(row.user, fileBytes, sideBytes) { loader.userIDs.intern($0, hash: row.userHash).index }
                        }
                        loader.interactions.user.append(user)
                        loader.interactions.item.append(items[r])
                        loader.interactions.timestamp.append(row.time)
                        loader.interactions.feedback.append(row.feedback)
                        loader.interactions.line.append(row.line)
                    }
                }
                try reportStructural(before: Int32.max)
            }
            if table.rowCount == 0 { try loader.collector.report(.noRows(DataLocation(file: table.file))) }
        }
    }

    private struct Columns {
        var user: Int
        var item: Int
        var time: Int
        var feedback: Int
        var isRating: Bool
    }

    /// Parses the current row of `table` (no lookups); returns its problem, if any, beside it.
    private static func parse(_ table: CSVTableReader, _ c: Columns, side: inout [UInt8]) -> (PendingRow, DataError?) {
        let user = span(table, c.user, side: &side), item = span(table, c.item, side: &side)
        var row = PendingRow(line: Int32(clamping: table.line), hasEmptyValue: false, hasBadValue: false, feedback: 0,
                             user: user, item: item, userHash: 0, itemHash: 0, time: 0)
        if user.count == 0 || item.count == 0 {
            row.hasEmptyValue = true
            return (row, .emptyValue(table.location(user.count == 0 ? c.user : c.item)))
        }
        side.withUnsafeBufferPointer { sideBytes in
            row.userHash = bytes(user, table.fileBytes, sideBytes, ByteInterner.hash)
            row.itemHash = bytes(item, table.fileBytes, sideBytes, ByteInterner.hash)
        }
        guard let time = table.withBytes(c.time, ByteParsing.int64) else {
            row.hasBadValue = true
            return (row, .badTimestamp(table.location(c.time), value: table.string(c.time)))
        }
        row.time = time
        guard let y = table.withBytes(c.feedback, c.isRating ? ByteParsing.ratingFeedback : ByteParsing.sentiment) else {
            row.hasBadValue = true
            let value = table.string(c.feedback), location = table.location(c.feedback)
            return (row, c.isRating ? .badRating(location, value: value) : .badSentiment(location, value: value))
        }
        row.feedback = y
        return (row, nil)
    }

    /// Where field `index` of the current row lives, copying it to `side` when it has doubled quotes.
    private static func span(_ table: CSVTableReader, _ index: Int, side: inout [UInt8]) -> ByteSpan {
        let field = table.field(index)
        if !field.hasEscapedQuotes {
            return ByteSpan(start: field.start, count: field.end - field.start, inSideBuffer: false)
        }
        let start = side.count
        table.withBytes(index) { side.append(contentsOf: $0) }
        return ByteSpan(start: start, count: side.count - start, inSideBuffer: true)
    }

    private static func bytes<R>(_ span: ByteSpan, _ file: UnsafeBufferPointer<UInt8>, _ side: UnsafeBufferPointer<UInt8>,
                                 _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let base = span.inSideBuffer ? side : file
        return body(UnsafeBufferPointer(rebasing: base[span.start..<(span.start + span.count)]))
    }
}
