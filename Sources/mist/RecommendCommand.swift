import ArgumentParser
import Foundation
import InterestData
import InterestModel

/// Options naming a trained model and one user, shared by `recommend` and `inspect`.
struct UserModelOptions: ParsableArguments {
    @Option(help: "Checkpoint from `mist train` (default: DATA/model.safetensors).")
    var model: String?

    @Option(help: "User id.")
    var user: String

    /// Loads the dataset, the model, the user's index and their profile: every interaction of the
    /// user (no split applies here).
    func load(_ data: DatasetFolder) throws -> (Dataset, TransferModel, Int, profile: [Int32]) {
        try Self.load(data, model: model, user: user)
    }

    static func load(_ data: DatasetFolder, model: String?, user: String) throws -> (Dataset, TransferModel, Int, profile: [Int32]) {
        let (dataset, loaded) = try loadModel(data, model: model)
        guard let u = dataset.userIndex(id: user) else { throw LookupError.noUser(user, dataset: data.data) }
        return (dataset, loaded, Int(u), loaded.profile(ofUser: Int(u), in: dataset, split: nil))
    }

    /// The dataset and the model (`model`, or DATA/model.safetensors).
    static func loadModel(_ data: DatasetFolder, model: String?) throws -> (Dataset, TransferModel) {
        let dataset = try data.loadDataset()
        let path = model ?? URL(fileURLWithPath: data.data).appendingPathComponent("model.safetensors").path
        let (loaded, _) = try Checkpoint.load(from: URL(fileURLWithPath: path), dataset: dataset)
        return (dataset, loaded)
    }

    static func scene(_ id: String, in dataset: Dataset) throws -> Int {
        guard let s = dataset.sceneIndex(id: id) else { throw LookupError.noScene(id, known: dataset.scenes.map(\.id)) }
        return Int(s)
    }
}

/// A what-if file that cannot be read or applied.
struct WhatIfFileError: Error, CustomStringConvertible {
    var path: String
    var error: WhatIfError
    var description: String { "\(path): \(error)" }
}

/// A user or scene named on the command line that the dataset does not have.
enum LookupError: Error, CustomStringConvertible {
    case noUser(String, dataset: String)
    case noScene(String, known: [String])

    var description: String {
        switch self {
        case let .noUser(id, dataset): return "no user \"\(id)\" in \(dataset)"
        case let .noScene(id, known): return "no scene \"\(id)\"; scenes are \(known.joined(separator: ", "))"
        }
    }
}

/// JSON helpers shared by the model commands.
enum JSONOutput {
    static func print(_ value: Any) throws {
        let data = try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes])
        Swift.print(String(decoding: data, as: UTF8.self))
    }

    static func item(_ scored: ScoredItem, rank: Int, dataset: Dataset) -> [String: Any] {
        var shares: [String: Any] = [:]
        for (s, share) in scored.shares.enumerated() { shares[dataset.scenes[s].id] = Double(share) }
        return ["rank": rank, "item": dataset.itemID(Int32(scored.item)), "title": dataset.items.title[scored.item],
                "topic": dataset.topics[Int(dataset.items.topic[scored.item])],
                "score": Double(scored.score), "bias": Double(scored.bias), "shares": shares]
    }
}

/// `mist recommend --user U --scene T -k 10 [--json]`: the top items of a scene for a user, with
/// each source scene's share of every score.
struct RecommendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recommend", abstract: "Recommend items of one scene for one user, with each source scene's share of the score.",
        discussion: "The user is described by all of their interactions in the dataset (no train/test split applies); items they already have in the scene are not recommended.")

    @OptionGroup var data: DatasetFolder
    @OptionGroup var target: UserModelOptions

    @Option(help: "Target scene id.")
    var scene: String

    @Option(name: .short, parsing: .unconditional, help: "How many items (1…10000).", transform: Bounded.integer(OptionLimits.k))
    var k = 10

    @Flag(help: "Print JSON.")
    var json = false

    @Option(help: ArgumentHelp("Edits of the user's history to try, never written into the dataset (JSON, docs/COHORTS.md): the recommendations after them, with each item's rank before.",
                               valueName: "edits.json"))
    var whatIf: String?

    func run() async throws {
        let (dataset, model, _, profile) = try target.load(data)
        let t = try UserModelOptions.scene(scene, in: dataset)
        let original = model.events(of: profile, in: dataset)
        var events = original
        var before: TransferTrace?
        if let whatIf {
            let bytes: [UInt8]
            switch FileBytes.read(whatIf) {
            case .success(let read): bytes = read
            case .failure(.missing): throw WhatIfFileError(path: whatIf, error: WhatIfError(edit: 0, reason: "no such file"))
            case .failure(.directory): throw WhatIfFileError(path: whatIf, error: WhatIfError(edit: 0, reason: "is a directory, not a file"))
            case .failure(.unreadable(let why)): throw WhatIfFileError(path: whatIf, error: WhatIfError(edit: 0, reason: why))
            }
            do throws(WhatIfError) {
                events = try WhatIfEdit.apply(try WhatIfEdit.parse(Data(bytes), in: dataset), to: original, in: dataset)
            } catch {
                throw WhatIfFileError(path: whatIf, error: error)
            }
            before = model.traceTransfer(events: original, target: t, count: k, in: dataset)
        }
        let trace = model.traceTransfer(events: events, target: t, count: k, in: dataset)
        try FiniteScores.check(trace.recommendations, model: target.model ?? "the model")
        let s = dataset.sceneCount
        let row = Array(trace.transferMatrix[(t * s)..<((t + 1) * s)])
        if json {
            var weights: [String: Any] = [:]
            for (i, w) in row.enumerated() { weights[dataset.scenes[i].id] = Double(w) }
            var result: [String: Any] = [
                "user": target.user, "scene": scene, "transfer_weights": weights, "has_history": !events.isEmpty,
                "items": trace.recommendations.enumerated().map { JSONOutput.item($1, rank: $0 + 1, dataset: dataset) },
            ]
            if let before {
                // Each item's rank before the edits (null: it was not in the top k), and the items that left.
                let earlier = Dictionary(uniqueKeysWithValues: before.recommendations.enumerated().map { ($1.item, $0 + 1) })
                result["items"] = trace.recommendations.enumerated().map { rank, item in
                    var row = JSONOutput.item(item, rank: rank + 1, dataset: dataset)
                    row["rank_before"] = earlier[item.item] ?? NSNull()
                    return row
                }
                result["before"] = before.recommendations.enumerated().map { JSONOutput.item($1, rank: $0 + 1, dataset: dataset) }
                let beforeRow = Array(before.transferMatrix[(t * s)..<((t + 1) * s)])
                result["transfer_weights_before"] = Dictionary(uniqueKeysWithValues: beforeRow.enumerated().map { (dataset.scenes[$0].id, Double($1)) })
            }
            try JSONOutput.print(result)
            return
        }
        if events.isEmpty {
            // No interest in any scene: every share is 0 and only the item biases rank.
            printText("user \(target.user) → \(dataset.scenes[t].name) (\(scene)); no history: ranked by item bias (popularity) alone")
        } else {
            printText("user \(target.user) → \(dataset.scenes[t].name) (\(scene)); transfer weights M[\(scene)]: "
                  + row.enumerated().map { "\(dataset.scenes[$0].id) \(String(format: "%.3f", $1))" }.joined(separator: ", "))
        }
        let header = ["rank", "item", "score", "bias"] + dataset.scenes.map(\.id)
        printText(header.map { $0.padding(toLength: max(8, $0.count), withPad: " ", startingAt: 0) }.joined(separator: " ") + " title")
        for (rank, item) in trace.recommendations.enumerated() {
            var cells = [String(rank + 1), dataset.itemID(Int32(item.item)), String(format: "%.4f", item.score), String(format: "%.4f", item.bias)]
            cells += item.shares.map { String(format: "%+.4f", $0) }
            let padded = zip(header, cells).map { $1.padding(toLength: max(8, $0.count, $1.count), withPad: " ", startingAt: 0) }
            printText(padded.joined(separator: " ") + " " + dataset.items.title[item.item])
        }
    }
}
