/// The graph transfer of MODEL-SPEC section 3 on plain numbers, for explanations and checks.
///
/// `Z^{k+1} = (1−β) α Z^k + β Z⁰` is linear in `Z⁰`, so after `K` steps `Z^K = M Z⁰` with
/// `M = ((1−β)α)^K + β Σ_{i<K} ((1−β)α)^i`. Row `t` of `M` is each source scene's exact weight in
/// the target interest `f_t`, hence in every score of scene `t`.
public enum TransferMatrix {
    /// `M` for an `S×S` row-major attention matrix `alpha`.
    public static func make(alpha: [Float], sceneCount s: Int, beta: Float, iterations k: Int) -> [Float] {
        precondition(alpha.count == s * s && k >= 1)
        let step = alpha.map { (1 - beta) * $0 }
        var power = identity(s)  // ((1−β)α)^i, starting at i = 0
        var sum = [Float](repeating: 0, count: s * s)
        for _ in 0..<k {
            for i in sum.indices { sum[i] += beta * power[i] }
            power = multiply(step, power, s)
        }
        for i in sum.indices { sum[i] += power[i] }
        return sum
    }

    /// Node states `Z^0 … Z^K` (each `S×d`, row-major) from `Z⁰` by the iteration itself.
    public static func states(alpha: [Float], initial: [Float], sceneCount s: Int, dimension d: Int,
                              beta: Float, iterations k: Int) -> [[Float]] {
        precondition(alpha.count == s * s && initial.count == s * d)
        var all = [initial]
        var current = initial
        for _ in 0..<k {
            var next = [Float](repeating: 0, count: s * d)
            for t in 0..<s {
                for source in 0..<s {
                    let weight = (1 - beta) * alpha[t * s + source]
                    if weight == 0 { continue }
                    for j in 0..<d { next[t * d + j] += weight * current[source * d + j] }
                }
                for j in 0..<d { next[t * d + j] += beta * initial[t * d + j] }
            }
            all.append(next)
            current = next
        }
        return all
    }

    static func identity(_ s: Int) -> [Float] {
        var m = [Float](repeating: 0, count: s * s)
        for i in 0..<s { m[i * s + i] = 1 }
        return m
    }

    static func multiply(_ a: [Float], _ b: [Float], _ s: Int) -> [Float] {
        var c = [Float](repeating: 0, count: s * s)
        for i in 0..<s {
            for k in 0..<s where a[i * s + k] != 0 {
                for j in 0..<s { c[i * s + j] += a[i * s + k] * b[k * s + j] }
            }
        }
        return c
    }
}
