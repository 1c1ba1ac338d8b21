import Foundation

/// The split file: `user_id,item_id,timestamp,role`, one row per interaction in input order.
extension Split {
    /// The split as CSV bytes.
    public func csv(for dataset: Dataset) -> [UInt8] {
        var writer = CSVWriter(reservingCapacity: roles.count * 24)
        writer.row(["user_id", "item_id", "timestamp", "role"])
        let table = dataset.interactions
        for i in 0..<roles.count {
            writer.field(dataset.userID(table.user[i]))
            writer.field(dataset.itemID(table.item[i]))
            writer.field(table.timestamp[i])
            writer.field(roles[i].description)
            writer.endRow()
        }
        return writer.bytes
    }

    /// Writes the split file atomically.
    public func write(to path: String, for dataset: Dataset) throws(DataError) {
        try AtomicFile.write(csv(for: dataset), to: path)
    }

    /// Reads a split file back and checks it row by row against `dataset`: same interactions in
    /// the same order, known roles, and roles the protocol could produce.
    public static func read(from path: String, for dataset: Dataset) throws(DataError) -> Split {
        let name = PathParts.split(path).name
        // Header first, and a size no split of this dataset could have, before reading it all.
        if case .success(let size) = FileBytes.regularFileSize(path) {
            let plausible = HeaderFirst.prefixBytes + dataset.interactionCount * 4096
            if size > plausible {
                throw .unreadableFile(DataLocation(file: name), reason: "it is \(size) bytes, more than a split of \(dataset.interactionCount) interactions can be")
            }
            if size > HeaderFirst.prefixBytes, case .success(let prefix) = FileBytes.read(path, prefix: HeaderFirst.prefixBytes) {
                switch HeaderFirst.inspect(prefix, accepts: { names in ["user_id", "item_id", "timestamp", "role"].allSatisfy(names.contains) }) {
                case .readAll: break
                case .headerTooLong: throw .headerTooLong(DataLocation(file: name, line: 1), limit: HeaderFirst.prefixBytes)
                case .headerOnly(let end): return try parse(Array(prefix[..<end]), file: name, for: dataset)
                }
            }
        }
        switch FileBytes.read(path) {
        case .success(let bytes):
            return try parse(bytes, file: name, for: dataset)
        case .failure(.missing):
            throw .missingFile(DataLocation(file: name))
        case .failure(.directory):
            throw .unreadableFile(DataLocation(file: name), reason: "it is a directory")
        case .failure(.unreadable(let reason)):
            throw .unreadableFile(DataLocation(file: name), reason: reason)
        }
    }

    /// Parses split-file bytes (`file` names it in messages).
    public static func parse(_ bytes: [UInt8], file: String, for dataset: Dataset) throws(DataError) -> Split {
        var collector = ProblemCollector(limit: 1)
        var roles: [Role] = []
        roles.reserveCapacity(dataset.interactionCount)
        let table = dataset.interactions
        bytes.withUnsafeBufferPointer { buffer in
            do throws(ProblemCollector.Stop) {
                guard var reader = try CSVTableReader(file: file, bytes: buffer, collector: &collector) else { return }
                let userColumn = try reader.requiredColumn("user_id", collector: &collector)
                let itemColumn = try reader.requiredColumn("item_id", collector: &collector)
                let timeColumn = try reader.requiredColumn("timestamp", collector: &collector)
                let roleColumn = try reader.requiredColumn("role", collector: &collector)
                guard let userColumn, let itemColumn, let timeColumn, let roleColumn else { return }
                while try reader.next(collector: &collector) {
                    let i = roles.count
                    if i >= table.count {
                        try collector.report(.splitRowCount(DataLocation(file: file, line: reader.line), expected: table.count, found: i + 1))
                    }
                    let expectedUser = dataset.userID(table.user[i]), expectedItem = dataset.itemID(table.item[i])
                    let checks: [(Int, String)] = [(userColumn, expectedUser), (itemColumn, expectedItem), (timeColumn, String(table.timestamp[i]))]
                    for (column, expected) in checks where reader.string(column) != expected {
                        try collector.report(.splitMismatch(reader.location(column), expected: "\"\(expected)\" (interaction \(i + 1))", found: "\"\(reader.string(column))\""))
                    }
                    guard let role = Role(name: reader.string(roleColumn)) else {
                        try collector.report(.badRole(reader.location(roleColumn), value: reader.string(roleColumn)))
                        return
                    }
                    roles.append(role)
                }
                if roles.count != table.count {
                    try collector.report(.splitRowCount(DataLocation(file: file), expected: table.count, found: roles.count))
                }
            } catch {}
        }
        if let problem = collector.problems.first { throw problem }
        return try Split(dataset: dataset, roles: roles, file: file)
    }
}
