import Foundation
import Testing
@testable import InterestData

/// The first problem `Dataset.load` reports for `files` (nil if it loads).
func firstProblem(_ files: [String: String]) throws -> DataError? {
    let dir = try makeDatasetFolder(files)
    defer { removeFolder(dir) }
    do {
        _ = try Dataset.load(from: dir)
        return nil
    } catch {
        return error
    }
}

/// `smallFiles` with `file` replaced.
func replacing(_ file: String, with text: String) -> [String: String] {
    var files = smallFiles
    files[file] = text
    return files
}

/// interactions.csv with 15 good rows after the header, then `row` on line 17.
func interactionsWithLine17(_ row: String, header: String = "user_id,item_id,timestamp,rating") -> String {
    header + "\n" + (0..<15).map { "u\($0),n1,\(100 + $0),4\n" }.joined() + row + "\n"
}

@Suite struct LoaderErrorTests {
    @Test func badRatingOnLine17() throws {
        let problem = try firstProblem(replacing("interactions.csv", with: interactionsWithLine17("u9,n2,300,7")))
        #expect(problem == .badRating(DataLocation(file: "interactions.csv", line: 17, column: "rating"), value: "7"))
        #expect(problem?.description == "interactions.csv:17 column rating: rating \"7\" is not an integer from 1 to 5")
    }

    @Test func badSentiment() throws {
        let text = "user_id,item_id,timestamp,sentiment\nu1,n1,1,1\nu1,n2,2,2\n"
        #expect(try firstProblem(replacing("interactions.csv", with: text))
            == .badSentiment(DataLocation(file: "interactions.csv", line: 3, column: "sentiment"), value: "2"))
    }

    @Test func nonIntegerTimestamp() throws {
        let problem = try firstProblem(replacing("interactions.csv", with: interactionsWithLine17("u9,n2,12.5,4")))
        #expect(problem == .badTimestamp(DataLocation(file: "interactions.csv", line: 17, column: "timestamp"), value: "12.5"))
    }

    @Test func bothOrNeitherFeedbackColumn() throws {
        let both = "user_id,item_id,timestamp,rating,sentiment\nu1,n1,1,4,1\n"
        let neither = "user_id,item_id,timestamp\nu1,n1,1\n"
        #expect(try firstProblem(replacing("interactions.csv", with: both)) == .bothRatingAndSentiment(DataLocation(file: "interactions.csv", line: 1)))
        #expect(try firstProblem(replacing("interactions.csv", with: neither)) == .neitherRatingNorSentiment(DataLocation(file: "interactions.csv", line: 1)))
    }

    @Test func unknownSceneOfAnItem() throws {
        let items = "item_id,scene_id,topic\nn1,news,ai\nx1,music,pop\n"
        #expect(try firstProblem(replacing("items.csv", with: items))
            == .unknownScene(DataLocation(file: "items.csv", line: 3, column: "scene_id"), sceneID: "music"))
    }

    @Test func unknownItemOfAnInteraction() throws {
        let problem = try firstProblem(replacing("interactions.csv", with: interactionsWithLine17("u9,zz9,300,4")))
        #expect(problem == .unknownItem(DataLocation(file: "interactions.csv", line: 17, column: "item_id"), itemID: "zz9"))
    }

    @Test func duplicateItemID() throws {
        let items = "item_id,scene_id,topic\nn1,news,ai\nn2,news,ai\n\"n1\",tech,ai\n"
        #expect(try firstProblem(replacing("items.csv", with: items))
            == .duplicateID(DataLocation(file: "items.csv", line: 4, column: "item_id"), id: "n1", firstLine: 2))
    }

    @Test func missingFileAndMissingColumn() throws {
        var files = smallFiles
        files["interactions.csv"] = nil
        #expect(try firstProblem(files) == .missingFile(DataLocation(file: "interactions.csv")))
        let items = "item_id,scene_id,title\nn1,news,x\n"
        #expect(try firstProblem(replacing("items.csv", with: items))
            == .missingColumn(DataLocation(file: "items.csv", line: 1, column: "topic")))
    }

    @Test func emptyFileAndHeaderOnly() throws {
        #expect(try firstProblem(replacing("scenes.csv", with: "")) == .emptyFile(DataLocation(file: "scenes.csv")))
        #expect(try firstProblem(replacing("scenes.csv", with: "scene_id,name\n")) == .noRows(DataLocation(file: "scenes.csv")))
    }

    @Test func invalidUTF8NamesLineAndColumn() throws {
        var bytes = Array("item_id,scene_id,topic,title\nn1,news,ai,ok\nn2,news,ai,bad".utf8)
        bytes += [0xFF, 0x0A]
        var files: [String: [UInt8]] = smallFiles.mapValues { Array($0.utf8) }
        files["items.csv"] = bytes
        let dir = try makeDatasetFolder(bytes: files)
        defer { removeFolder(dir) }
        #expect(throws: DataError.invalidUTF8(DataLocation(file: "items.csv", line: 3, column: "title"))) {
            try Dataset.load(from: dir)
        }
    }

    @Test func unterminatedQuoteNamesTheLineItOpensOn() throws {
        let items = "item_id,scene_id,topic,title\nn1,news,ai,ok\nn2,news,ai,\"never closed\nn3,news,ai,x\n"
        #expect(try firstProblem(replacing("items.csv", with: items))
            == .unterminatedQuote(DataLocation(file: "items.csv", line: 3, column: "title")))
    }

    @Test func wrongFieldCountAndEmptyValue() throws {
        #expect(try firstProblem(replacing("interactions.csv", with: interactionsWithLine17("u9,n2,300")))
            == .wrongFieldCount(DataLocation(file: "interactions.csv", line: 17), expected: 4, found: 3))
        #expect(try firstProblem(replacing("interactions.csv", with: interactionsWithLine17(",n2,300,4")))
            == .emptyValue(DataLocation(file: "interactions.csv", line: 17, column: "user_id")))
    }

    @Test func columnsInAnyOrderWithExtrasAndCRLF() throws {
        var files = smallFiles
        files["interactions.csv"] = "rating,extra,timestamp,item_id,user_id\r\n5,z,100,n1,u1\r\n3,z,50,t1,u2\r\n"
        files["users.csv"] = "city,user_id,name\nParis,u2,Bo\nRome,u3,Cy\n"
        let dir = try makeDatasetFolder(files)
        defer { removeFolder(dir) }
        let d = try Dataset.load(from: dir)
        #expect(d.interactions.timestamp == [100, 50])
        #expect(d.interactions.feedback == [1, 0])
        // u3 only appears in users.csv: indexed after the interacting users.
        #expect(d.users.ids.keys == ["u1", "u2", "u3"])
        #expect(d.users.name == ["", "Bo", "Cy"])
        #expect(d.users.attributeNames == ["city"])
        #expect(d.users.attributes[1] == ["Paris"])
    }

    @Test func validationCollectsEveryProblemUpToTheCap() throws {
        let text = "user_id,item_id,timestamp,rating\nu1,n1,1,9\nu1,zz,2,4\nu1,n2,x,4\nu1,n3,4,4\n"
        let dir = try makeDatasetFolder(replacing("interactions.csv", with: text))
        defer { removeFolder(dir) }
        let all = DatasetValidator.validate(directory: dir, limit: 10)
        #expect(all.dataset == nil)
        #expect(all.problems.map { $0.location?.line } == [2, 3, 4])
        let capped = DatasetValidator.validate(directory: dir, limit: 2)
        #expect(capped.problems.count == 3)
        #expect(capped.problems.last == .tooManyProblems(limit: 2))
    }

    /// truth.json is optional: a problem in it is a warning on the loaded dataset, never a
    /// reason to refuse the data, and it says where in the JSON the problem is.
    @Test func badTruthIsAWarningNotARefusal() throws {
        func load(_ truth: String) throws -> Dataset {
            var files = smallFiles
            files["truth.json"] = truth
            let dir = try makeDatasetFolder(files)
            defer { removeFolder(dir) }
            return try Dataset.load(from: dir)
        }
        let otherScenes = try load("{\"scenes\": [\"news\"], \"transfer\": [[1]]}")
        #expect(otherScenes.truth == nil)
        #expect(otherScenes.truthWarning?.reason.contains("differ from scenes.csv") == true)
        let notJSON = try load("{not json")
        if case .badTruth(let location, _)? = notJSON.truthWarning {
            #expect(location.file == "truth.json")
        } else {
            Issue.record("malformed truth.json gave no warning")
        }
        let missingKey = try load("{\"scenes\": [\"news\", \"tech\"]}")
        #expect(missingKey.truthWarning?.reason.contains("key \"transfer\" is missing at the top level") == true)
        let wrongType = try load("{\"scenes\": [\"news\", \"tech\"], \"transfer\": [[1, 0], [0, \"x\"]]}")
        #expect(wrongType.truthWarning?.reason.contains("transfer[1][1]") == true)
    }

    /// A `generator` object written by another tool is ignored, not a reason to drop the truth.
    @Test func foreignGeneratorMetadataIsIgnored() throws {
        var files = smallFiles
        files["truth.json"] = "{\"scenes\": [\"news\", \"tech\"], \"transfer\": [[0.6, 0.4], [0.3, 0.7]], \"generator\": {\"tool\": \"other\", \"version\": 3}}"
        let dir = try makeDatasetFolder(files)
        defer { removeFolder(dir) }
        let dataset = try Dataset.load(from: dir)
        #expect(dataset.truthWarning == nil)
        #expect(dataset.truth?.transfer == [[0.6, 0.4], [0.3, 0.7]])
        #expect(dataset.truth?.generator == nil)
    }

    @Test func oneMissingFileGivesOneProblemNotOnePerRow() throws {
        var files = smallFiles
        files["scenes.csv"] = nil
        let dir = try makeDatasetFolder(files)
        defer { removeFolder(dir) }
        #expect(DatasetValidator.validate(directory: dir).problems == [.missingFile(DataLocation(file: "scenes.csv"))])
        // An item rejected for its scene is reported once, not again for each interaction naming it.
        var unknownScene = smallFiles
        unknownScene["items.csv"] = "item_id,scene_id,topic\nn1,news,ai\nn2,music,pop\nt1,tech,ai\n"
        unknownScene["interactions.csv"] = "user_id,item_id,timestamp,rating\nu1,n2,1,4\nu1,n2,2,4\nu1,zz,3,4\n"
        let other = try makeDatasetFolder(unknownScene)
        defer { removeFolder(other) }
        #expect(DatasetValidator.validate(directory: other).problems.map(\.description) == [
            "items.csv:3 column scene_id: scene \"music\" is not in scenes.csv",
            "interactions.csv:4 column item_id: item \"zz\" is not in items.csv",
        ])
    }

    @Test func problemsComeInLineOrderAcrossChunksAndQuotedIDsResolve() throws {
        // More rows than one chunk of the interactions reader, with problems of every stage.
        var rows = ["user_id,item_id,timestamp,rating"]
        for k in 0..<5000 { rows.append("\"u\"\"\(k % 97)\",n1,\(k),4") }
        rows[4100] = "u1,n1"            // malformed row (reader stage)
        rows[4200] = "u1,zz,1,4"        // unknown item (lookup stage)
        rows[4300] = "u1,n1,x,4"        // bad timestamp (parse stage)
        rows[10] = "u1,n1,1,0"          // bad rating
        let dir = try makeDatasetFolder(replacing("interactions.csv", with: rows.joined(separator: "\n") + "\n"))
        defer { removeFolder(dir) }
        let lines = DatasetValidator.validate(directory: dir).problems.map { $0.location?.line }
        #expect(lines == [11, 4101, 4201, 4301])
        var good = rows
        for k in [10, 4100, 4200, 4300] { good[k] = "\"u\"\"0\",n1,1,4" }
        let other = try makeDatasetFolder(replacing("interactions.csv", with: good.joined(separator: "\n") + "\n"))
        defer { removeFolder(other) }
        let d = try Dataset.load(from: other)
        #expect(d.userCount == 97)
        #expect(d.userID(0) == "u\"0")
        #expect(d.interactionCount == 5000)
        let expected = good.dropFirst().map { $0.split(separator: ",")[0].dropFirst().dropLast().replacingOccurrences(of: "\"\"", with: "\"") }
        #expect((0..<5000).allSatisfy { d.userID(d.interactions.user[$0]) == expected[$0] })
    }

    @Test func piecesReadInParallelGiveTheSameDatasetAndProblems() throws {
        let files = SyntheticGenerator.generate(GeneratorParameters(seed: 2, users: 150, itemsPerScene: 30, meanInteractionsPerUser: 20))
        let dir = NSTemporaryDirectory() + "mist-pieces-" + UUID().uuidString
        defer { removeFolder(dir) }
        try files.write(to: dir)
        func load(threshold: Int, limit: Int) -> (Dataset?, [DataError]) {
            var loader = DatasetLoader(directory: dir, limit: limit)
            loader.parallelThreshold = threshold
            let d = loader.load()
            return (d, loader.collector.problems)
        }
        // Read whole, then in pieces (a threshold of 0 always cuts when there are two cores).
        let (whole, _) = load(threshold: .max, limit: 1)
        let (pieces, _) = load(threshold: 0, limit: 1)
        let a = try #require(whole), b = try #require(pieces)
        #expect(a.interactions.user == b.interactions.user && a.interactions.item == b.interactions.item)
        #expect(a.interactions.timestamp == b.interactions.timestamp && a.interactions.line == b.interactions.line)
        #expect(a.users.ids.keys == b.users.ids.keys)
        #expect(a.fingerprint == b.fingerprint)
        // Problems near the cuts still come out in line order, each once.
        let text = String(decoding: files.files["interactions.csv"]!, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let bad = [5, lines.count / 4 + 1, lines.count / 2, lines.count / 2 + 1, lines.count - 3]
        for k in bad { lines[k] = "u1,nowhere,1,4" }
        try AtomicFile.write(lines.joined(separator: "\n"), to: dir + "/interactions.csv")
        #expect(load(threshold: 0, limit: 100).1.map { $0.location?.line } == bad.map { $0 + 1 })
        #expect(load(threshold: 0, limit: 1).1.map { $0.location?.line } == [bad[0] + 1])
    }

    @Test func cutsFallOnRowStartsAndCountLines() {
        let text = "a,b\n1,2\n\n3,4\r\n5,6\n7,8\n"
        let bytes = Array(text.utf8)
        let cuts = bytes.withUnsafeBufferPointer { rowBoundaries(in: $0, from: 4, line: 2, parts: 3) }
        for cut in cuts {
            #expect(cut.offset == 4 || bytes[cut.offset - 1] == UInt8(ascii: "\n"))
            let before = bytes[..<cut.offset].filter { $0 == UInt8(ascii: "\n") }.count
            #expect(cut.line == before + 1)
        }
        #expect(cuts.count == 3)
        // A quote anywhere in the rows: one piece.
        let quoted = Array("a,b\n1,\"x\ny\"\n3,4\n".utf8)
        #expect(quoted.withUnsafeBufferPointer { rowBoundaries(in: $0, from: 4, line: 2, parts: 2) }.count == 1)
    }
}

/// Paths, files and outputs of issue 9.
@Suite struct HardeningFileTests {
    @Test func pathPartsHandleOneCharacterNames() {
        #expect(PathParts.split("g") == (".", "g"))
        #expect(PathParts.split("a/b/") == ("a", "b"))
        #expect(PathParts.split("/x") == ("/", "x"))
    }

    @Test func atomicWriteKeepsTheModeAndFollowsALink() throws {
        let dir = try makeDatasetFolder([:])
        defer { removeFolder(dir) }
        FileManager.default.createFile(atPath: dir + "/target.csv", contents: Data("old".utf8), attributes: [.posixPermissions: 0o600])
        try FileManager.default.createSymbolicLink(atPath: dir + "/link.csv", withDestinationPath: "target.csv")
        try AtomicFile.write("new", to: dir + "/link.csv")
        #expect(try String(contentsOfFile: dir + "/target.csv", encoding: .utf8) == "new")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dir + "/link.csv") == "target.csv")
        let mode = try FileManager.default.attributesOfItem(atPath: dir + "/target.csv")[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["link.csv", "target.csv"])
        #expect(throws: DataError.self) { try AtomicFile.write("x", to: dir) }
        #expect(throws: DataError.self) { try AtomicFile.write("x", to: dir + "/missing/file.csv") }
        for folderName in ["", dir + "/", dir + "/new/", "."] {
            #expect(throws: DataError.self) { try AtomicFile.destination(of: folderName) }
        }
    }

    @Test func outputPathGuardCatchesEverySpellingOfAnInput() throws {
        let dir = try makeDatasetFolder(smallFiles)
        defer { removeFolder(dir) }
        try FileManager.default.createSymbolicLink(atPath: dir + "/alias.csv", withDestinationPath: "items.csv")
        for path in [dir + "/items.csv", dir + "/../" + PathParts.split(dir).name + "/items.csv", dir + "/alias.csv"] {
            #expect(throws: DataError.self) { try OutputPathGuard.check(output: path, dataset: dir) }
        }
        try OutputPathGuard.check(output: dir + "/split.csv", dataset: dir)
    }

    /// A row of a million fields costs a counter, not a million stored fields, and is still
    /// reported with its true field count.
    @Test func oneAbsurdRowIsBoundedAndReported() throws {
        var files = smallFiles
        files["interactions.csv"] = "user_id,item_id,timestamp,rating\nu1,n1,100,5\n" + String(repeating: ",", count: 999_999) + "\n"
        #expect(try firstProblem(files) == .wrongFieldCount(DataLocation(file: "interactions.csv", line: 3), expected: 4, found: 1_000_000))
        let bytes = Array(String(repeating: "a,", count: 5000).utf8)
        bytes.withUnsafeBufferPointer { buffer in
            var reader = CSVRecordReader(bytes: buffer)
            var fields: [CSVField] = []
            var line = 0
            #expect((try? reader.nextRecord(into: &fields, recordLine: &line)) == true)
            #expect(fields.count == CSVRecordReader.fieldCap)
            #expect(reader.fieldCount(fields) == 5001)
        }
    }

    @Test func aHugeSplitFileIsRefusedBeforeItIsRead() throws {
        let dir = try makeDatasetFolder(smallFiles)
        defer { removeFolder(dir) }
        let dataset = try Dataset.load(from: dir)
        let path = dir + "/split.csv"
        // Too big for 4 interactions: refused from its size alone.
        FileManager.default.createFile(atPath: path, contents: Data(count: 3 << 20))
        #expect(throws: DataError.unreadableFile(DataLocation(file: "split.csv"), reason: "it is \(3 << 20) bytes, more than a split of 4 interactions can be")) {
            try Split.read(from: path, for: dataset)
        }
    }

    @Test func headerFirstReadsOnlyThePrefixOfAFileWithABadHeader() {
        let prefix = Array(("a,b,c\n" + String(repeating: "1,2,3\n", count: 1000)).utf8)
        #expect(HeaderFirst.inspect(prefix) { $0.contains("timestamp") } == .headerOnly(end: 6))
        #expect(HeaderFirst.inspect(prefix) { $0.contains("a") } == .readAll)
        #expect(HeaderFirst.inspect(Array(String(repeating: "x", count: 100).utf8)) { _ in true } == .headerTooLong)
    }
}
