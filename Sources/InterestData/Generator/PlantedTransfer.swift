import Randomness

/// The planted scene-to-scene transfer matrix: row t says how the user's latent interests of each
/// scene mix into the interest that drives choices in t. Diagonal-heavy (`diagonalWeight`), with one
/// clear off-diagonal source per target, its partner (scenes pair up in order: 0↔1, 2↔3, …; with
/// an odd count the last scene's partner is scene 0), at `partnerWeight`; the remaining weight is spread
/// thinly over the other scenes. Partners are mutual so that the data's covariance between two
/// scenes points the same way as the plant, and a learner can recover it honestly.
enum PlantedTransfer {
    static func partner(of t: Int, sceneCount: Int) -> Int {
        if t ^ 1 < sceneCount { return t ^ 1 }
        return 0
    }

    static func matrix(sceneCount: Int, diagonal diagonalMean: Double, partner partnerMean: Double, rng: inout SplitMix64) -> [[Double]] {
        let s = sceneCount
        if s == 1 { return [[1]] }
        var rows: [[Double]] = []
        for t in 0..<s {
            var row = [Double](repeating: 0, count: s)
            let p = partner(of: t, sceneCount: s)
            let others = (0..<s).filter { $0 != t && $0 != p }
            let diagonal = diagonalMean - 0.05 + 0.10 * rng.nextDouble()
            let partnerWeight = others.isEmpty ? 1 - diagonal : partnerMean - 0.03 + 0.06 * rng.nextDouble()
            let rest = 1 - diagonal - partnerWeight
            let jitter = others.map { _ in 0.75 + 0.5 * rng.nextDouble() }
            let jitterTotal = jitter.reduce(0, +)
            for (k, o) in others.enumerated() { row[o] = rest * jitter[k] / jitterTotal }
            row[p] = partnerWeight
            rows.append(rounded(row, diagonal: t))
        }
        return rows
    }

    /// Four decimals keep truth.json readable; the diagonal absorbs the rounding.
    static func rounded(_ row: [Double], diagonal t: Int) -> [Double] {
        var row = row.map { ($0 * 10_000).rounded() / 10_000 }
        row[t] = 0
        row[t] = ((1 - row.reduce(0, +)) * 10_000).rounded() / 10_000
        return row
    }

    /// The latent-factor regimes' matrix: no partner pairing. Row t keeps `diagonalMean` ± `jitter`
    /// on itself and spreads the rest over the other scenes by a Dirichlet draw of `concentration`:
    /// small (0.5) gives one or two clear sources per target that need not be mutual (t may feed on
    /// s while s feeds on u), large (2+) a diffuse, even spread where no source stands out.
    static func dirichletMatrix(sceneCount s: Int, diagonal diagonalMean: Double, jitter: Double,
                                concentration: Double, rng: inout SplitMix64) -> [[Double]] {
        if s == 1 { return [[1]] }
        return (0..<s).map { t in
            let diagonal = min(0.95, max(0.05, diagonalMean - jitter + 2 * jitter * rng.nextDouble()))
            let others = rng.dirichlet(concentration: concentration, count: s - 1)
            var row = [Double](repeating: 0, count: s)
            for (k, o) in (0..<s).filter({ $0 != t }).enumerated() { row[o] = (1 - diagonal) * others[k] }
            row[t] = diagonal
            return rounded(row, diagonal: t)
        }
    }
}
