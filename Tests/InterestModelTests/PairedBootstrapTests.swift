import InterestData
@testable import InterestModel
import Randomness
import Testing

/// The paired bootstrap of the claims protocol and the per-case metrics it is fed with.
struct PairedBootstrapTests {
    @Test func identicalModelsHaveLiftZeroAndIntervalZero() throws {
        var random = SeededRandom(seed: 1)
        let values = (0..<300).map { _ in random.nextDouble() }
        let lift = try #require(PairedBootstrap.lift(values, over: values, seed: 7))
        #expect(lift.value == 0 && lift.low == 0 && lift.high == 0)
        #expect(lift.cases == 300 && lift.resamples == 1000 && lift.undefinedResamples == 0)
        #expect(!lift.holds(target: 0))
    }

    /// b is noise, a = 1.2·b plus independent noise with mean 0: the true lift is 0.2.
    @Test func aKnownShiftLiesInsideTheInterval() throws {
        var random = SeededRandom(seed: 3)
        let b = (0..<2000).map { _ in random.nextDouble() }
        let a = b.map { 1.2 * $0 + (random.nextDouble() - 0.5) * 0.4 }
        let lift = try #require(PairedBootstrap.lift(a, over: b, seed: 11))
        #expect(lift.low < 0.2 && 0.2 < lift.high)
        #expect(lift.low < lift.value && lift.value < lift.high)
        // Pairing cancels the shared part b: only the noise (sd ≈ 0.0052 on the lift) is left.
        #expect(lift.high - lift.low < 0.05)
        #expect(lift.holds(target: 0.15) && !lift.holds(target: 0.3))
    }

    @Test func theSameSeedGivesTheSameInterval() throws {
        var random = SeededRandom(seed: 4)
        let b = (0..<150).map { _ in random.nextDouble() }
        let a = b.map { $0 + random.nextDouble() * 0.2 }
        let first = try #require(PairedBootstrap.lift(a, over: b, seed: 42))
        #expect(PairedBootstrap.lift(a, over: b, seed: 42) == first)
        let other = try #require(PairedBootstrap.lift(a, over: b, seed: 43))
        #expect(other.value == first.value && (other.low, other.high) != (first.low, first.high))
    }

    @Test func emptyInputAndAZeroBaselineHaveNoLift() throws {
        #expect(PairedBootstrap.lift([], over: [], seed: 1) == nil)
        #expect(PairedBootstrap.lift([0.1, 0.2], over: [0, 0], seed: 1) == nil)
        // a = [1, 2] over b = [1, 0]: mean(b) > 0, lift 3/1 − 1 = 2. A resample of two cases is
        // case 0 twice (2/2 − 1 = 0, p = 1/4), one of each (3/1 − 1 = 2, p = 1/2) or case 1 twice
        // (b = 0, p = 1/4): those are left out and counted; the others give the interval [0, 2].
        let lift = try #require(PairedBootstrap.lift([1, 2], over: [1, 0], seed: 5))
        #expect(lift.value == 2)
        #expect(lift.undefinedResamples > 150 && lift.undefinedResamples < 350)
        #expect(lift.low == 0 && lift.high == 2)
    }

    @Test func percentilesInterpolateLinearlyBetweenRanks() {
        #expect(PairedBootstrap.percentile(sorted: [1, 2, 3, 4, 5], 0.25) == 2)
        #expect(PairedBootstrap.percentile(sorted: [1, 2, 3, 4], 0.5) == 2.5)
        #expect(PairedBootstrap.percentile(sorted: [7], 0.975) == 7)
        // 1000 values 0…999: the 2.5th percentile is at position 24.975, the 97.5th at 974.025.
        let ranks = (0..<1000).map(Double.init)
        #expect(abs(PairedBootstrap.percentile(sorted: ranks, 0.025) - 24.975) < 1e-9)
        #expect(abs(PairedBootstrap.percentile(sorted: ranks, 0.975) - 974.025) < 1e-9)
    }

    /// Per-case metrics average to exactly what the evaluator reports, in case order, on any thread count.
    @Test func perCaseMetricsAverageToTheEvaluatorsFigures() {
        let dataset = TrainingData.make()
        let split = Split(dataset: dataset, seed: 3)
        let popularity = PopularityBaseline(dataset: dataset, split: split)
        for cases in [split.warmTestCases, split.coldCases] where !cases.isEmpty {
            let perCase = Evaluator.perCase(popularity, cases: cases, dataset: dataset, threads: 2)
            #expect(perCase.count == cases.count)
            #expect(perCase == Evaluator.perCase(popularity, cases: cases, dataset: dataset, threads: 1))
            let total = Evaluator.evaluate(popularity, cases: cases, dataset: dataset).overall
            for k in RankingMetrics.cutoffs {
                let mean = { (metric: (RankingScores) -> Double) in perCase.map { metric($0.at(k)) }.reduce(0, +) / Double(cases.count) }
                #expect(abs(mean(\.precision) - total.average(at: k).precision) < 1e-12)
                #expect(abs(mean(\.recall) - total.average(at: k).recall) < 1e-12)
                #expect(abs(mean(\.ndcg) - total.average(at: k).ndcg) < 1e-12)
            }
            // Case order: each entry is its own case's ranking.
            let third = cases[cases.count / 2]
            let scores = popularity.scores(for: [third], in: dataset)[0]
            let ranking = Evaluator.rank(third, scores: scores, dataset: dataset, count: 20)
            #expect(perCase[cases.count / 2].at(10) == RankingMetrics.score(ranking: ranking, targets: Set(third.targets.map { Int($0) }), k: 10))
        }
        #expect(Evaluator.perCase(popularity, cases: [], dataset: dataset).isEmpty)
    }

    /// More cases than one chunk, so both threads get work and the chunks must come back in order.
    @Test func perCaseMetricsKeepCaseOrderAcrossChunks() {
        let dataset = TrainingData.make()
        let split = Split(dataset: dataset, seed: 3)
        let popularity = PopularityBaseline(dataset: dataset, split: split)
        let base = split.warmTestCases
        let many = (0..<(Evaluator.chunkSize * 2 + 7)).map { base[$0 % base.count] }
        let perCase = Evaluator.perCase(popularity, cases: many, dataset: dataset, threads: 2)
        let single = Evaluator.perCase(popularity, cases: base, dataset: dataset, threads: 1)
        #expect(perCase.count == many.count)
        #expect(perCase.indices.allSatisfy { perCase[$0] == single[$0 % base.count] })
    }
}
