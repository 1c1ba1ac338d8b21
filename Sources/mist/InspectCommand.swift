import ArgumentParser
import Foundation
import InterestData
import InterestModel

/// `mist inspect --user U [--scene T] --json`: everything the explorer shows about one user;
/// `mist inspect --cohort EXPR [--compare EXPR] --json`: a cohort's average attention, or two
/// cohorts side by side with their difference.
struct InspectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect", abstract: "Show a user's interest layers, attention views and (for --scene) the graph transfer step by step, or a cohort's average attention.",
        discussion: "Users are described by all of their interactions in the dataset (no train/test split applies). Cohort expressions: docs/COHORTS.md.")

    @OptionGroup var data: DatasetFolder

    @Option(help: "Checkpoint from `mist train` (default: DATA/model.safetensors).")
    var model: String?

    @Option(help: "User id.")
    var user: String?

    @Option(help: ArgumentHelp("A cohort expression, e.g. \"city = 杭州 Hangzhou and inactive in 新闻\": its users' average attention.", valueName: "expression"))
    var cohort: String?

    @Option(help: ArgumentHelp("A second cohort expression: both averages, A − B, and the cells that differ beyond bootstrap noise.", valueName: "expression"))
    var compare: String?

    @Option(parsing: .unconditional, help: "Bootstrap resamples for --compare (10…10000).", transform: Bounded.integer(OptionLimits.resamples))
    var resamples = 200

    @Option(help: "Target scene id: add the transfer into it, iteration by iteration.")
    var scene: String?

    @Option(name: .short, parsing: .unconditional, help: "Items per iteration in the transfer trace (1…10000).", transform: Bounded.integer(OptionLimits.k))
    var k = 10

    @Flag(help: "Print JSON.")
    var json = false

    /// Where the named cohorts (`@name`) are kept: `<runs root>/cohorts.json`.
    @OptionGroup var location: RunsLocation

    func validate() throws {
        guard (user == nil) != (cohort == nil) else { throw ValidationError("give either --user or --cohort") }
        if compare != nil && cohort == nil { throw ValidationError("--compare needs --cohort") }
        if scene != nil && user == nil { throw ValidationError("--scene traces one user's transfer: it needs --user") }
    }

    func run() async throws {
        if let cohort {
            let (dataset, model) = try UserModelOptions.loadModel(data, model: self.model)
            // `@name` stands for a saved cohort (docs/COHORTS.md, "Named cohorts").
            // The file is read only when a name is used: a damaged one never blocks a plain expression.
            let path = NamedCohorts.path(root: location.root(for: data.data))
            let usesNames = ([cohort] + (compare.map { [$0] } ?? [])).contains { $0.trimmingCharacters(in: .whitespaces).hasPrefix("@") }
            let named = usesNames ? try NamedCohorts.load(path: path) : NamedCohorts()
            try CohortReport(dataset: dataset, model: model, expression: try named.resolve(cohort, path: path),
                             other: try compare.map { try named.resolve($0, path: path) }, resamples: resamples).print(json: json)
            return
        }
        let user = self.user!
        let (dataset, model, u, profile) = try UserModelOptions.load(data, model: self.model, user: user)
        let explanation = model.explain(user: u, interactions: profile, in: dataset)
        let ids = dataset.scenes.map(\.id)
        let s = dataset.sceneCount
        func matrix(_ m: [Float]) -> [[Double]] { (0..<s).map { t in (0..<s).map { Double(m[t * s + $0]) } } }
        func vector(_ v: [Float]) -> [Double] { v.map(Double.init) }
        var scenes: [[String: Any]] = []
        let events = model.events(of: profile, in: dataset)
        for interest in explanation.scenes {
            var shares: [String: Any] = [:]
            for (c, p) in interest.topicShares.enumerated() where p > 0 { shares[dataset.topics[c]] = Double(p) }
            // A scene without history: what the transfer infers there, marked as inferred.
            let inferred: Any = interest.isActive ? NSNull() : { () -> [String: Any] in
                let guess = model.inferredInterest(events: events, scene: interest.scene, count: k, in: dataset)
                return ["from": "inferred from other scenes", "sampled_items": guess.sampled,
                        "topic_shares": Dictionary(uniqueKeysWithValues: guess.topicShares.map { (dataset.topics[$0.topic], $0.share) }),
                        "top_items": guess.topItems.enumerated().map { JSONOutput.item($1, rank: $0 + 1, dataset: dataset) }]
            }()
            scenes.append([
                "scene": ids[interest.scene], "name": dataset.scenes[interest.scene].name, "active": interest.isActive,
                "topic_shares": shares,
                "recent": interest.recent.map { ["item": dataset.itemID($0.item), "title": dataset.items.title[Int($0.item)], "sentiment": Int($0.feedback)] },
                "sentiment_counts": ["negative": interest.sentimentCounts[0], "neutral": interest.sentimentCounts[1], "positive": interest.sentimentCounts[2]],
                "topic_layer": vector(interest.topicLayer), "content_layer": vector(interest.contentLayer),
                "sentiment_layer": vector(interest.sentimentLayer), "interest": vector(interest.interest),
                "inferred": inferred,
            ])
        }
        let a = explanation.attention
        var result: [String: Any] = [
            "user": user, "scenes": scenes, "scene_ids": ids,
            "attention": ["heads": a.heads.map(matrix), "average": matrix(a.average), "off_diagonal": matrix(a.offDiagonal),
                          "hidden_target": matrix(a.hiddenTarget), "hidden_target_heads": a.hiddenTargetHeads.map(matrix)],
        ]
        var trace: TransferTrace?
        if let scene {
            let t = try UserModelOptions.scene(scene, in: dataset)
            let traced = model.traceTransfer(interactions: profile, target: t, count: k, in: dataset)
            try FiniteScores.check(traced.recommendations, model: self.model ?? "the model")
            trace = traced
            let d = model.dimension
            result["transfer"] = [
                "target": scene, "matrix": matrix(traced.transferMatrix),
                "states": traced.states.map { state in (0..<s).map { node in vector(Array(state[(node * d)..<((node + 1) * d)])) } },
                "change": traced.change.map(vector),
                "top_items_by_iteration": traced.topItemsByIteration.map { items in
                    items.enumerated().map { JSONOutput.item($1, rank: $0 + 1, dataset: dataset) }
                },
            ]
        }
        if json { try JSONOutput.print(result); return }
        printText("user \(user)")
        for interest in explanation.scenes {
            let name = dataset.scenes[interest.scene].name
            guard interest.isActive else {
                let guess = model.inferredInterest(events: events, scene: interest.scene, count: 3, in: dataset)
                let topics = guess.topicShares.prefix(3).map { "\(dataset.topics[$0.topic]) \(Int(($0.share * 100).rounded()))%" }.joined(separator: ", ")
                let items = guess.topItems.map { dataset.items.title[$0.item] }.joined(separator: "; ")
                printText("  \(name): no history; inferred from other scenes: topics \(topics); top items \(items)")
                continue
            }
            let topics = interest.topicShares.enumerated().filter { $0.element > 0 }.sorted { $0.element > $1.element }
                .prefix(3).map { "\(dataset.topics[$0.offset]) \(Int(($0.element * 100).rounded()))%" }.joined(separator: ", ")
            let c = interest.sentimentCounts
            printText("  \(name): \(interest.recent.count) recent (−\(c[0]) ·\(c[1]) +\(c[2])); topics \(topics)")
        }
        for (title, m) in [("attention (rows = target)", a.average), ("off-diagonal", a.offDiagonal), ("hidden target", a.hiddenTarget)] {
            printText(title + ":")
            MatrixText.lines(m, sceneIDs: ids).forEach { printText($0) }
        }
        if let trace, let scene {
            for (k, change) in trace.change.enumerated() {
                printText("iteration \(k + 1): change per node " + change.enumerated().map { "\(ids[$0]) \(String(format: "%.4f", $1))" }.joined(separator: ", "))
            }
            printText("top items in \(scene): " + trace.recommendations.map { dataset.itemID(Int32($0.item)) }.joined(separator: ", "))
        }
    }
}
