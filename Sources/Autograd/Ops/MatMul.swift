extension Tape {
    /// Matrix product `op(a)·op(b)`, where `op` transposes when asked.
    ///
    /// - Rank 2: `a` is `m×k` (or `k×m` with `transposeA`), `b` is `k×n` (or `n×k` with
    ///   `transposeB`); the result is `m×n`.
    /// - Rank 3 (batched): `a` is `B×m×k`, `b` is `B×k×n` (transposes apply per batch); the
    ///   result is `B×m×n`. To multiply a batch by one shared matrix, reshape the batch to rank 2
    ///   first: `[B·m × k]·[k × n]` is one big product instead of B small ones.
    public func matmul(_ a: Variable, _ b: Variable, transposeA: Bool = false, transposeB: Bool = false) -> Variable {
        let (batch, m, k, n) = MatMulShape.resolve(a.shape, b.shape, transposeA, transposeB)
        let threads = self.threads  // captured by value: a node must not retain its tape
        let value = MatMulShape.product(a.value, b.value, batch: batch, m: m, k: k, n: n,
                                        transposeA: transposeA, transposeB: transposeB, threads: threads)
        let resultShape = a.shape.count == 3 ? [batch, m, n] : [m, n]
        let out = Tensor(shape: resultShape, scalars: value)
        return record(out, inputs: [a, b]) { g, sink in
            // C = op(A)·op(B): d op(A) = dC·op(B)ᵀ and d op(B) = op(A)ᵀ·dC, then undo the
            // transposes so each gradient is stored the way its operand is.
            if a.requiresGradient {
                let da = transposeA
                    ? MatMulShape.product(b.value, g, batch: batch, m: k, k: n, n: m,
                                          transposeA: transposeB, transposeB: true, threads: threads)
                    : MatMulShape.product(g, b.value, batch: batch, m: m, k: n, n: k,
                                          transposeA: false, transposeB: !transposeB, threads: threads)
                sink.accumulate(Tensor(shape: a.shape, scalars: da), into: a)
            }
            if b.requiresGradient {
                let db = transposeB
                    ? MatMulShape.product(g, a.value, batch: batch, m: n, k: m, n: k,
                                          transposeA: true, transposeB: transposeA, threads: threads)
                    : MatMulShape.product(a.value, g, batch: batch, m: k, k: m, n: n,
                                          transposeA: !transposeA, transposeB: false, threads: threads)
                sink.accumulate(Tensor(shape: b.shape, scalars: db), into: b)
            }
        }
    }
}

/// Shape checking and the batched product behind `Tape.matmul`.
enum MatMulShape {
    /// `(batch, m, k, n)` for `op(a)·op(b)`; traps with both shapes when they do not fit.
    static func resolve(_ a: [Int], _ b: [Int], _ ta: Bool, _ tb: Bool) -> (Int, Int, Int, Int) {
        precondition((a.count == 2 && b.count == 2) || (a.count == 3 && b.count == 3 && a[0] == b[0]),
                     "matmul needs two matrices or two equal batches of matrices, got \(a) and \(b)")
        let batch = a.count == 3 ? a[0] : 1
        let ar = a[a.count - 2], ac = a[a.count - 1], br = b[b.count - 2], bc = b[b.count - 1]
        let (m, k) = ta ? (ac, ar) : (ar, ac)
        let (k2, n) = tb ? (bc, br) : (br, bc)
        precondition(k == k2, "matmul inner dimensions differ: \(a)\(ta ? "ᵀ" : "") · \(b)\(tb ? "ᵀ" : "")")
        return (batch, m, k, n)
    }

    /// `batch` products `op(a_i)·op(b_i)`, each `m×n`, as one array.
    static func product(
        _ a: Tensor, _ b: Tensor, batch: Int, m: Int, k: Int, n: Int, transposeA: Bool, transposeB: Bool, threads: Int
    ) -> [Float] {
        product(a.scalars, b.scalars, batch: batch, m: m, k: k, n: n, transposeA: transposeA, transposeB: transposeB, threads: threads)
    }

    static func product(
        _ a: [Float], _ b: [Float], batch: Int, m: Int, k: Int, n: Int, transposeA: Bool, transposeB: Bool, threads: Int
    ) -> [Float] {
        [Float](unsafeUninitializedCapacity: batch * m * n) { out, count in
            count = batch * m * n
            guard count > 0 else { return }
            guard k > 0 else { out.initialize(repeating: 0); return }
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    for i in 0..<batch {
                        GEMM.multiply(m: m, n: n, k: k,
                                      a.baseAddress! + i * m * k, transposeA: transposeA,
                                      b.baseAddress! + i * k * n, transposeB: transposeB,
                                      into: out.baseAddress! + i * m * n, accumulate: false, threads: threads)
                    }
                }
            }
        }
    }
}
