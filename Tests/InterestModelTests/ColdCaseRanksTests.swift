import InterestData
import Testing
@testable import InterestModel

/// The cold-target case browser's ranks are the evaluator's rankings, case by case.
struct ColdCaseRanksTests {
    @Test func ranksAreWhereTheEvaluatorPutsEachTarget() throws {
        let dataset = TrainingData.make()
        let split = Split(dataset: dataset, seed: 3)
        var h = TrainingData.hyperparameters()
        h.maxEpochs = 1
        let model = Trainer(dataset: dataset, split: split, hyperparameters: h).train().model
        let report = try ColdCaseReport.make(model: model, name: "full", split: split, dataset: dataset, depth: 2)
        #expect(report.models == ["full", "popularity", "ease", "itemknn"])
        #expect(report.cases.count == split.coldCases.count && !report.cases.isEmpty)
        for (c, case_) in zip(report.cases, split.coldCases) {
            #expect(c.user == case_.user && c.scene == case_.scene && c.targets == case_.targets)
            let top = Evaluator.rank(case_, scores: model.scores(for: [case_], in: dataset)[0], dataset: dataset, count: 2)
            #expect(c.ranks[0] == case_.targets.map { t in top.firstIndex(of: Int(t)).map { $0 + 1 } })
        }
        // Wins and losses are counted from the best ranks.
        let wins = report.cases.filter { c in (1..<4).allSatisfy { m in
            switch (c.best(0), c.best(m)) { case let (a?, b?): return a < b; case (.some, nil): return true; default: return false }
        } }.count
        #expect(report.wins == wins && report.wins + report.losses <= report.cases.count)
    }

    @Test func reportsProgressPerModelAndStopsWhenCancelled() throws {
        let dataset = TrainingData.make()
        let split = Split(dataset: dataset, seed: 3)
        let model = TransferModel(parameters: ModelParameters(hyperparameters: TrainingData.hyperparameters(), itemCount: dataset.itemCount,
                                                              topicCount: dataset.topicCount, sceneCount: dataset.sceneCount), dataset: dataset)
        var heard: [ColdCaseProgress] = []
        let report = try ColdCaseReport.make(model: model, name: "m", split: split, dataset: dataset, depth: 5, progress: { heard.append($0) })
        // Each model in turn, starting at case 0 of all the cases.
        #expect(heard.filter { $0.done == 0 }.map(\.name) == ["m", "popularity", "ease", "itemknn"])
        #expect(heard.allSatisfy { $0.models == 4 && $0.total == split.coldCases.count && $0.done < $0.total })
        // Every case is exactly one of win, loss or tie.
        #expect(report.wins + report.losses + report.ties == report.cases.count)
        for c in report.cases where report.outcome(c) == .tie { #expect(c.best(0) == (1..<4).compactMap { c.best($0) }.min()) }

        // Cancelled while the second model ranks: nothing is returned.
        var calls = 0
        #expect(throws: ComparisonError.cancelled) {
            _ = try ColdCaseReport.make(model: model, name: "m", split: split, dataset: dataset, depth: 5,
                                        progress: { _ in calls += 1 }, cancelled: { calls >= 2 })
        }
        #expect(calls == 2)
    }
}
