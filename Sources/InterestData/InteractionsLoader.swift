import Foundation
import Synchronization

/// interactions.csv, the file with a million rows. A big file is cut into pieces read on all cores
/// (see `rowBoundaries`). Each piece is read in chunks of rows, each chunk in three passes: parse
/// the fields and hash the ids (sequential over the bytes); look every id up (the lookups are
/// independent, so the processor overlaps their cache misses instead of waiting for each); then,
/// in row order, collect problems and append the good rows. Problems still come out in line
/// order, exactly as a row-by-row reader would give them.
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
        try withTable("interactions.csv", required: true, header: { names in
            ["user_id", "item_id", "timestamp"].allSatisfy(names.contains) && (names.contains("rating") != names.contains("sentiment"))
        }) { table, loader throws(ProblemCollector.Stop) in
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
            let context = PartContext(itemIDs: loader.itemIDs, rejectedItems: loader.rejectedItems,
                                      itemsReadable: loader.itemsReadable, limit: loader.collector.limit, columns: columns)
            // Big files are cut into pieces read on all cores; each piece interns its users locally.
            let bytes = table.fileBytes
            let (bodyStart, bodyLine) = table.nextRowStart
            let pieces = bytes.count - bodyStart < loader.parallelThreshold ? 1 : min(4, ProcessInfo.processInfo.activeProcessorCount)
            let cuts = rowBoundaries(in: bytes, from: bodyStart, line: bodyLine, parts: pieces)
            var results: [PartResult]
            if cuts.count == 1 {
                var whole = table
                results = [Self.read(&whole, context)]
            } else {
                // The reader points at the file's bytes, which every piece only reads (see
                // `UncheckedSendable`); each piece reads through its own copy (`part`). Results come
                // back through a lock taken once per piece (at most four times a file).
                let prototype = UncheckedSendable(table)
                let slots = Mutex([PartResult?](repeating: nil, count: cuts.count))
                let ends = cuts.dropFirst().map(\.offset) + [bytes.count]
                DispatchQueue.concurrentPerform(iterations: cuts.count) { k in
                    var part = prototype.value.part(from: cuts[k].offset, to: ends[k], line: cuts[k].line)
                    let result = Self.read(&part, context)
                    slots.withLock { $0[k] = result }
                }
                results = slots.withLock { $0.map { $0! } }
            }
            // Merge in file order: the first piece's users keep their indices (it starts the file),
            // later pieces' users are looked up or appended in their order of first appearance.
            loader.interactions.reserveCapacity(results.reduce(0) { $0 + $1.rows.count })
            for result in results {
                for problem in result.problems { try loader.collector.report(problem) }
                if loader.userIDs.count == 0 {
                    loader.userIDs = result.users
                    loader.interactions.user.append(contentsOf: result.rows.user)
                } else {
                    let global = (0..<Int32(result.users.count)).map { local in
                        result.users.withBytes(of: local) { loader.userIDs.intern($0).index }
                    }
                    loader.interactions.user.append(contentsOf: result.rows.user.lazy.map { global[Int($0)] })
                }
                loader.interactions.item.append(contentsOf: result.rows.item)
                loader.interactions.timestamp.append(contentsOf: result.rows.timestamp)
                loader.interactions.feedback.append(contentsOf: result.rows.feedback)
                loader.interactions.line.append(contentsOf: result.rows.line)
            }
            if results.allSatisfy({ $0.rowCount == 0 }) { try loader.collector.report(.noRows(DataLocation(file: table.file))) }
        }
    }

    /// What reading one piece needs; read-only and shared by the threads.
    private struct PartContext: Sendable {
        var itemIDs: ByteInterner
        var rejectedItems: ByteInterner
        var itemsReadable: Bool
        var limit: Int
        var columns: Columns
    }

    /// What reading one piece gives: its good rows (user indices local to `users`), its problems in
    /// line order (at most the limit), and how many rows it had.
    private struct PartResult: Sendable {
        var users = ByteInterner()
        var rows = InteractionTable(user: [], item: [], timestamp: [], feedback: [], line: [])
        var problems: [DataError] = []
        var rowCount = 0
    }

    /// Reads every row of `table` in chunks of three passes (see the type's comment).
    private static func read(_ table: inout CSVTableReader, _ context: PartContext) -> PartResult {
        var result = PartResult()
        var problems = ProblemCollector(limit: context.limit)
        var rows: [PendingRow] = []
        rows.reserveCapacity(chunkSize)
        var rowProblems: [Int: DataError] = [:]
        var side: [UInt8] = []
        var items = [Int32](repeating: -1, count: chunkSize)
        var users = [Int32](repeating: -1, count: chunkSize)
        var finished = false
        let fileBytes = table.fileBytes
        do throws(ProblemCollector.Stop) {
            while !finished {
                // Pass 1: parse a chunk. Malformed rows are reported by the table reader into a
                // separate collector, to be merged by line below.
                rows.removeAll(keepingCapacity: true)
                rowProblems.removeAll(keepingCapacity: true)
                side.removeAll(keepingCapacity: true)
                var structural = ProblemCollector(limit: context.limit)
                do throws(ProblemCollector.Stop) {
                    while rows.count < chunkSize {
                        guard try table.next(collector: &structural) else { finished = true; break }
                        let (row, problem) = parse(table, context.columns, side: &side)
                        if let problem { rowProblems[rows.count] = problem }
                        rows.append(row)
                    }
                    if result.rows.count == 0, let last = rows.last, rows.count == chunkSize {
                        // Room for every row, estimated from this chunk's bytes per row (a row
                        // holds at least four fields and three commas: 8 bytes bounds the guess).
                        let perRow = max(8, (last.item.start - (rows.first?.user.start ?? 0)) / rows.count)
                        result.rows.reserveCapacity(fileBytes.count / perRow + chunkSize)
                    }
                } catch {
                    finished = true
                }
                // Pass 2: independent lookups.
                side.withUnsafeBufferPointer { sideBytes in
                    for r in rows.indices where !rows[r].hasEmptyValue {
                        let row = rows[r]
                        items[r] = bytes(row.item, fileBytes, sideBytes) { context.itemIDs.index(of: $0, hash: row.itemHash) } ?? -1
                        users[r] = bytes(row.user, fileBytes, sideBytes) { result.users.index(of: $0, hash: row.userHash) } ?? -1
                    }
                }
                // Pass 3: in line order, report or append.
                var nextStructural = 0
                let structuralProblems = structural.problems
                func reportStructural(before line: Int32) throws(ProblemCollector.Stop) {
                    while nextStructural < structuralProblems.count,
                          (structuralProblems[nextStructural].location?.line ?? 0) < Int(line) {
                        try problems.report(structuralProblems[nextStructural])
                        nextStructural += 1
                    }
                }
                try side.withUnsafeBufferPointer { sideBytes throws(ProblemCollector.Stop) in
                    for r in rows.indices {
                        let row = rows[r]
                        try reportStructural(before: row.line)
                        if row.hasEmptyValue {
                            try problems.report(rowProblems[r]!)
                            continue
                        }
                        if items[r] < 0 {
                            let rejected = bytes(row.item, fileBytes, sideBytes) { context.rejectedItems.index(of: $0) } != nil
                            if context.itemsReadable && !rejected {
                                let id = bytes(row.item, fileBytes, sideBytes) { String(decoding: $0, as: UTF8.self) }
                                try problems.report(.unknownItem(DataLocation(file: table.file, line: Int(row.line), column: "item_id"), itemID: id))
                            }
                            continue
                        }
                        if row.hasBadValue {
                            try problems.report(rowProblems[r]!)
                            continue
                        }
                        var user = users[r]
                        if user < 0 {
                            user = bytes(row.user, fileBytes, sideBytes) { result.users.intern($0, hash: row.userHash).index }
                        }
                        result.rows.user.append(user)
                        result.rows.item.append(items[r])
                        result.rows.timestamp.append(row.time)
                        result.rows.feedback.append(row.feedback)
                        result.rows.line.append(row.line)
                    }
                }
                try reportStructural(before: Int32.max)
            }
        } catch {
            // The limit is reached: this piece has said enough.
        }
        result.problems = problems.problems
        result.rowCount = table.rowCount
        return result
    }

    private struct Columns: Sendable {
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
