/// Plain loops over contiguous `Float` buffers, written so the compiler vectorises them
/// (no bounds checks in release builds: the module is compiled with `-Ounchecked`).
/// Every op's forward and backward is built from these and from `GEMM`.
public enum Kernels {
    /// `y[i] += x[i]`.
    @inlinable public static func add(_ x: [Float], into y: inout [Float]) {
        precondition(x.count == y.count, "add: \(x.count) vs \(y.count) scalars")
        x.withUnsafeBufferPointer { x in
            y.withUnsafeMutableBufferPointer { y in
                for i in 0..<y.count { y[i] += x[i] }
            }
        }
    }

    /// `y[i] *= factor`.
    @inlinable public static func scale(_ y: inout [Float], by factor: Float) {
        y.withUnsafeMutableBufferPointer { y in
            for i in 0..<y.count { y[i] *= factor }
        }
    }

    /// `Σ x[i]²`, accumulated in `Double`.
    @inlinable public static func sumOfSquares(_ x: [Float]) -> Double {
        x.withUnsafeBufferPointer { x in
            // Float partial sums per chunk keep the loop vectorisable; Double across chunks keeps
            // long sums accurate.
            var total = 0.0
            var start = 0
            while start < x.count {
                let end = min(start + 1024, x.count)
                var partial: Float = 0
                for i in start..<end { partial += x[i] * x[i] }
                total += Double(partial)
                start = end
            }
            return total
        }
    }

    /// `Σ x[i]`, accumulated in `Double`.
    @inlinable public static func sum(_ x: UnsafeBufferPointer<Float>) -> Double {
        var total = 0.0
        var start = 0
        while start < x.count {
            let end = min(start + 1024, x.count)
            var partial: Float = 0
            for i in start..<end { partial += x[i] }
            total += Double(partial)
            start = end
        }
        return total
    }

    /// A new array `f(x[i])`.
    @inlinable public static func map(_ x: [Float], _ f: (Float) -> Float) -> [Float] {
        [Float](unsafeUninitializedCapacity: x.count) { out, n in
            x.withUnsafeBufferPointer { x in
                for i in 0..<x.count { out[i] = f(x[i]) }
            }
            n = x.count
        }
    }

    /// A new array `f(x[i], y[i])`.
    @inlinable public static func zip(_ x: [Float], _ y: [Float], _ f: (Float, Float) -> Float) -> [Float] {
        precondition(x.count == y.count, "zip: \(x.count) vs \(y.count) scalars")
        return [Float](unsafeUninitializedCapacity: x.count) { out, n in
            x.withUnsafeBufferPointer { x in
                y.withUnsafeBufferPointer { y in
                    for i in 0..<x.count { out[i] = f(x[i], y[i]) }
                }
            }
            n = x.count
        }
    }

    /// A new array `f(x[i], y[i], z[i])`.
    @inlinable public static func zip3(
        _ x: [Float], _ y: [Float], _ z: [Float], _ f: (Float, Float, Float) -> Float
    ) -> [Float] {
        precondition(x.count == y.count && y.count == z.count, "zip3: scalar counts differ")
        return [Float](unsafeUninitializedCapacity: x.count) { out, n in
            x.withUnsafeBufferPointer { x in
                y.withUnsafeBufferPointer { y in
                    z.withUnsafeBufferPointer { z in
                        for i in 0..<x.count { out[i] = f(x[i], y[i], z[i]) }
                    }
                }
            }
            n = x.count
        }
    }

    /// A new `rows × columns` array `f(x[r, c], b[c])`: `b` is one row broadcast over every row.
    @inlinable public static func broadcastRow(
        _ x: [Float], _ b: [Float], _ f: (Float, Float) -> Float
    ) -> [Float] {
        let c = b.count
        precondition(c > 0 ? x.count % c == 0 : x.isEmpty, "broadcastRow: \(x.count) scalars, row of \(c)")
        return [Float](unsafeUninitializedCapacity: x.count) { out, n in
            x.withUnsafeBufferPointer { x in
                b.withUnsafeBufferPointer { b in
                    var base = 0
                    while base < x.count {
                        for j in 0..<c { out[base + j] = f(x[base + j], b[j]) }
                        base += c
                    }
                }
            }
            n = x.count
        }
    }

    /// A new `rows × columns` array `f(x[r, c], b[r])`: `b` is one column broadcast over every
    /// column.
    @inlinable public static func broadcastColumn(
        _ x: [Float], _ b: [Float], _ f: (Float, Float) -> Float
    ) -> [Float] {
        let r = b.count
        precondition(r > 0 ? x.count % r == 0 : x.isEmpty, "broadcastColumn: \(x.count) scalars, column of \(r)")
        let c = r > 0 ? x.count / r : 0
        return [Float](unsafeUninitializedCapacity: x.count) { out, n in
            x.withUnsafeBufferPointer { x in
                b.withUnsafeBufferPointer { b in
                    for i in 0..<r {
                        let v = b[i]
                        for j in 0..<c { out[i * c + j] = f(x[i * c + j], v) }
                    }
                }
            }
            n = x.count
        }
    }

    /// Column sums of a `rows × columns` array (the backward of row broadcasting).
    @inlinable public static func columnSums(_ x: [Float], columns c: Int) -> [Float] {
        var out = [Float](repeating: 0, count: c)
        guard c > 0 else { return out }
        x.withUnsafeBufferPointer { x in
            out.withUnsafeMutableBufferPointer { out in
                var base = 0
                while base < x.count {
                    for j in 0..<c { out[j] += x[base + j] }
                    base += c
                }
            }
        }
        return out
    }

    /// Row sums of a `rows × columns` array (the backward of column broadcasting).
    @inlinable public static func rowSums(_ x: [Float], columns c: Int) -> [Float] {
        let r = c > 0 ? x.count / c : 0
        return [Float](unsafeUninitializedCapacity: r) { out, n in
            x.withUnsafeBufferPointer { x in
                for i in 0..<r {
                    var s: Float = 0
                    for j in 0..<c { s += x[i * c + j] }
                    out[i] = s
                }
            }
            n = r
        }
    }
}
