import Foundation

/// Loads a dataset folder (MODEL-SPEC, Files). `Dataset.load(from:)` stops at the first problem;
/// `DatasetValidator` runs the same code and collects every problem up to a cap.
struct DatasetLoader {
    let directory: String
    var collector: ProblemCollector

    private var scenes: [Scene] = []
    private var sceneIDs = ByteInterner()
    private var sceneLines: [Int] = []
    var itemIDs = ByteInterner()
    private var itemLines: [Int] = []
    private var itemScene: [Int32] = []
    private var itemTopic: [Int32] = []
    private var itemTitle: [String] = []
    private var topics = ByteInterner()
    var userIDs = ByteInterner()
    /// Whether scenes.csv and items.csv could be read at all: when not, references to them are not
    /// checked, so one missing file gives one message rather than one per row.
    private var scenesReadable = false
    var itemsReadable = false
    /// Ids of items whose rows were rejected: interactions naming them are skipped quietly, their
    /// problem having been reported once already.
    var rejectedItems = ByteInterner()
    var interactions = InteractionTable(user: [], item: [], timestamp: [], feedback: [], line: [])
    /// Why truth.json could not be used (a warning, not a problem).
    private var truthWarning: DataError?

    /// interactions.csv files smaller than this many bytes are read on one thread.
    var parallelThreshold = 4 << 20

    init(directory: String, limit: Int) {
        self.directory = directory
        collector = ProblemCollector(limit: limit)
    }

    /// Reads every file; returns the dataset only when no problem was found.
    mutating func load() -> Dataset? {
        do {
            guard try checkFolder() else { return nil }
            try loadScenes()
            try loadItems()
            try loadInteractions()
            let users = try loadUsers()
            let truth = loadTruth()
            guard collector.isEmpty else { return nil }
            let items = ItemTable(ids: itemIDs, scene: itemScene, topic: itemTopic, title: itemTitle)
            var dataset = Dataset(scenes: scenes, topics: topics.keys, items: items, users: users,
                                  interactions: interactions, truth: truth)
            dataset.truthWarning = truthWarning
            return dataset
        } catch {
            return nil
        }
    }

    // MARK: files

    /// The bytes of `name`, or nil (reporting it missing when `required`).
    /// `header`, when given, is asked about the header found in the file's first bytes before a
    /// big file is read whole (see `HeaderFirst`).
    private mutating func contents(of name: String, required: Bool,
                                   header: (([String]) -> Bool)? = nil) throws(ProblemCollector.Stop) -> [UInt8]? {
        let path = PathParts.join(directory, name)
        if let header, case .success(let prefix) = FileBytes.read(path, prefix: HeaderFirst.prefixBytes),
           prefix.count == HeaderFirst.prefixBytes {
            switch HeaderFirst.inspect(prefix, accepts: header) {
            case .readAll: break
            case .headerTooLong:
                try collector.report(.headerTooLong(DataLocation(file: name, line: 1), limit: HeaderFirst.prefixBytes))
                return nil
            case .headerOnly(let end):
                return Array(prefix[..<end])
            }
        }
        switch FileBytes.read(path) {
        case .success(let bytes):
            return bytes
        case .failure(.missing):
            if required { try collector.report(.missingFile(DataLocation(file: name))) }
            return nil
        case .failure(.directory):
            try collector.report(.unreadableFile(DataLocation(file: name), reason: "it is a directory"))
            return nil
        case .failure(.unreadable(let reason)):
            try collector.report(.unreadableFile(DataLocation(file: name), reason: reason))
            return nil
        }
    }

    /// Runs `body` over a CSV file's table reader, if the file exists and has a header.
    mutating func withTable(_ name: String, required: Bool, header: (([String]) -> Bool)? = nil,
                                    _ body: (inout CSVTableReader, inout DatasetLoader) throws(ProblemCollector.Stop) -> Void) throws(ProblemCollector.Stop) {
        guard let bytes = try contents(of: name, required: required, header: header) else { return }
        var failure: ProblemCollector.Stop?
        bytes.withUnsafeBufferPointer { buffer in
            do throws(ProblemCollector.Stop) {
                guard var table = try CSVTableReader(file: name, bytes: buffer, collector: &collector) else { return }
                try body(&table, &self)
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
    }

    private mutating func loadScenes() throws(ProblemCollector.Stop) {
        try withTable("scenes.csv", required: true, header: { $0.contains("scene_id") && $0.contains("name") }) { table, loader throws(ProblemCollector.Stop) in
            let idColumn = try table.requiredColumn("scene_id", collector: &loader.collector)
            let nameColumn = try table.requiredColumn("name", collector: &loader.collector)
            guard let idColumn, let nameColumn else { return }
            loader.scenesReadable = true
            while try table.next(collector: &loader.collector) {
                guard try loader.checkNotEmpty(table, idColumn) else { continue }
                let (index, inserted) = table.withBytes(idColumn) { loader.sceneIDs.intern($0) }
                if !inserted {
                    try loader.collector.report(.duplicateID(table.location(idColumn), id: table.string(idColumn), firstLine: loader.sceneLines[Int(index)]))
                    continue
                }
                loader.sceneLines.append(table.line)
                loader.scenes.append(Scene(id: table.string(idColumn), name: table.string(nameColumn)))
            }
            if table.rowCount == 0 { try loader.collector.report(.noRows(DataLocation(file: table.file))) }
        }
    }

    private mutating func loadItems() throws(ProblemCollector.Stop) {
        try withTable("items.csv", required: true, header: { ["item_id", "scene_id", "topic"].allSatisfy($0.contains) }) { table, loader throws(ProblemCollector.Stop) in
            let idColumn = try table.requiredColumn("item_id", collector: &loader.collector)
            let sceneColumn = try table.requiredColumn("scene_id", collector: &loader.collector)
            let topicColumn = try table.requiredColumn("topic", collector: &loader.collector)
            let titleColumn = table.column("title")
            guard let idColumn, let sceneColumn, let topicColumn else { return }
            loader.itemsReadable = true
            while try table.next(collector: &loader.collector) {
                guard try loader.checkNotEmpty(table, idColumn) else { continue }
                guard try loader.checkNotEmpty(table, sceneColumn), try loader.checkNotEmpty(table, topicColumn) else {
                    table.withBytes(idColumn) { _ = loader.rejectedItems.intern($0) }
                    continue
                }
                guard let scene = table.withBytes(sceneColumn, { loader.sceneIDs.index(of: $0) }) else {
                    table.withBytes(idColumn) { _ = loader.rejectedItems.intern($0) }
                    if loader.scenesReadable {
                        try loader.collector.report(.unknownScene(table.location(sceneColumn), sceneID: table.string(sceneColumn)))
                    }
                    continue
                }
                let (index, inserted) = table.withBytes(idColumn) { loader.itemIDs.intern($0) }
                if !inserted {
                    try loader.collector.report(.duplicateID(table.location(idColumn), id: table.string(idColumn), firstLine: loader.itemLines[Int(index)]))
                    continue
                }
                loader.itemLines.append(table.line)
                loader.itemScene.append(scene)
                loader.itemTopic.append(table.withBytes(topicColumn) { loader.topics.intern($0).index })
                loader.itemTitle.append(titleColumn.map { table.string($0) } ?? "")
            }
            if table.rowCount == 0 { try loader.collector.report(.noRows(DataLocation(file: table.file))) }
        }
    }

    /// users.csv is optional; users it lists that never interact are appended after the others.
    private mutating func loadUsers() throws(ProblemCollector.Stop) -> UserTable {
        var names: [String] = Array(repeating: "", count: userIDs.count)
        var attributeNames: [String] = []
        var attributes: [[String]] = []
        var seenLine: [Int32: Int] = [:]
        try withTable("users.csv", required: false, header: { $0.contains("user_id") }) { table, loader throws(ProblemCollector.Stop) in
            guard let idColumn = try table.requiredColumn("user_id", collector: &loader.collector) else { return }
            let nameColumn = table.column("name")
            let attributeColumns = table.header.indices.filter { $0 != idColumn && $0 != nameColumn }
            attributeNames = attributeColumns.map { table.header[$0] }
            attributes = Array(repeating: Array(repeating: "", count: attributeColumns.count), count: loader.userIDs.count)
            while try table.next(collector: &loader.collector) {
                guard try loader.checkNotEmpty(table, idColumn) else { continue }
                let (user, inserted) = table.withBytes(idColumn) { loader.userIDs.intern($0) }
                if !inserted, let first = seenLine[user] {
                    try loader.collector.report(.duplicateID(table.location(idColumn), id: table.string(idColumn), firstLine: first))
                    continue
                }
                seenLine[user] = table.line
                if inserted {
                    names.append("")
                    attributes.append(Array(repeating: "", count: attributeColumns.count))
                }
                if let nameColumn { names[Int(user)] = table.string(nameColumn) }
                for (k, column) in attributeColumns.enumerated() { attributes[Int(user)][k] = table.string(column) }
            }
        }
        if attributes.count < userIDs.count { attributes = Array(repeating: [], count: userIDs.count) }
        return UserTable(ids: userIDs, name: names, attributeNames: attributeNames, attributes: attributes)
    }

    /// The dataset folder exists and is a folder (else one message naming it, not "scenes.csv is
    /// missing").
    private mutating func checkFolder() throws(ProblemCollector.Stop) -> Bool {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) else {
            try collector.report(.missingFolder(DataLocation(file: directory)))
            return false
        }
        guard isDirectory.boolValue else {
            try collector.report(.notAFolder(DataLocation(file: directory)))
            return false
        }
        return true
    }

    /// truth.json is optional: what is wrong with it becomes `truthWarning`, never a problem.
    private mutating func loadTruth() -> Truth? {
        let location = DataLocation(file: "truth.json")
        let bytes: [UInt8]
        switch FileBytes.read(PathParts.join(directory, "truth.json")) {
        case .success(let read): bytes = read
        case .failure(.missing): return nil
        case .failure(.directory): truthWarning = .unreadableFile(location, reason: "it is a directory"); return nil
        case .failure(.unreadable(let reason)): truthWarning = .unreadableFile(location, reason: reason); return nil
        }
        let truth: Truth
        do {
            truth = try JSONDecoder().decode(Truth.self, from: Data(bytes))
        } catch {
            truthWarning = .badTruth(location, reason: Self.describe(error))
            return nil
        }
        if let problem = truth.mismatch(with: scenes) {
            truthWarning = .badTruth(location, reason: problem)
            return nil
        }
        return truth
    }

    mutating func checkNotEmpty(_ table: CSVTableReader, _ column: Int) throws(ProblemCollector.Stop) -> Bool {
        if !table.isEmpty(column) { return true }
        try collector.report(.emptyValue(table.location(column)))
        return false
    }

    /// A decoding error with where in the JSON it is ("generator.seed", "transfer[2]").
    static func describe(_ error: Error) -> String {
        func path(_ keys: [CodingKey]) -> String {
            var text = ""
            for key in keys {
                if let index = key.intValue { text += "[\(index)]" } else { text += (text.isEmpty ? "" : ".") + key.stringValue }
            }
            return text
        }
        switch error {
        case DecodingError.dataCorrupted(let context):
            let at = path(context.codingPath)
            return (at.isEmpty ? "" : "\(at): ") + context.debugDescription
        case DecodingError.keyNotFound(let key, let context):
            let at = path(context.codingPath)
            return "key \"\(key.stringValue)\" is missing " + (at.isEmpty ? "at the top level" : "in \(at)")
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "\(path(context.codingPath)): \(context.debugDescription)"
        default: return "\(error)"
        }
    }
}

extension Truth {
    /// Why this truth does not fit the dataset's scenes, or nil when it does.
    func mismatch(with scenes: [Scene]) -> String? {
        if self.scenes != scenes.map(\.id) {
            return "scenes \(self.scenes) differ from scenes.csv \(scenes.map(\.id))"
        }
        if transfer.count != scenes.count || transfer.contains(where: { $0.count != scenes.count }) {
            return "transfer must be a \(scenes.count)×\(scenes.count) matrix"
        }
        for (t, row) in transfer.enumerated() {
            if let s = row.firstIndex(where: { !($0 >= 0 && $0 <= 1) }) {
                return "transfer[\(t)][\(s)] is \(row[s]); every weight must be from 0 to 1"
            }
        }
        return nil
    }
}

extension Dataset {
    /// Loads the dataset folder at `directory`; throws the first `DataError` found.
    /// `parallel: false` reads everything on the calling thread; by default a big interactions.csv
    /// is read on all cores.
    public static func load(from directory: String, parallel: Bool = true) throws(DataError) -> Dataset {
        var loader = DatasetLoader(directory: directory, limit: 1)
        if !parallel { loader.parallelThreshold = .max }
        if let dataset = loader.load() { return dataset }
        throw loader.collector.problems.first ?? .missingFile(DataLocation(file: directory))
    }
}

/// Checks a dataset folder, collecting every problem (up to `limit`) instead of stopping at one.
public enum DatasetValidator {
    /// The problems found (a final `.tooManyProblems` when the cap was reached) and, when there
    /// were none, the loaded dataset.
    public static func validate(directory: String, limit: Int = 100) -> (problems: [DataError], dataset: Dataset?) {
        var loader = DatasetLoader(directory: directory, limit: limit)
        let dataset = loader.load()
        var problems = loader.collector.problems
        if problems.count >= limit { problems.append(.tooManyProblems(limit: limit)) }
        return (problems, dataset)
    }
}
