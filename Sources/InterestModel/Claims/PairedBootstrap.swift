import Randomness

/// A lift `mean(a) / mean(b) − 1` with its paired-bootstrap 95% interval.
public struct LiftEstimate: Sendable, Equatable {
    /// The lift on the cases as they are.
    public let value: Double
    /// The 2.5th and 97.5th percentiles of the resampled lifts.
    public let low: Double
    public let high: Double
    /// Cases the lift is computed over.
    public let cases: Int
    /// Resamples drawn.
    public let resamples: Int
    /// Resamples where `mean(b)` was 0, left out of the percentiles (see `PairedBootstrap`).
    public let undefinedResamples: Int

    /// The claims protocol's rule: the point value reaches `target` and the lower bound is above 0.
    public func holds(target: Double) -> Bool { value >= target && low > 0 }
}

/// The paired bootstrap of MODEL-SPEC "Claims protocol (v2)": resample the pooled cases with
/// replacement, the same resample for both models, and take percentiles of the resampled lifts.
public enum PairedBootstrap {
    public static let defaultResamples = 1000

    /// The lift of `a` over `b` (per-case values of the same cases in the same order, e.g. each
    /// case's P@10 under two models) and its 95% interval from `resamples` paired resamples drawn
    /// with `SeededRandom(seed:)`. For a given seed and case count the resamples are the same
    /// whatever the values, so the lifts of P@10, R@10 and NDCG@10 see the very same resamples.
    ///
    /// Returns nil when there are no cases, when `mean(b)` is 0 (the lift is undefined), or in
    /// the limit where no resample at all has `mean(b) > 0`. A resample whose `b` values are all 0
    /// has no lift either (it would be +∞ or 0/0); such resamples are left out of the percentiles
    /// and counted in `undefinedResamples`. Since `mean(b) > 0`, this needs every drawn case to
    /// have `b = 0`, which has probability (share of zero cases)^n: for the hundreds of pooled
    /// cases of a claim it does not happen, and a nonzero count says the interval is not to be trusted.
    public static func lift(_ a: [Double], over b: [Double], seed: UInt64,
                            resamples: Int = defaultResamples) -> LiftEstimate? {
        precondition(a.count == b.count, "paired values: \(a.count) against \(b.count) cases")
        precondition(resamples > 0, "the bootstrap needs at least one resample")
        let n = a.count
        // Same n, so mean(a)/mean(b) = sum(a)/sum(b).
        let sumB = b.reduce(0, +)
        guard n > 0, sumB != 0 else { return nil }
        let value = a.reduce(0, +) / sumB - 1
        var random = SeededRandom(seed: seed)
        var lifts: [Double] = []
        lifts.reserveCapacity(resamples)
        for _ in 0..<resamples {
            var resampledA = 0.0, resampledB = 0.0
            for _ in 0..<n {
                let i = random.int(below: n)
                resampledA += a[i]
                resampledB += b[i]
            }
            if resampledB != 0 { lifts.append(resampledA / resampledB - 1) }
        }
        guard !lifts.isEmpty else { return nil }
        lifts.sort()
        return LiftEstimate(value: value, low: percentile(sorted: lifts, 0.025), high: percentile(sorted: lifts, 0.975),
                            cases: n, resamples: resamples, undefinedResamples: resamples - lifts.count)
    }

    /// The `q`-quantile (0 ≤ q ≤ 1) of sorted values by linear interpolation between the two
    /// nearest ranks: position `q·(m − 1)` in 0-based order (Hyndman–Fan type 7, numpy's default
    /// `percentile`, R's default `quantile`), so the figures can be checked with either. For 1000
    /// resamples the 2.5th percentile lies between the 25th and 26th smallest lifts (position 24.975).
    public static func percentile(sorted values: [Double], _ q: Double) -> Double {
        precondition(!values.isEmpty && (0...1).contains(q))
        let position = q * Double(values.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, values.count - 1)
        let fraction = position - Double(lower)
        // Equal neighbours give that value exactly (no 0·x rounding), e.g. identical models → [0, 0].
        if values[lower] == values[upper] { return values[lower] }
        return values[lower] + fraction * (values[upper] - values[lower])
    }
}
