import InterestData
@testable import InterestModel
import TerminalUI
import Testing
@testable import Explorer

/// Whole-screen snapshots of the Training screen with what the claims protocol added: warm and
/// cold-validation NDCG@10 per epoch, and a tuned comparison (EASE, ItemKNN, v2 ablations) with
/// its progress line and `x` to cancel.
@Suite struct TrainingSnapshotTests {
    static func epochs() -> [EpochReport] {
        (1...4).map { e in
            let warm = 0.08 + 0.01 * Double(e), cold = [0.15, 0.18, 0.17, 0.16][e - 1]
            let scores = RankingMetrics.cutoffs.map { _ in RankingScores(hitRate: 0.2 + 0.02 * Double(e), precision: 0.03, recall: 0.1 + 0.01 * Double(e), ndcg: warm) }
            return EpochReport(epoch: e, meanLoss: 5.0 - 0.1 * Float(e), validation: scores, validationNDCG10: warm,
                               coldValidation: scores.map { var s = $0; s.ndcg = cold; return s }, coldValidationNDCG10: cold,
                               isBest: e == 2, seconds: 3, examplesPerSecond: 9000)
        }
    }

    static func comparisonRows() -> [ComparisonRow] {
        let models = ["popularity", "bpr-mf", "ease", "itemknn", "self+items+softmax", "attention-dot", "attention-dot+items+softmax"]
        return models.enumerated().flatMap { i, model in
            ["warm", "cold"].map { kind in
                ComparisonRow(model: model, cases: kind, scene: "all", k: 10, count: kind == "warm" ? 2101 : 79,
                              hr: 0.2 + 0.03 * Double(i), precision: 0.05, recall: 0.1, ndcg: (kind == "warm" ? 0.05 : 0.11) + 0.01 * Double(i))
            }
        }
    }

    @Test(arguments: [(80, 24), (200, 60)])
    func epochsWithColdValidationAndATunedComparison(width: Int, height: Int) {
        var state = Fixtures.state(width: width, height: height)
        Fixtures.press(.character("5"), .character("t"), into: &state)
        let run = state.training.run
        _ = update(&state, .training(.started(examples: 25000, stepsPerEpoch: 98, maxEpochs: 30), run: run))
        for report in Self.epochs() { _ = update(&state, .training(.epochEnded(report), run: run)) }
        Snapshot.expect(Fixtures.frame(state), named: "training-epochs-\(width)x\(height)")

        // The comparison after the run: rows in the comparison's order, the full model last.
        // (As if `b` had run: an evaluation job of this model answering.)
        state.model?.evaluation = 99
        _ = update(&state, .evaluated(Self.comparisonRows(), evaluation: 99))
        Snapshot.expect(Fixtures.frame(state), named: "training-comparison-\(width)x\(height)")
    }

    @Test func xCancelsARunningComparison() {
        var state = Fixtures.state(width: 132, height: 40)
        Fixtures.press(.character("5"), into: &state)
        let effects = Fixtures.press(.character("b"), into: &state)[0]
        let id = state.model?.evaluation
        guard case .evaluate(let request)? = effects.first, effects.count == 1 else { Issue.record("expected one evaluation"); return }
        #expect(request.withBaselines && request.id == id)
        #expect(Fixtures.frame(state).text.contains("tuning the baselines… (x cancels)"))
        #expect(Fixtures.press(.character("x"), into: &state)[0] == [.cancelEvaluation(id: request.id)])
        #expect(Fixtures.frame(state).text.contains("cancelling…"))
        _ = update(&state, .evaluated([], evaluation: request.id))
        #expect(state.model?.evaluation == nil && state.model?.evaluationStatus == nil)
    }
}
