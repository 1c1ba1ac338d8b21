import InterestData
@testable import InterestModel
import Randomness
import Testing

/// The windows of context `b` of a batch, read back from its flat storage.
func windows(of batch: ContextBatch, context b: Int) -> [[HistoryEvent]] {
    let s = batch.sceneCount
    var offset = batch.lengths[0..<(b * s)].reduce(0, +)
    var result: [[HistoryEvent]] = []
    for scene in 0..<s {
        let n = batch.lengths[b * s + scene]
        result.append((offset..<(offset + n)).map { HistoryEvent(item: Int32(batch.items[$0]), feedback: batch.feedback[$0]) })
        offset += n
    }
    return result
}

/// MODEL-SPEC's training examples, scene dropout and evaluation ranking, checked on the tiny dataset.
struct SpecLogicTests {
    let dataset = TinyDataset.make()
    func e(_ item: Int32, _ y: Int8) -> HistoryEvent { HistoryEvent(item: item, feedback: y) }

    /// Interactions 4 (user 0, item 4, +1) and 13 (user 2, item 0, −1) are not train-role.
    var examples: TrainingExamples {
        var isTrain = [Bool](repeating: true, count: dataset.interactionCount)
        isTrain[4] = false
        isTrain[13] = false
        return TrainingExamples(dataset: dataset, isTrain: isTrain)
    }

    @Test func examplesAreTrainRolePositiveOrNeutralInteractions() {
        let x = examples
        // User 0: rows 0, 1, 3, 5, 6 (row 2 is y = −1, row 4 is not train); user 1: rows 7–10
        // (y = 0 included); user 2: rows 11, 12 (row 13 is not train).
        #expect(x.count == 11)
        #expect(x.users == [0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2])
        #expect(x.items == [0, 3, 6, 2, 7, 5, 8, 3, 6, 1, 2])
        #expect(x.scenes == [0, 1, 2, 0, 2, 1, 2, 1, 2, 0, 0])
    }

    @Test func historyIsEarlierTrainRoleInteractionsOfAllScenesLastLPerScene() {
        let x = examples
        var batch = ContextBatch(sceneCount: 3, historyLength: 2)
        for k in 0..<x.count { x.appendContext(of: k, to: &batch, hideTarget: false) }
        // First example of user 0: nothing before it.
        #expect(windows(of: batch, context: 0) == [[], [], []])
        // Row 5 (item 2, scene 0): rows 0 (+1) and 2 (−1, negatives included) in scene 0, row 1 in
        // scene 1 (row 4 is not train), row 3 in scene 2; nothing at or after row 5.
        #expect(windows(of: batch, context: 3) == [[e(0, 1), e(1, -1)], [e(3, 1)], [e(6, 0)]])
        // Row 6 (item 7, scene 2): scene 0 has three earlier events, L = 2 keeps the last two.
        #expect(windows(of: batch, context: 4) == [[e(1, -1), e(2, 1)], [e(3, 1)], [e(6, 0)]])
        // Histories never cross users: user 1's first example sees nothing of user 0.
        #expect(windows(of: batch, context: 5) == [[], [], []])
        #expect(windows(of: batch, context: 8) == [[], [e(5, 1), e(3, 0)], [e(8, 1)]])
    }

    @Test func sceneDropoutHidesOnlyTheTargetScene() {
        let x = examples
        var batch = ContextBatch(sceneCount: 3, historyLength: 2)
        x.appendContext(of: 4, to: &batch, hideTarget: false)
        x.appendContext(of: 4, to: &batch, hideTarget: true)
        x.appendContext(of: 3, to: &batch, hideTarget: true)
        let shown = windows(of: batch, context: 0), hidden = windows(of: batch, context: 1)
        #expect(hidden[2].isEmpty && !shown[2].isEmpty)
        #expect(hidden[0] == shown[0] && hidden[1] == shown[1])
        // Target scene 0: only scene 0 goes.
        #expect(windows(of: batch, context: 2) == [[], [e(3, 1)], [e(6, 0)]])
    }

    @Test func batchPlanHidesEveryTargetAtProbabilityOneAndNoneAtZero() {
        var h = TinyModel.hyperparameters()
        h.negatives = 2
        for (p, expected) in [(Float(1), true), (Float(0), false)] {
            h.hideProbability = p
            var random = SeededRandom(seed: 5)
            let plan = BatchPlan(examples: Array(0..<examples.count), of: examples, dataset: dataset, hyperparameters: h, random: &random)
            #expect(plan.hidden.allSatisfy { $0 == expected })
            // Negatives come from the target scene and are never the positive.
            for (k, example) in plan.examples.enumerated() {
                for v in plan.negatives[(k * 2)..<(k * 2 + 2)] {
                    #expect(dataset.items.scene[v] == examples.scenes[example] && Int32(v) != examples.items[example])
                }
            }
        }
    }

    @Test func rankingExcludesTheTargetSceneHistoryAndBreaksTiesByLowerIndex() {
        // User 0 in scene 0 has seen item 0 (row 0); row 1 (item 3) is in another scene.
        let case_ = EvaluationCase(user: 0, scene: 0, kind: .warmTest, targets: [2], history: [0, 1])
        // Item 0 scores best but was seen; items 1 and 2 tie: the lower index goes first.
        #expect(Evaluator.rank(case_, scores: [9, 1, 1], dataset: dataset, count: 3) == [1, 2])
        #expect(Evaluator.rank(case_, scores: [9, 1, 2], dataset: dataset, count: 3) == [2, 1])
        #expect(Evaluator.rank(case_, scores: [9, 1, 2], dataset: dataset, count: 1) == [2])
        // A seen item of another scene does not remove anything here.
        let other = EvaluationCase(user: 0, scene: 1, kind: .warmTest, targets: [4], history: [0])
        #expect(Evaluator.rank(other, scores: [0, 0, 0], dataset: dataset, count: 3) == [3, 4, 5])
    }

    @Test func evaluatorScoresHitsOfTheRankedCandidates() {
        struct Fixed: CaseScorer {
            func scores(for cases: ArraySlice<EvaluationCase>, in dataset: Dataset) -> [[Float]] { cases.map { _ in [9, 1, 2] } }
        }
        let hit = EvaluationCase(user: 0, scene: 0, kind: .warmTest, targets: [2], history: [0])
        // User 2 saw item 1 in scene 0 (row 11): their target 1 cannot be recommended again.
        let miss = EvaluationCase(user: 2, scene: 0, kind: .warmTest, targets: [1], history: [11])
        let result = Evaluator.evaluate(Fixed(), cases: [hit, miss], dataset: dataset, threads: 1)
        #expect(result.overall.count == 2)
        #expect(result.perScene[0].count == 2 && result.perScene[1].count == 0)
        #expect(abs(result.overall.average(at: 5).hitRate - 0.5) < 1e-9)
        // The hit is item 2 at rank 1 of candidates [2, 1]: precision@5 = 1/5, NDCG = 1; averaged with the miss.
        #expect(abs(result.overall.average(at: 5).precision - 0.1) < 1e-9)
        #expect(abs(result.overall.average(at: 5).ndcg - 0.5) < 1e-9)
    }
}
