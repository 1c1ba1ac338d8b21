import Foundation
import InterestData
import InterestModel
import Testing

/// Hostile inputs against the real `mist` binary (issue 9): crafted checkpoints built from the
/// shipped one, absurd parameters, colliding paths, FIFOs, escape sequences and foreign metadata.
/// Every case asserts that mist ends on its own (no signal, no hang: each run has a deadline),
/// that nothing that must not change did, and the message it gives.
@Suite(.serialized) struct HostileInputTests {
    /// Runs `arguments` (with `DATA` replaced by the scratch dataset folder) and checks the
    /// common promises: no crash, no hang, no file changed, a non-zero exit, `message` in the
    /// output and no usage text unless `usage`.
    @discardableResult
    func refuses(_ arguments: [String], in scratch: HostileScratch, saying message: String, usage: Bool = false,
                 seconds: Double = 30, sourceLocation: SourceLocation = #_sourceLocation) throws -> HostileRunner.Outcome {
        let before = scratch.snapshot()
        let outcome = try HostileRunner.mist(arguments.map { $0.replacingOccurrences(of: "DATA", with: scratch.data) },
                                             seconds: seconds, currentDirectory: scratch.root)
        #expect(outcome.signal == nil, "crashed: \(outcome)", sourceLocation: sourceLocation)
        #expect(!outcome.timedOut, "hung: \(outcome)", sourceLocation: sourceLocation)
        #expect(outcome.isCleanRefusal, "\(outcome)", sourceLocation: sourceLocation)
        #expect(outcome.output.contains(message), "expected \"\(message)\" in: \(outcome.output)", sourceLocation: sourceLocation)
        if !usage { #expect(!outcome.output.contains("Usage:"), "usage text: \(outcome.output)", sourceLocation: sourceLocation) }
        #expect(scratch.snapshot() == before, "files changed", sourceLocation: sourceLocation)
        return outcome
    }

    // MARK: crafted checkpoints (the fingerprint matches: only the lists, shapes or values lie)

    static let checkpointCases: [(String, String, @Sendable (inout SafeTensorsFile) throws -> Void)] = [
        ("items cut to 5 with the tensors", "items: 5 in the model, 1206 in the dataset", { f in
            try f.keepIDs("dataset.items", 5); f.keepRows("item_embedding", 5); f.keepRows("item_bias", 5) }),
        ("items cut to 0 with the tensors", "items: 0 in the model", { f in
            try f.keepIDs("dataset.items", 0); f.keepRows("item_embedding", 0); f.keepRows("item_bias", 0) }),
        ("scenes cut to 1 with the tensor", "scenes: 1 in the model, 4 in the dataset", { f in
            try f.keepIDs("dataset.scenes", 1); f.keepRows("scene_embedding", 1) }),
        ("scenes cut to 0, tensors kept", "scenes: 0 in the model", { f in try f.keepIDs("dataset.scenes", 0) }),
        ("topics cut to 0 with the tensor", "topics: 0 in the model, 12 in the dataset", { f in
            try f.keepIDs("dataset.topics", 0); f.keepRows("topic_embedding", 0) }),
        ("dimension 1e9", "dimension must be an integer in 1…1024 (got 1000000000)", { f in try f.setHyperparameter("dimension", 1_000_000_000) }),
        ("dimension 1e5", "dimension must be an integer in 1…1024", { f in try f.setHyperparameter("dimension", 100_000) }),
        ("iterations 1e7", "iterations must be an integer in 1…16", { f in try f.setHyperparameter("iterations", 10_000_000) }),
        ("history length 1e9", "history length must be an integer in 1…1000", { f in try f.setHyperparameter("historyLength", 1_000_000_000) }),
        ("heads 0", "heads must be an integer in 1…64", { f in try f.setHyperparameter("heads", 0) }),
        ("weights 3e38", "beyond ±10000", { f in
            let t = f.tensors["item_embedding"]!
            f.tensors["item_embedding"] = StoredTensor(shape: t.shape, values: [Float](repeating: 3e38, count: t.values.count)) }),
        ("a NaN weight", "NaN or infinite", { f in
            var t = f.tensors["value.weight"]!; t.values[3] = .nan; f.tensors["value.weight"] = t }),
        ("a wrong tensor shape", "has shape [31, 32], expected [32, 32]", { f in f.keepRows("value.weight", 31) }),
        ("a NaN in the item path's table", "tensor \"item_source_embedding\" holds NaN", { f in
            var t = f.tensors["item_source_embedding"]!; t.values[5] = .nan; f.tensors["item_source_embedding"] = t }),
        ("a huge weight in the topic path's table", "tensor \"item_topic_embedding\" value #2 is", { f in
            var t = f.tensors["item_topic_embedding"]!; t.values[1] = 1e20; f.tensors["item_topic_embedding"] = t }),
    ]

    @Test(arguments: 0..<checkpointCases.count)
    func craftedCheckpointIsRefusedByRecommend(_ index: Int) throws {
        let (name, message, edit) = Self.checkpointCases[index]
        let scratch = try HostileScratch()
        let model = try scratch.craftedCheckpoint("crafted-\(index).safetensors", edit)
        try refuses(["recommend", "DATA", "--model", model, "--user", "u0001", "--scene", "news"], in: scratch, saying: message)
        _ = name
    }

    @Test func craftedCheckpointIsRefusedByInspectAndTheExplorerBeforeTheScreenOpens() throws {
        let scratch = try HostileScratch()
        let model = try scratch.craftedCheckpoint("scenes1.safetensors") { f in
            try f.keepIDs("dataset.scenes", 1); f.keepRows("scene_embedding", 1)
        }
        try refuses(["inspect", "DATA", "--model", model, "--user", "u0001", "--scene", "news"], in: scratch, saying: "scenes: 1 in the model")
        try refuses(["explore", "DATA", "--model", model], in: scratch, saying: "cannot open \(model)")
    }

    @Test func damagedCheckpointFiles() throws {
        let scratch = try HostileScratch()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: scratch.shippedModel))
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: scratch.root + "/half.safetensors"))
        // Which tensor is found to fall outside the file first depends on the header's order.
        try refuses(["recommend", "DATA", "--model", "half.safetensors", "--user", "u0001", "--scene", "news"], in: scratch,
                    saying: "half.safetensors: not a valid safetensors file: tensor")
        var huge = Data(bytes.prefix(8)); huge[7] = 0x7f
        try (huge + bytes.dropFirst(8)).write(to: URL(fileURLWithPath: scratch.root + "/huge-header.safetensors"))
        try refuses(["recommend", "DATA", "--model", "huge-header.safetensors", "--user", "u0001", "--scene", "news"], in: scratch, saying: "header length")
    }

    // MARK: paths that are not regular files

    @Test func directoryFIFOAndSymlinkLoopAsModel() throws {
        let scratch = try HostileScratch()
        try refuses(["recommend", "DATA", "--model", "DATA", "--user", "u0001", "--scene", "news"], in: scratch, saying: "it is a directory")
        #expect(mkfifo(scratch.root + "/pipe.safetensors", 0o600) == 0)
        try refuses(["recommend", "DATA", "--model", "pipe.safetensors", "--user", "u0001", "--scene", "news"], in: scratch,
                    saying: "FIFO", seconds: 20)
        try FileManager.default.createSymbolicLink(atPath: scratch.root + "/loop-a", withDestinationPath: "loop-b")
        try FileManager.default.createSymbolicLink(atPath: scratch.root + "/loop-b", withDestinationPath: "loop-a")
        let outcome = try refuses(["recommend", "DATA", "--model", "loop-a", "--user", "u0001", "--scene", "news"], in: scratch,
                                  saying: "symbolic links")
        #expect(!outcome.output.contains("NSCocoaErrorDomain"))
    }

    @Test func fifoAsADatasetFileOrSplitNeverBlocks() throws {
        let scratch = try HostileScratch()
        try FileManager.default.removeItem(atPath: scratch.data + "/users.csv")
        #expect(mkfifo(scratch.data + "/users.csv", 0o600) == 0)
        try refuses(["validate", "DATA"], in: scratch, saying: "users.csv: cannot be read: it is a FIFO (named pipe)", seconds: 20)
        try refuses(["split", "DATA", "--out", "s.csv"], in: scratch, saying: "FIFO", seconds: 20)
        let other = try HostileScratch()
        #expect(mkfifo(other.root + "/split.csv", 0o600) == 0)
        try refuses(["evaluate", "DATA", "--model", other.shippedModel, "--split", "split.csv", "--epochs", "1"], in: other,
                    saying: "FIFO", seconds: 20)
    }

    // MARK: absurd parameters: refused while parsing, with the range

    static let parameterCases: [([String], String)] = [
        (["train", "DATA", "--out", "m.safetensors", "--dimension", "100000000"], "1…1024"),
        (["train", "DATA", "--out", "m.safetensors", "--negatives", "1000000000"], "negatives must be an integer in 1…1000"),
        (["train", "DATA", "--out", "m.safetensors", "--negatives", "1e9"], "negatives must be an integer in 1…1000"),
        (["train", "DATA", "--out", "m.safetensors", "--iterations", "1000000"], "1…16"),
        (["train", "DATA", "--out", "m.safetensors", "--learning-rate", "inf"], "learning rate must be greater than 0"),
        (["train", "DATA", "--out", "m.safetensors", "--learning-rate", "1e39"], "learning rate must be greater than 0"),
        (["train", "DATA", "--out", "m.safetensors", "--learning-rate", "nan"], "learning rate must be greater than 0"),
        (["train", "DATA", "--out", "m.safetensors", "--l2", "inf"], "l2 must be in 0…1000"),
        (["train", "DATA", "--out", "m.safetensors", "--batch-size", "-5"], "batch size must be an integer in 1…65536"),
        (["train", "DATA", "--out", "m.safetensors", "--heads", "3"], "dimension 32 is not a multiple of heads 3"),
        (["train", "DATA", "--out", "m.safetensors", "--beta", "1.5"], "beta must be in 0…1"),
        (["generate", "g", "--users", "1000000000"], "--users must be an integer in 1…1000000"),
        (["generate", "g", "--users", "-5"], "--users must be an integer in 1…1000000 (got -5)"),
        (["generate", "g", "--interactions-per-user", "1e12"], "--interactions-per-user must be greater than 0"),
        (["generate", "g", "--items-per-scene", "1000000000"], "--items-per-scene must be an integer in 1…100000"),
        (["generate", "g", "--scenes", "="], "empty id"),
        (["generate", "g", "--scenes", "a,,b"], "empty id"),
        (["generate", "g", "--exploration", "nan"], "--exploration must be in 0…1"),
        (["recommend", "DATA", "--user", "u0001", "--scene", "news", "-k", "-1"], "-k must be an integer in 1…10000"),
        (["inspect", "DATA", "--user", "u0001", "-k", "1e9"], "-k must be an integer in 1…10000"),
        (["validate", "DATA", "--limit", "-5"], "--limit must be an integer in 1…1000000"),
        (["evaluate", "DATA", "--epochs", "0"], "max epochs must be an integer in 1…10000"),
    ]

    @Test(arguments: 0..<parameterCases.count)
    func absurdParameterIsRefusedWithItsRange(_ index: Int) throws {
        let (arguments, message) = Self.parameterCases[index]
        let scratch = try HostileScratch()
        let outcome = try refuses(arguments, in: scratch, saying: message, usage: true, seconds: 20)
        #expect(outcome.status == 64, "a usage error: \(outcome)")
        #expect(!outcome.output.contains("Missing value"))
        #expect(!FileManager.default.fileExists(atPath: scratch.root + "/g"))
    }

    // MARK: outputs that are inputs, and outputs that cannot be written

    @Test func outputsThatResolveToAnInputAreRefused() throws {
        let scratch = try HostileScratch()
        try refuses(["split", "DATA", "--out", "DATA/interactions.csv"], in: scratch, saying: "it is the dataset's own interactions.csv")
        try refuses(["split", "DATA", "--out", "DATA/../data/scenes.csv"], in: scratch, saying: "it is the dataset's own scenes.csv")
        try FileManager.default.createSymbolicLink(atPath: scratch.root + "/link.csv", withDestinationPath: "data/items.csv")
        try refuses(["split", "DATA", "--out", "link.csv"], in: scratch, saying: "it is the dataset's own items.csv")
        try refuses(["train", "DATA", "--out", "DATA/items.csv"], in: scratch, saying: "it is the dataset's own items.csv")
        try refuses(["train", "DATA", "--out", "link.csv"], in: scratch, saying: "it is the dataset's own items.csv")
    }

    @Test func trainChecksOutBeforeTheFirstStep() throws {
        let scratch = try HostileScratch()
        let missing = try refuses(["train", "DATA", "--out", "no/such/folder/m.safetensors"], in: scratch, saying: "does not exist", seconds: 20)
        #expect(!missing.output.contains("training on"), "checked before training: \(missing.output)")
        try refuses(["train", "DATA", "--out", "DATA"], in: scratch, saying: "it is a directory", seconds: 20)
        if getuid() != 0 {
            try FileManager.default.createDirectory(atPath: scratch.root + "/locked", withIntermediateDirectories: false)
            chmod(scratch.root + "/locked", 0o555)
            try refuses(["train", "DATA", "--out", "locked/m.safetensors"], in: scratch, saying: "not writable (Permission denied)")
        }
    }

    @Test func divergedTrainingWritesNothingAndNamesTheStep() throws {
        let scratch = try HostileScratch()
        let tiny = try scratch.tinyDataset()
        try FileManager.default.copyItem(atPath: scratch.shippedModel, toPath: scratch.root + "/good.safetensors")
        // The run is recorded (as diverged, without a model) outside the scratch folder.
        let runs = NSTemporaryDirectory() + "mist-diverged-runs-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: runs) }
        let outcome = try refuses(["train", tiny, "--out", "good.safetensors", "--learning-rate", "1e30", "--epochs", "2", "--runs", runs],
                                  in: scratch, saying: "training diverged", seconds: 120)
        #expect(outcome.output.contains("step"), "names the step: \(outcome.output)")
        #expect(outcome.output.contains("No checkpoint was written"))
        let recorded = RunStore.list(root: runs)
        #expect(recorded.count == 1 && recorded.first?.record.status == .diverged && recorded.first?.record.hasModel == false)
    }

    @Test func writesKeepModesAndFollowSymlinks() throws {
        let scratch = try HostileScratch()
        try scratch.write("old", to: "private.csv")
        chmod(scratch.root + "/private.csv", 0o600)
        let outcome = try HostileRunner.mist(["split", scratch.data, "--out", "private.csv"], currentDirectory: scratch.root)
        #expect(outcome.status == 0, "\(outcome)")
        var info = stat()
        #expect(stat(scratch.root + "/private.csv", &info) == 0 && info.st_mode & 0o777 == 0o600)
        try FileManager.default.createDirectory(atPath: scratch.root + "/real", withIntermediateDirectories: false)
        try scratch.write("old", to: "real/split.csv")
        try FileManager.default.createSymbolicLink(atPath: scratch.root + "/link.csv", withDestinationPath: "real/split.csv")
        let linked = try HostileRunner.mist(["split", scratch.data, "--out", "link.csv"], currentDirectory: scratch.root)
        #expect(linked.status == 0, "\(linked)")
        #expect(lstat(scratch.root + "/link.csv", &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK, "the link stays a link")
        #expect(try String(contentsOfFile: scratch.root + "/real/split.csv", encoding: .utf8).hasPrefix("user_id,item_id,timestamp,role"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.root + "/real") == ["split.csv"], "no temporary file left")
    }

    @Test func generateOverANonEmptyFolderNeedsForceAndLeavesNoTemporaryFiles() throws {
        let scratch = try HostileScratch()
        try refuses(["generate", "DATA", "--users", "20", "--items-per-scene", "5"], in: scratch, saying: "pass --force")
        let replaced = try HostileRunner.mist(["generate", "g", "--users", "20", "--items-per-scene", "5"], currentDirectory: scratch.root)
        #expect(replaced.status == 0, "\(replaced)")
        let again = try HostileRunner.mist(["generate", "g", "--users", "30", "--items-per-scene", "5", "--force"], currentDirectory: scratch.root)
        #expect(again.status == 0, "\(again)")
        #expect(again.output.contains("30 users"))
        let entries = try FileManager.default.contentsOfDirectory(atPath: scratch.root).filter { $0.hasPrefix(".") }
        #expect(entries.isEmpty, "temporary entries left: \(entries)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.root + "/g").sorted()
                == ["interactions.csv", "items.csv", "scenes.csv", "truth.json", "users.csv"])
    }

    // MARK: big and malformed data files

    @Test func headersAreCheckedFirstAndRowsAreBounded() throws {
        let scratch = try HostileScratch()
        // 4 MB of rows under a header that lacks a column: refused from the header alone.
        let rows = String(repeating: "u1,news-1,1,4\n", count: 300_000)
        try scratch.write("user_id,item_id,when,rating\n" + rows, to: "data/interactions.csv")
        try refuses(["validate", "DATA"], in: scratch, saying: "interactions.csv:1 column timestamp: required column \"timestamp\" is missing")
        let wide = try HostileScratch()
        try wide.write((0..<5000).map { "c\($0)" }.joined(separator: ",") + ",user_id\nu1\n", to: "data/users.csv")
        try refuses(["validate", "DATA"], in: wide, saying: "header has 5001 columns; at most 1024 are allowed")
        let endless = try HostileScratch()
        try endless.write(String(repeating: "x", count: 2 << 20), to: "data/scenes.csv")
        try refuses(["validate", "DATA"], in: endless, saying: "scenes.csv:1: header row is longer than 1024 KiB")
    }

    @Test func carriageReturnOnlyLineEndsGiveOneMessage() throws {
        let scratch = try HostileScratch()
        let text = try String(contentsOfFile: scratch.data + "/items.csv", encoding: .utf8)
        try scratch.write(text.replacingOccurrences(of: "\n", with: "\r"), to: "data/items.csv")
        let outcome = try refuses(["validate", "DATA"], in: scratch, saying: "items.csv:1: lines end with a bare carriage return")
        #expect(!outcome.output.contains("appears twice"))
    }

    @Test func missingFolderAndDataErrorsNameTheFolder() throws {
        let scratch = try HostileScratch()
        let outcome = try refuses(["split", "no-such-folder", "--out", "s.csv"], in: scratch, saying: "no-such-folder: no such dataset folder")
        #expect(!outcome.output.contains("scenes.csv"))
        try scratch.write("user_id,item_id,timestamp,rating\nu1,news-1,1,9\n", to: "data/interactions.csv")
        try refuses(["split", "DATA", "--out", "s.csv"], in: scratch, saying: "\(scratch.data)/interactions.csv:2 column rating")
    }

    // MARK: truth.json is optional

    @Test func foreignOrBrokenTruthIsAWarningNotARefusal() throws {
        let scratch = try HostileScratch()
        var truth = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: scratch.data + "/truth.json"))) as! [String: Any]
        truth["generator"] = ["tool": "someone else", "version": 2]
        try JSONSerialization.data(withJSONObject: truth).write(to: URL(fileURLWithPath: scratch.data + "/truth.json"))
        let split = try HostileRunner.mist(["split", scratch.data, "--out", "s.csv"], currentDirectory: scratch.root)
        #expect(split.status == 0, "\(split)")
        try scratch.write("{\"scenes\": [\"news\", \"tech\", \"entertainment\", \"sports\"], \"generator\": {}}", to: "data/truth.json")
        let validate = try HostileRunner.mist(["validate", scratch.data], currentDirectory: scratch.root)
        #expect(validate.status == 0, "\(validate)")
        #expect(validate.output.contains("warning: truth.json: truth is malformed: key \"transfer\" is missing at the top level"))
    }

    // MARK: terminal escape sequences in data

    @Test func escapeSequencesInIdsAndTitlesAreNeutralised() throws {
        let scratch = try HostileScratch()
        // Titles are not part of the fingerprint, so the shipped model still applies.
        var items = try String(contentsOfFile: scratch.data + "/items.csv", encoding: .utf8)
        items = items.replacingOccurrences(of: "news weekly: summit update #1", with: "\"\u{1B}]0;pwned\u{07}\u{1B}[2J\rsummit\"")
        items = items.replacingOccurrences(of: " #", with: " \u{1B}]0;pwned\u{07}\u{1B}[2J#")
        try scratch.write(items, to: "data/items.csv")
        for arguments in [["recommend", scratch.data, "--user", "u0508", "--scene", "news", "-k", "300"],
                          ["inspect", scratch.data, "--user", "u0508", "--scene", "news", "-k", "300"]] {
            let outcome = try HostileRunner.mist(arguments, currentDirectory: scratch.root)
            #expect(outcome.status == 0, "\(outcome)")
            if arguments[0] == "recommend" { #expect(outcome.output.contains("pwned"), "titles are listed: \(outcome.output.prefix(400))") }
            #expect(!outcome.output.contains("\u{1B}") && !outcome.output.contains("\r") && !outcome.output.contains("\u{07}"))
            let json = try HostileRunner.mist(arguments + ["--json"], currentDirectory: scratch.root)
            #expect(json.status == 0)
            #expect(json.output.contains("\\u001b") || json.output.contains("\\u001B"), "JSON escapes ESC")
            #expect((try? JSONSerialization.jsonObject(with: Data(json.output.utf8))) != nil, "valid JSON")
        }
        var broken = try String(contentsOfFile: scratch.data + "/interactions.csv", encoding: .utf8)
        broken += "u1,\u{1B}]0;title\u{07}nope,1,4\n"
        try scratch.write(broken, to: "data/interactions.csv")
        let validate = try refuses(["validate", "DATA"], in: scratch, saying: "is not in items.csv")
        #expect(!validate.output.contains("\u{1B}") && !validate.output.contains("\u{07}"))
    }

    @Test func errorMessagesQuotingDataNeutraliseEscapes() throws {
        let scratch = try HostileScratch()
        var users = try String(contentsOfFile: scratch.data + "/users.csv", encoding: .utf8)
        users += "u0001,\u{1B}]0;dup\u{07},x,2020\n"  // a duplicate id: the load error quotes it
        try scratch.write(users.replacingOccurrences(of: "u0001,", with: "\u{1B}[2Ju0001,"), to: "data/users.csv")
        let outcome = try refuses(["split", "DATA", "--out", "s.csv"], in: scratch, saying: "already appears on line")
        #expect(!outcome.output.contains("\u{1B}"), "\(outcome.output)")
        let clean = try HostileScratch()
        let noUser = try refuses(["recommend", "DATA", "--user", "\u{1B}]0;x\u{07}", "--scene", "news"], in: clean, saying: "no user")
        #expect(!noUser.output.contains("\u{1B}") && !noUser.output.contains("\u{07}"))
    }

    @Test func jsonSummariesSurviveQuotesInPaths() throws {
        let scratch = try HostileScratch()
        let generated = try HostileRunner.mist(["generate", "we\"ird", "--users", "20", "--items-per-scene", "5", "--json"], currentDirectory: scratch.root)
        #expect(generated.status == 0, "\(generated)")
        let object = try JSONSerialization.jsonObject(with: Data(generated.output.utf8)) as? [String: Any]
        #expect(object?["out"] as? String == "we\"ird")
        let split = try HostileRunner.mist(["split", "we\"ird", "--out", "s\"plit.csv", "--json"], currentDirectory: scratch.root)
        #expect(split.status == 0, "\(split)")
        let splitObject = try JSONSerialization.jsonObject(with: Data(split.output.utf8)) as? [String: Any]
        #expect(splitObject?["out"] as? String == "s\"plit.csv")
    }
}
