import Foundation
import Testing
@testable import InterestModel

struct MetricsTests {
    @Test func topItemsBreakTiesByLowerItemIndex() {
        let top = RankingMetrics.topItems(candidates: [9, 4, 7, 2, 5], scores: [0.5, 0.9, 0.5, 0.5, 0.1], count: 3)
        #expect(top == [4, 2, 7])
        #expect(RankingMetrics.topItems(candidates: [3, 1], scores: [1, 1], count: 5) == [1, 3])
    }

    @Test func scoresOfAHandMadeRanking() {
        // Hits at ranks 1 and 4 (0-based 0 and 3) of 5, three targets (one never ranked).
        let s = RankingMetrics.score(ranking: [10, 11, 12, 13, 14], targets: [10, 13, 99], k: 5)
        #expect(s.hitRate == 1)
        #expect(s.precision == 2.0 / 5)
        #expect(abs(s.recall - 2.0 / 3) < 1e-12)
        let dcg = 1 / log2(2.0) + 1 / log2(5.0)
        let ideal = 1 / log2(2.0) + 1 / log2(3.0) + 1 / log2(4.0)
        #expect(abs(s.ndcg - dcg / ideal) < 1e-12)
        // At K = 2 only the first hit counts, and the ideal has min(K, |T|) = 2 terms.
        let s2 = RankingMetrics.score(ranking: [10, 11, 12, 13, 14], targets: [10, 13, 99], k: 2)
        #expect(s2.precision == 0.5)
        #expect(abs(s2.ndcg - 1 / (1 + 1 / log2(3.0))) < 1e-12)
        let miss = RankingMetrics.score(ranking: [1, 2, 3], targets: [7], k: 5)
        #expect(miss == RankingScores())
    }

    @Test func accumulatorAverages() {
        var a = MetricsAccumulator()
        a.add(ranking: [1, 2, 3, 4, 5], targets: [1])
        a.add(ranking: [1, 2, 3, 4, 5], targets: [9])
        #expect(a.count == 2)
        #expect(a.average(at: 5).hitRate == 0.5)
        #expect(a.average(at: 10).precision == 0.05)
    }
}
