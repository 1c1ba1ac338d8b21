import InterestData
import InterestModel

/// What a screen's Ctrl-S writes, as the values the screen shows (not as drawing): `update` takes
/// them from the state when the key is pressed, and the `EffectRunner` turns them into text and
/// files on a worker (`files(at:data:)`), so a million-row users table is never serialised on
/// the UI thread. Each serialiser is a pure function of these values, tested on its exact output.
public enum ExportContent: Sendable, Equatable {
    /// The users table as shown: these users (after the search and scene filter), in this order.
    case users(order: [Int32])
    /// An S×S attention matrix (row = target, column = source), row-major.
    case attention(matrix: [Float])
    /// Two cohorts compared, cell by cell (Cohorts/CohortExport.swift).
    case cohortComparison(CohortComparisonExport)
    /// The transfer trace of `user` into the trace's target: per step the nodes' change and the
    /// top items with each source scene's share; `edges` is the target's row of the head-average
    /// attention (the α of each edge into the target); `step` is the step on screen.
    case transfer(user: Int, trace: TransferTrace, edges: [Float], step: Int, beta: Float, whatIf: [WhatIfEdit] = [])
    /// The interest layers of `user` in every scene: from the model's explanation when there is
    /// one, else read from the data (the last `historyLength` interactions per scene).
    case interests(user: Int, explanation: UserExplanation?, historyLength: Int, whatIf: [WhatIfEdit] = [])
    /// The Training screen's tables: validation per epoch, and the test comparison when there is one.
    case training(epochs: [EpochReport], comparison: [ComparisonRow])
    /// The Cases screen's table as shown: these cases of the report (indices, after the filter
    /// and search), in this order.
    case coldCases(report: ColdCaseReport, order: [Int])
    /// What-if edits (`E`), as the JSON `mist recommend --what-if` reads.
    case whatIf(edits: [WhatIfEdit])

    /// The files to write for a chosen `path`: one, except on the Training screen with a test
    /// comparison, whose test table goes beside the validation table ("x.csv" and "x-test.csv").
    /// Tables are TSV when `path` ends in ".tsv", CSV otherwise.
    public func files(at path: String, data: ExplorerData) -> [(path: String, text: String)] {
        let format = Delimited.forPath(path)
        if case let .training(epochs, comparison) = self {
            let texts = [TrainingExport.validation(epochs, format: format)] + (comparison.isEmpty ? [] : [TrainingExport.test(comparison, format: format)])
            return Array(zip(paths(at: path), texts))
        }
        switch self {
        case .users(let order): return [(path, UsersExport.text(order: order, data: data, format: format))]
        case .attention(let matrix):
            return [(path, AttentionExport.text(matrix: matrix, sceneIDs: data.dataset.scenes.map(\.id), format: format))]
        case .cohortComparison(let table):
            return [(path, table.text(sceneIDs: data.dataset.scenes.map(\.id), format: format))]
        case let .transfer(user, trace, edges, step, beta, edits):
            let json = TransferExport.json(user: user, trace: trace, edges: edges, step: step, beta: beta, data: data)
            return [(path, Self.marked(json, whatIf: edits, data: data).text)]
        case let .interests(user, explanation, historyLength, edits):
            let json = InterestsExport.json(user: user, explanation: explanation, historyLength: historyLength, data: data)
            return [(path, Self.marked(json, whatIf: edits, data: data).text)]
        case let .coldCases(report, order): return [(path, CasesExport.text(report: report, order: order, data: data, format: format))]
        case .whatIf(let edits): return [(path, WhatIfExport.json(edits, dataset: data.dataset).text)]
        case .training: return []  // above
        }
    }

    /// A what-if export says so: its numbers are the model on the edited history, and the edits
    /// (as `mist recommend --what-if` reads them) go with them under `what_if`.
    static func marked(_ json: JSONValue, whatIf edits: [WhatIfEdit], data: ExplorerData) -> JSONValue {
        guard !edits.isEmpty, case .object(var fields) = json else { return json }
        fields.append(JSONField("what_if", WhatIfExport.json(edits, dataset: data.dataset)))
        return .object(fields)
    }

    /// The files `files(at:data:)` writes, without serialising anything (checked before writing).
    public func paths(at path: String) -> [String] {
        if case .training(_, let comparison) = self, !comparison.isEmpty { return [path, Self.sibling(of: path, suffix: "-test")] }
        return [path]
    }

    /// "dir/name-test.csv" for "dir/name.csv" (the suffix goes before the extension).
    static func sibling(of path: String, suffix: String) -> String {
        let slash = path.lastIndex(of: "/")
        let name = slash.map { path[path.index(after: $0)...] } ?? path[...]
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return path + suffix }
        return String(path[..<dot]) + suffix + String(path[dot...])
    }
}

/// The users table as CSV: one row per user shown, in the table's order, with the columns of the
/// screen as data: id, name, interactions per scene (headed by the scene id), the dominant scene's
/// id, the active scenes' ids (separated by ";", in scene order) and the total.
public enum UsersExport {
    public static func header(data: ExplorerData) -> [String] {
        ["id", "name"] + data.dataset.scenes.map(\.id) + ["dominant", "active", "total"]
    }

    public static func row(user u: Int, data: ExplorerData) -> [String] {
        let directory = data.directory, scenes = data.dataset.scenes
        let dominant = Int(directory.dominantScene[u])
        let active = (0..<data.sceneCount).filter { directory.isActive(user: u, scene: $0) }.map { scenes[$0].id }
        return [data.userIDs[u], data.userName(u)] + (0..<data.sceneCount).map { String(directory.count(user: u, scene: $0)) }
            + [dominant >= 0 ? scenes[dominant].id : "", active.joined(separator: ";"), String(directory.totals[u])]
    }

    public static func text(order: [Int32], data: ExplorerData, format: Delimited = .csv) -> String {
        format.table(header: header(data: data), rows: order.map { row(user: Int($0), data: data) })
    }
}

/// An attention matrix as CSV or TSV: the first row is "target\source" and the source scenes'
/// ids, then one row per target scene (its id, then the weights). Full Float precision.
public enum AttentionExport {
    public static func text(matrix: [Float], sceneIDs: [String], format: Delimited) -> String {
        let s = sceneIDs.count
        // A matrix of another size than the scenes (never from the screens) leaves the missing cells empty.
        let rows = (0..<s).map { t in [sceneIDs[t]] + (0..<s).map { t * s + $0 < matrix.count ? exportNumber(matrix[t * s + $0]) : "" } }
        return format.table(header: ["target\\source"] + sceneIDs, rows: rows)
    }
}

/// The transfer trace as JSON: the target, the edges into it (α), and for every step k = 0…K the
/// change of every node's state (‖Zᵏ − Zᵏ⁻¹‖; null at k = 0) and the top items with score, bias,
/// each source scene's share (shares + bias = score) and the rank each had at step k − 1.
public enum TransferExport {
    public static func json(user: Int, trace: TransferTrace, edges: [Float], step: Int, beta: Float, data: ExplorerData) -> JSONValue {
        let ids = data.dataset.scenes.map(\.id)
        func byScene(_ values: [Float]) -> JSONValue {
            .object(values.enumerated().map { JSONField(ids[$0.offset], .float($0.element)) })
        }
        var steps: [JSONValue] = []
        for (k, items) in trace.topItemsByIteration.enumerated() {
            let previous = k > 0 ? trace.topItemsByIteration[k - 1].map(\.item) : nil
            let top: [JSONValue] = items.enumerated().map { rank, item in
                var fields = [JSONField("rank", .int(rank + 1)), JSONField("item", .string(data.dataset.itemID(Int32(item.item)))),
                              JSONField("title", .string(itemTitle(item.item, data: data))),
                              JSONField("score", .float(item.score)), JSONField("bias", .float(item.bias)),
                              JSONField("shares", byScene(item.shares))]
                if let previous {
                    let before: JSONValue = previous.firstIndex(of: item.item).map { JSONValue.int($0 + 1) } ?? .null
                    fields.append(JSONField("previous_rank", before))
                }
                return .object(fields)
            }
            steps.append(.object([
                JSONField("k", .int(k)),
                JSONField("change", k > 0 && k - 1 < trace.change.count ? byScene(trace.change[k - 1]) : .null),
                JSONField("top", .array(top)),
            ]))
        }
        return .object([
            JSONField("user", .string(data.userIDs[user])),
            JSONField("name", .string(data.userName(user))),
            JSONField("target", .string(ids[trace.target])),
            JSONField("beta", .float(beta)),
            JSONField("iterations", .int(max(0, trace.topItemsByIteration.count - 1))),
            JSONField("step_shown", .int(step)),
            JSONField("edges_into_target", byScene(edges)),
            JSONField("steps", .array(steps)),
        ])
    }

    static func itemTitle(_ v: Int, data: ExplorerData) -> String {
        data.dataset.items.title.indices.contains(v) ? data.dataset.items.title[v] : ""
    }
}

/// The interest layers as JSON: per scene (in scene order) whether it is active, the sentiment
/// layer's counts, the topic layer's shares (largest first) and the content layer's recent items
/// (newest first, with their feedback −1/0/+1); then the cosine similarity of the scene interest
/// vectors z (null where a scene is inactive; absent without a model).
public enum InterestsExport {
    public static func json(user u: Int, explanation: UserExplanation?, historyLength: Int, data: ExplorerData) -> JSONValue {
        let dataset = data.dataset, s = data.sceneCount
        let fromModel = explanation?.user == u ? explanation : nil
        let scenes: [JSONValue] = (0..<s).map { scene in
            let profile = fromModel.map { SceneProfile($0.scenes[scene]) }
                ?? SceneProfile(user: u, scene: scene, dataset: dataset, historyLength: historyLength)
            let c = profile.sentimentCounts
            return .object([
                JSONField("scene", .string(dataset.scenes[scene].id)),
                JSONField("name", .string(dataset.scenes[scene].name)),
                JSONField("active", .bool(profile.isActive)),
                JSONField("sentiment", .object([JSONField("positive", .int(c[2])), JSONField("neutral", .int(c[1])), JSONField("negative", .int(c[0]))])),
                JSONField("topics", .array(profile.topTopics.map {
                    .object([JSONField("topic", .string(dataset.topics[$0.topic])), JSONField("share", .float($0.share))])
                })),
                JSONField("recent", .array(profile.recent.reversed().map { event in
                    .object([JSONField("item", .string(dataset.itemID(event.item))),
                             JSONField("title", .string(TransferExport.itemTitle(Int(event.item), data: data))),
                             JSONField("feedback", .int(Int(event.feedback)))])
                })),
            ])
        }
        var fields = [
            JSONField("user", .string(data.userIDs[u])),
            JSONField("name", .string(data.userName(u))),
            JSONField("layers_from", .string(fromModel != nil ? "model" : "data (the last \(historyLength) interactions per scene)")),
            JSONField("scenes", .array(scenes)),
        ]
        if let fromModel {
            let z = fromModel.scenes.map(\.interest)
            let rows: [JSONValue] = (0..<s).map { a -> JSONValue in
                .array((0..<s).map { b -> JSONValue in
                    fromModel.scenes[a].isActive && fromModel.scenes[b].isActive ? .float(cosine(z[a], z[b])) : .null
                })
            }
            fields.append(JSONField("similarity", .object([
                JSONField("scenes", .array(dataset.scenes.map { .string($0.id) })),
                JSONField("cosine", .array(rows)),
            ])))
        }
        return .object(fields)
    }
}

/// The Training screen's tables as CSV: validation per epoch (warm and cold-validation NDCG@10,
/// HR@10, R@10, the epoch's mean loss, which epoch is kept) and the test comparison's rows.
public enum TrainingExport {
    public static func validation(_ epochs: [EpochReport], format: Delimited) -> String {
        let ten = RankingMetrics.cutoffs.firstIndex(of: 10) ?? 0
        let rows = epochs.map { e in
            [String(e.epoch), exportNumber(e.validationNDCG10), e.coldValidationNDCG10.map { exportNumber($0) } ?? "",
             exportNumber(e.validation[ten].hitRate), exportNumber(e.validation[ten].recall), exportNumber(e.meanLoss), e.isBest ? "best" : ""]
        }
        return format.table(header: ["epoch", "warm_ndcg@10", "cold_ndcg@10", "hr@10", "recall@10", "mean_loss", "kept"], rows: rows)
    }

    public static func test(_ rows: [ComparisonRow], format: Delimited) -> String {
        format.table(header: ["model", "cases", "scene", "k", "count", "hr", "precision", "recall", "ndcg"], rows: rows.map { r in
            [r.model, r.cases, r.scene, String(r.k), String(r.count), exportNumber(r.hr), exportNumber(r.precision), exportNumber(r.recall), exportNumber(r.ndcg)]
        })
    }
}
