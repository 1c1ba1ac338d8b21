import Foundation
import Testing
@testable import Autograd

@Suite struct VectorMathTests {
    /// Within 2 ulp (relative) of Double-precision references across the whole useful range.
    @Test func matchesLibmAcrossTheRange() {
        var worstExp = 0.0, worstTanh = 0.0, worstSigmoid = 0.0
        var x: Float = -87
        while x < 88 {
            let e = Foundation.exp(Double(x))
            worstExp = max(worstExp, abs(Double(VectorMath.exp(x)) - e) / e)
            let t = Foundation.tanh(Double(x))
            if t != 0 { worstTanh = max(worstTanh, abs(Double(VectorMath.tanh(x)) - t) / abs(t)) }
            let s = 1 / (1 + Foundation.exp(-Double(x)))
            worstSigmoid = max(worstSigmoid, abs(Double(VectorMath.sigmoid(x)) - s) / s)
            x += 0.0931  // ~1900 points: debug builds run SIMD code slowly
        }
        for tiny: Float in [1e-30, -3e-8, 1e-4, 0.6249, 0.6251, -0.625] {
            let t = Foundation.tanh(Double(tiny))
            worstTanh = max(worstTanh, abs(Double(VectorMath.tanh(tiny)) - t) / abs(t))
        }
        let ulp = Double(Float.ulpOfOne)
        #expect(worstExp < 2 * ulp, "exp: \(worstExp / ulp) ulp")
        #expect(worstTanh < 2 * ulp, "tanh: \(worstTanh / ulp) ulp")
        #expect(worstSigmoid < 3 * ulp, "sigmoid: \(worstSigmoid / ulp) ulp")
    }

    @Test func saturatesInsteadOfOverflowing() {
        #expect(VectorMath.tanh(200) == 1 && VectorMath.tanh(-200) == -1)
        #expect(VectorMath.sigmoid(200) == 1)
        #expect(VectorMath.sigmoid(-200) >= 0 && VectorMath.sigmoid(-200) < 1e-37)
        #expect(VectorMath.exp(1000).isFinite && VectorMath.exp(-1000) >= 0)
        #expect(VectorMath.tanh(0) == 0)
    }

    /// Buffers whose length is not a multiple of eight go through the padded tail.
    @Test func mapHandlesEveryTailLength() {
        for count in 0..<20 {
            let x = (0..<count).map { Float($0) * 0.37 - 3 }
            let y = VectorMath.map(x, VectorMath.tanh)
            #expect(y.count == count)
            for i in 0..<count { #expect(abs(y[i] - Float(Foundation.tanh(Double(x[i])))) < 1e-6) }
        }
    }
}
