/// Eight floats at a time from raw buffers: the one place the kernels (`VectorMath`, `GRUKernels`,
/// `GroupedSumKernels`, `GEMM`'s packing, `Adam`) load and store `SIMD8<Float>`. A run's last
/// lanes, when fewer than 8 remain, go through a zero-padded vector and only the real ones are
/// stored, so a kernel writes its arithmetic once, on whole vectors, and every lane does the
/// scalar operations in the scalar order (the bits do not depend on the width).
enum Lanes {
    typealias V = SIMD8<Float>

    /// `n` ≤ 8 floats from `p` as lanes (the rest 0).
    @inline(__always)
    static func load(_ p: UnsafePointer<Float>, _ n: Int = 8) -> V {
        if n == 8 { return UnsafeRawPointer(p).loadUnaligned(as: V.self) }
        var v = V()
        for i in 0..<n { v[i] = p[i] }
        return v
    }

    /// The first `n` ≤ 8 lanes of `v` to `p`.
    @inline(__always)
    static func store(_ v: V, _ p: UnsafeMutablePointer<Float>, _ n: Int = 8) {
        if n == 8 { UnsafeMutableRawPointer(p).storeBytes(of: v, as: V.self); return }
        for i in 0..<n { p[i] = v[i] }
    }
}
