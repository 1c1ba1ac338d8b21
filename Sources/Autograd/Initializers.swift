import Randomness

extension Tensor {
    /// Elements drawn from `N(mean, standardDeviation²)` (e.g. embeddings: N(0, 0.1²)).
    public static func normal(
        _ shape: [Int], mean: Float = 0, standardDeviation: Float, using rng: inout SeededRandom
    ) -> Tensor {
        var t = Tensor(zeros: shape)
        for i in 0..<t.count { t.scalars[i] = rng.normal(mean: mean, standardDeviation: standardDeviation) }
        return t
    }

    /// Elements uniform in `[low, high)`.
    public static func uniform(_ shape: [Int], _ low: Float, _ high: Float, using rng: inout SeededRandom) -> Tensor {
        var t = Tensor(zeros: shape)
        for i in 0..<t.count { t.scalars[i] = rng.uniform(low, high) }
        return t
    }

    /// Glorot (Xavier) uniform: `U(−a, a)` with `a = √(6 / (fanIn + fanOut))`, which keeps the
    /// variance of activations and gradients roughly constant through a linear layer. For a
    /// matrix the fans default to its two dimensions.
    public static func glorotUniform(
        _ shape: [Int], fanIn: Int? = nil, fanOut: Int? = nil, using rng: inout SeededRandom
    ) -> Tensor {
        precondition(shape.count >= 1, "glorotUniform needs at least a vector")
        let fin = fanIn ?? (shape.count >= 2 ? shape[shape.count - 2] : shape[0])
        let fout = fanOut ?? shape[shape.count - 1]
        let a = (6 / Float(max(fin + fout, 1))).squareRoot()
        return uniform(shape, -a, a, using: &rng)
    }
}
