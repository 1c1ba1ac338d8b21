import Autograd
import InterestData
import Testing
@testable import InterestModel

struct ExplanationTests {
    let dataset = TinyDataset.make()

    func model(_ transfer: TransferMode = .attention) -> TransferModel {
        var m = TinyModel.model(TinyModel.hyperparameters(transfer: transfer))
        // Distinct item biases so that shares and bias are told apart.
        m.set(\.itemBias, (0..<9).map { Float($0) * 0.05 - 0.2 })
        return m
    }

    @Test func perSourceSharesAddUpToTheScore() {
        let m = model()
        let user0 = m.profile(ofUser: 0, in: dataset, split: nil)
        for target in 0..<3 {
            let trace = m.traceTransfer(interactions: user0, target: target, count: 3, in: dataset)
            #expect(trace.states.count == 3 && trace.change.count == 2 && trace.topItemsByIteration.count == 3)
            for items in trace.topItemsByIteration {
                for item in items {
                    #expect(abs(item.shares.reduce(0, +) - (item.score - item.bias)) < 1e-5)
                }
            }
            // The final scores are the model's own scores of f = Z^K_t.
            let d = m.dimension
            let f = Array(trace.states.last![(target * d)..<((target + 1) * d)])
            for item in trace.recommendations { #expect(m.scores(interest: f, items: [item.item])[0] == item.score) }
            // Items the user already has in the target scene are never recommended.
            let seen = Set(user0.filter { dataset.interactionScene[Int($0)] == Int32(target) }.map { Int(dataset.interactions.item[Int($0)]) })
            #expect(trace.recommendations.allSatisfy { !seen.contains($0.item) })
        }
    }

    @Test func explanationViews() {
        let m = model()
        let profile = m.profile(ofUser: 1, in: dataset, split: nil)  // user 1: scenes 1 and 2 only
        let e = m.explain(user: 1, interactions: profile, in: dataset)
        #expect(e.scenes.map(\.isActive) == [false, true, true])
        #expect(e.scenes[1].recent == [HistoryEvent(item: 5, feedback: 1), HistoryEvent(item: 3, feedback: 0)])
        #expect(e.scenes[1].sentimentCounts == [0, 1, 1])
        #expect(e.scenes[1].topicShares == [0.5, 0, 0.5])
        #expect(e.scenes[0].interest == [0, 0, 0, 0])
        let a = e.attention
        #expect(a.heads.count == 2)
        for t in 0..<3 {
            #expect(abs((0..<3).reduce(Float(0)) { $0 + a.average[t * 3 + $1] } - 1) < 1e-5)
            // Off-diagonal rows renormalise without t; the hidden-target row ignores t's history.
            #expect(a.offDiagonal[t * 3 + t] == 0)
            #expect(a.hiddenTarget[t * 3 + t] == 0 || t == 0)
        }
        // Hidden target for scene 1: only scene 2 remains active, so it takes all the weight.
        #expect(abs(a.hiddenTarget[1 * 3 + 2] - 1) < 1e-6)
        #expect(abs(a.offDiagonal[1 * 3 + 2] - 1) < 1e-6)
    }

    @Test func averageAttentionCoversActiveUsers() {
        let m = model()
        let summary = m.averageAttention(in: dataset, split: nil)
        #expect(summary.users == 3)
        for t in 0..<3 { #expect(abs((0..<3).reduce(Float(0)) { $0 + summary.average[t * 3 + $1] } - 1) < 1e-5) }
        #expect(summary.strongestSource.enumerated().allSatisfy { $0.element != $0.offset })
    }
}
