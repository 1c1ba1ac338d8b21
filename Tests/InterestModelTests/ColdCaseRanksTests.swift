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
}
