import Foundation
import InterestData
import Testing
@testable import InterestModel

/// A cohort's average attention agrees with the population average over the same users, and the
/// bootstrap flags differences between cohorts that differ and none between a cohort and itself.
struct CohortAttentionTests {
    let dataset = TrainingData.make()
    var model: TransferModel {
        var h = TrainingData.hyperparameters()
        h.maxEpochs = 2
        return Trainer(dataset: dataset, split: Split(dataset: dataset, seed: 3), hyperparameters: h).train().model
    }

    @Test func cohortViewsAreTheAverageOverItsUsers() throws {
        let model = self.model
        let users = [1, 3, 5, 7, 8]
        let cohort = try #require(model.cohortAttention(users: users, in: dataset))
        let reference = model.averageAttention(in: dataset, split: nil, users: users)
        #expect(cohort.selected == users.count && cohort.averaged == reference.users)
        for (a, b) in zip(cohort.plain, reference.average) { #expect(abs(a - b) < 1e-6) }
        for (a, b) in zip(cohort.hiddenTarget, reference.hiddenTarget) { #expect(abs(a - b) < 1e-6) }
        // Off-diagonal: rows of the plain average renormalised without the diagonal.
        let s = dataset.sceneCount
        for t in 0..<s {
            #expect(cohort.offDiagonal[t * s + t] == 0)
            #expect(abs((0..<s).reduce(Float(0)) { $0 + cohort.offDiagonal[t * s + $1] } - 1) < 1e-5)
        }
        // Cancelled before the first batch: nothing.
        #expect(model.cohortAttention(users: users, in: dataset, cancelled: { true }) == nil)
    }

    /// The batched path (scenes encoded once, hidden variants by zeroing) gives each user the
    /// attention their own explanation shows (one forward pass per variant).
    @Test func averagingOneUserGivesThatUsersExplanation() throws {
        let model = self.model
        for u in 0..<dataset.userCount {
            let one = try #require(model.cohortAttention(users: [u], in: dataset))
            let explanation = model.explain(user: u, interactions: model.profile(ofUser: u, in: dataset, split: nil), in: dataset)
            for (a, b) in zip(one.plain, explanation.attention.average) { #expect(abs(a - b) < 1e-5, "user \(u)") }
            let s = dataset.sceneCount
            for t in 0..<s where one.hiddenTargetUsers[t] == 1 {
                for source in 0..<s { #expect(abs(one.hiddenTarget[t * s + source] - explanation.attention.hiddenTarget[t * s + source]) < 1e-5) }
            }
        }
    }

    /// The hidden-target rows computed for all scenes at once (`hiddenTargetAttention`) equal
    /// each user's explanation, which empties the target scene and runs the model again, for
    /// every attention kind and every transfer ablation (untrained weights: the rows need not be
    /// meaningful, only equal).
    @Test(arguments: [(TransferMode.attention, AttentionKind.dot), (.attention, .additive), (.mean, .dot), (.own, .dot)])
    func hiddenTargetRowsEqualTheEmptiedSceneForEveryKind(transfer: TransferMode, kind: AttentionKind) throws {
        var h = TrainingData.hyperparameters()
        h.transfer = transfer
        h.attention = kind
        let model = TransferModel(parameters: ModelParameters(hyperparameters: h, itemCount: dataset.itemCount, topicCount: dataset.topicCount,
                                                              sceneCount: dataset.sceneCount), dataset: dataset)
        let s = dataset.sceneCount
        for u in 0..<dataset.userCount {
            guard let one = model.cohortAttention(users: [u], in: dataset), one.averaged == 1 else { continue }
            let explanation = model.explain(user: u, interactions: model.profile(ofUser: u, in: dataset, split: nil), in: dataset)
            for (a, b) in zip(one.plain, explanation.attention.average) { #expect(abs(a - b) < 1e-5, "user \(u)") }
            for t in 0..<s where one.hiddenTargetUsers[t] == 1 {
                for source in 0..<s {
                    #expect(abs(one.hiddenTarget[t * s + source] - explanation.attention.hiddenTarget[t * s + source]) < 1e-5, "user \(u) row \(t)")
                }
            }
        }
    }

    @Test func bootstrapSeesADifferenceOnlyWhereThereIsOne() throws {
        let model = self.model
        let facts = CohortFacts(dataset: dataset)
        let all = Array(0..<dataset.userCount)
        let same = try #require(model.compareCohorts(all, all, in: dataset, resamples: 100))
        for d in same.differences.values {
            #expect(d.value.allSatisfy { $0 == 0 })
            #expect(!d.beyondNoise.contains(true), "a cohort against itself differs nowhere")
            #expect(zip(d.low, d.high).allSatisfy { $0 <= 0 && $1 >= 0 })
        }
        let a = try Cohort(parsing: "news >= 3", in: dataset).users(in: facts)
        let b = try Cohort(parsing: "news < 3", in: dataset).users(in: facts)
        #expect(!a.isEmpty && !b.isEmpty && a.count + b.count == dataset.userCount)
        let apart = try #require(model.compareCohorts(a, b, in: dataset, resamples: 100))
        let plain = apart.differences[.plain]!
        for k in plain.value.indices {
            #expect(plain.low[k] <= plain.value[k] + 1e-6 && plain.value[k] <= plain.high[k] + 1e-6)
            #expect(plain.beyondNoise[k] == (plain.low[k] > 0 || plain.high[k] < 0))
        }
        // Seeded: the same call gives the same intervals.
        #expect(model.compareCohorts(a, b, in: dataset, resamples: 100) == apart)
    }
}
