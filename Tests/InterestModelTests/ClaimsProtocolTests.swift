import Foundation
import InterestData
import Testing
@testable import InterestModel

/// MODEL-SPEC's claims protocol as `Comparison.run` carries it out: repeated draws pooled, tuning
/// on grids by cold validation, and lifts with paired-bootstrap intervals.
struct ClaimsProtocolTests {
    static let dataset: Dataset = {
        let files = SyntheticGenerator.generate(GeneratorParameters(seed: 11, users: 160, itemsPerScene: 24, meanInteractionsPerUser: 16))
        let dir = NSTemporaryDirectory() + "mist-claims-" + UUID().uuidString
        try! files.write(to: dir)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        return try! Dataset.load(from: dir)
    }()

    static func quick() -> Hyperparameters {
        var h = Hyperparameters()
        h.dimension = 8; h.heads = 2; h.historyLength = 6; h.batchSize = 128; h.maxEpochs = 2; h.patience = 1; h.threads = 1
        return h
    }

    @Test func repeatsPoolTheCasesOfEveryDrawAndLiftsComeWithIntervals() throws {
        let d = Self.dataset
        let splits = Comparison.draws(of: d, firstSeed: 5, repeats: 2)
        #expect(splits.map(\.seed) == [5, 6])
        let request = ComparisonRequest(models: ["popularity", "ease", "attention-dot+items+softmax"], hyperparameters: Self.quick(),
                                        full: "attention-dot+items+softmax")
        let (comparison, _) = try Comparison.run(dataset: d, splits: splits, request: request)
        #expect(comparison.splitSeeds == [5, 6])
        let pooledCold = splits.map(\.coldCases.count).reduce(0, +)
        #expect(pooledCold > 20)
        for model in request.models {
            #expect(comparison.row(model: model, cases: "cold")?.count == pooledCold)
            #expect(comparison.row(model: model, cases: "warm")?.count == splits.map(\.warmTestCases.count).reduce(0, +))
        }
        // One lift per other model and metric; the point value is the pooled mean ratio.
        for over in ["popularity", "ease"] {
            for metric in ["precision", "recall", "ndcg"] {
                let lift = try #require(comparison.lift(over: over, metric: metric))
                #expect(lift.count == pooledCold && lift.low <= lift.value && lift.value <= lift.high)
                let mine = comparison.row(model: "attention-dot+items+softmax", cases: "cold")!, theirs = comparison.row(model: over, cases: "cold")!
                let ratio = metric == "precision" ? mine.precision / theirs.precision : metric == "recall" ? mine.recall / theirs.recall : mine.ndcg / theirs.ndcg
                #expect(abs(lift.value - (ratio - 1)) < 1e-9)
            }
        }
        // JSON: lift rows as {"lift": {...}} with the number of cases under "cases".
        let json = String(decoding: try JSONEncoder().encode(comparison.lifts[0]), as: UTF8.self)
        #expect(json.hasPrefix(#"{"lift":{"#) && json.contains(#""cases":\#(pooledCold)"#) && json.contains(#""kind":"cold""#))
    }

    @Test func tuningTriesEveryGridPointAndKeepsTheBestOnColdValidation() throws {
        let d = Self.dataset
        let split = Split(dataset: d, seed: 5)
        var request = ComparisonRequest(models: ["ease", "itemknn", "attention-dot+items+softmax"], hyperparameters: Self.quick(),
                                        full: "attention-dot+items+softmax")
        request.tune = true
        let (comparison, _) = try Comparison.run(dataset: d, splits: [split], request: request)
        #expect(comparison.tuned)
        let sizes = Dictionary(uniqueKeysWithValues: comparison.tuning.map { ($0.model, $0.grid.count) })
        #expect(sizes == ["ease": 6, "itemknn": 4, "attention-dot+items+softmax": 2])
        for record in comparison.tuning {
            let best = record.grid.max { ($0.coldValidationNDCG10 ?? 0, $0.validationNDCG10) < ($1.coldValidationNDCG10 ?? 0, $1.validationNDCG10) }!
            #expect(record.pick == best.setting)
            #expect(record.grid.allSatisfy { $0.coldValidationNDCG10 != nil })
        }
        #expect(ComparisonGrid.settings(of: "bpr-mf", base: Self.quick(), tune: true)?.count == 5)
        for setting in ComparisonGrid.settings(of: "bpr-mf", base: Self.quick(), tune: true)! {
            guard case .collectiveMF(let h) = setting else { Issue.record("not BPR-MF"); continue }
            #expect(h.learningRate == 0.005 && h.patience == 3 && h.maxEpochs == 100)
        }
    }

    @Test func badRequestsAreErrorsNotCrashes() {
        let d = Self.dataset
        let request = ComparisonRequest(full: Self.quick())
        #expect(throws: ComparisonError.self) { try Comparison.run(dataset: d, splits: [], request: request) }
        #expect(Comparison.draws(of: d, firstSeed: 1, repeats: 0).isEmpty)
        var unknown = request
        unknown.models = ["popularity", "nonsense", request.full]
        #expect(throws: ComparisonError.self) { try Comparison.run(dataset: d, splits: [Split(dataset: d, seed: 1)], request: unknown) }
        #expect(throws: ComparisonError.cancelled) {
            try Comparison.run(dataset: d, splits: [Split(dataset: d, seed: 1)], request: request, cancelled: { true })
        }
    }

    @Test func aDatasetWithoutColdCasesGivesEmptyColdRowsAndNoColdLift() throws {
        // Every user active in one scene only: nobody is eligible for a cold draw.
        var rows: [(Int32, Int32, Int8)] = []
        for u in 0..<6 {
            for j in 0..<5 { rows.append((Int32(u), Int32((u % 3) * 3 + j % 3), 1)) }
        }
        let d = TinyDataset.make(rows: rows)
        let split = Split(dataset: d, seed: 1)
        #expect(split.coldCases.isEmpty && !split.hasColdValidation)
        var h = Self.quick()
        h.dimension = 4
        let request = ComparisonRequest(models: ["popularity", "attention-dot+items+softmax"], hyperparameters: h, full: "attention-dot+items+softmax")
        let (comparison, _) = try Comparison.run(dataset: d, splits: [split], request: request)
        #expect(comparison.row(model: "attention-dot+items+softmax", cases: "cold")?.count == 0)
        #expect(comparison.row(model: "attention-dot+items+softmax", cases: "cold")?.ndcg == 0)
        #expect(comparison.lift(over: "popularity", metric: "ndcg") == nil)
    }

    @Test func namesAndSettingsRoundTrip() {
        let base = Hyperparameters()
        for name in ["self", "mean", "attention-dot", "attention-additive", "self+items", "mean+items+softmax",
                     "attention-dot+items", "attention-dot+items+softmax", "attention-additive+items+softmax",
                     "attention-dot-items-only", "attention-dot+softmax", "attention-dot-items-only+softmax",
                     "attention-dot+items+softmax+topics", "self+items+softmax+topics", "attention-dot+topics",
                     "attention-dot-items-only+softmax+topics"] {
            let h = Comparison.variant(named: name, of: base)
            #expect(h.map(Comparison.name(of:)) == name)
        }
        #expect(Comparison.variant(named: "ease", of: base) == nil)
        #expect(Comparison.name(of: Hyperparameters()) == "attention-dot+items+softmax+topics")
        // v3: each of its terms left out in turn (the topic path: that is v2), then v1.
        #expect(Comparison.defaultModels(full: Hyperparameters()) ==
                ["popularity", "bpr-mf", "ease", "itemknn", "self+items+softmax+topics", "mean+items+softmax+topics",
                 "attention-dot+softmax+topics", "attention-dot-items-only+softmax+topics", "attention-dot+items+softmax",
                 "attention-dot+items+topics", "attention-dot", "attention-dot+items+softmax+topics"])
        var v2 = Hyperparameters()
        v2.version = .v2
        #expect(Comparison.defaultModels(full: v2) ==
                ["popularity", "bpr-mf", "ease", "itemknn", "self+items+softmax", "mean+items+softmax", "attention-dot+softmax",
                 "attention-dot-items-only+softmax", "attention-dot+items", "attention-dot", "attention-dot+items+softmax"])
        #expect(Comparison.defaultModels(full: .v1) == ["popularity", "bpr-mf", "ease", "itemknn", "self", "mean", "attention-additive", "attention-dot"])
    }
}
