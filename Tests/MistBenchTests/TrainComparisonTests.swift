import Testing
@testable import mist_bench

/// `mist-bench train --against`: per-round ratios of this build over a reference build.
struct TrainComparisonTests {
    typealias Line = TrainComparison.Line

    /// Round 1's binary names no version (it trained v1 only): every version of today's build is
    /// compared with it; a reference that names versions is matched version by version.
    @Test func aReferenceWithoutVersionsStandsForEveryVersionAndOneWithVersionsIsMatched() {
        let roundOne = [Line(measure: "examples_per_second", version: nil, threads: 2, value: 100)]
        let today = Line(measure: "examples_per_second", version: "v3", threads: 2, value: 80)
        #expect(TrainComparison.counterpart(of: today, in: roundOne)?.value == 100)
        let versioned = [Line(measure: "examples_per_second", version: "v1", threads: 2, value: 90),
                         Line(measure: "examples_per_second", version: "v3", threads: 2, value: 70),
                         Line(measure: "examples_per_second", version: "v3", threads: 1, value: 40)]
        #expect(TrainComparison.counterpart(of: today, in: versioned)?.value == 70)
        #expect(TrainComparison.counterpart(of: Line(measure: "time_to_early_stop", version: "v3", threads: 2, value: 3), in: versioned) == nil)
    }

    @Test func ratiosAreTakenWithinEachRoundWithTheirMeanAndMedian() {
        var comparison = TrainComparison()
        for (reference, current, seconds) in [(100.0, 80.0, 2.0), (50.0, 45.0, 3.0), (200.0, 150.0, 2.5)] {
            comparison.rounds.append((
                reference: [Line(measure: "examples_per_second", version: nil, threads: 2, value: reference),
                            Line(measure: "time_to_early_stop", version: nil, threads: 2, value: 10)],
                current: [Line(measure: "examples_per_second", version: "v3", threads: 2, value: current),
                          Line(measure: "examples_per_second", version: "v3", threads: 1, value: 1),
                          Line(measure: "time_to_early_stop", version: "v3", threads: 2, value: seconds)]))
        }
        let ratios = comparison.ratios
        // One thread has no counterpart in the reference: no ratio rather than a wrong one.
        #expect(ratios.map(\.measure) == ["examples_per_second", "time_to_early_stop"])
        #expect(ratios[0].ratios == [0.8, 0.9, 0.75])
        #expect(abs(ratios[0].mean - 0.8166666) < 1e-6)
        #expect(ratios[0].median == 0.8)
        #expect(ratios[1].ratios == [0.2, 0.3, 0.25])
        #expect(ratios[1].median == 0.25)
    }

    @Test func linesAreReadFromTheBenchmarksJSON() {
        let speed = Line(json: ["bench": "train", "measure": "examples_per_second", "threads": 1, "examples_per_second": 31000.5, "version": "v2"])
        #expect(speed == Line(measure: "examples_per_second", version: "v2", threads: 1, value: 31000.5))
        let stop = Line(json: ["bench": "train", "measure": "time_to_early_stop", "threads": 2, "seconds": 3.25, "examples_per_second": 5.0])
        #expect(stop?.value == 3.25 && stop?.version == nil)
        #expect(Line(json: ["bench": "gemm", "gflops": 12.0]) == nil)
    }
}
