import Testing
import Randomness

@Suite struct RandomTests {
    @Test func sameSeedSameStreamDifferentSeedDifferentStream() {
        var a = SeededRandom(seed: 42), b = SeededRandom(seed: 42), c = SeededRandom(seed: 43)
        let xs = (0..<16).map { _ in a.next() }
        #expect(xs == (0..<16).map { _ in b.next() })
        #expect(xs != (0..<16).map { _ in c.next() })
    }

    /// Pins the stream: xoshiro256** seeded through SplitMix64 must not change silently, or
    /// every seeded experiment changes with it. SplitMix64(0)'s first output is the published
    /// 0xE220A8397B1DCDAF.
    @Test func streamIsPinned() {
        var sm = SeededRandom(seed: 0)
        let first = sm.next()
        // s1 = SplitMix64(0) second output 0x6E789E6AA1B965F4; result = rotl(s1·5, 7)·9.
        let s1: UInt64 = 0x6E78_9E6A_A1B9_65F4
        let x = s1 &* 5
        #expect(first == ((x << 7) | (x >> 57)) &* 9)
    }

    @Test func samplesHaveTheRightRangeAndMoments() {
        var rng = SeededRandom(seed: 1)
        var sum = 0.0, sumSq = 0.0
        let n = 20_000
        for _ in 0..<n {
            let z = Double(rng.normal(mean: 1, standardDeviation: 2))
            sum += z; sumSq += z * z
        }
        let mean = sum / Double(n), variance = sumSq / Double(n) - mean * mean
        #expect(abs(mean - 1) < 0.05)
        #expect(abs(variance - 4) < 0.15)
        var counts = [Int](repeating: 0, count: 7)
        for _ in 0..<7000 { counts[rng.int(below: 7)] += 1 }
        #expect(counts.allSatisfy { $0 > 850 && $0 < 1150 })
        for _ in 0..<1000 {
            let u = rng.uniform(-3, 5)
            #expect(u >= -3 && u < 5)
        }
    }

    /// The reference SplitMix64 (Vigna's splitmix64.c) seeded with 0 starts with these outputs;
    /// the split's cold draw and the generator's data depend on exactly this stream.
    @Test func splitMixMatchesTheReferenceStream() {
        var rng = SplitMix64(seed: 0)
        #expect([rng.next(), rng.next(), rng.next()] == [0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F])
    }
}
