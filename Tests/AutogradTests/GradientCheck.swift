import Testing
@testable import Autograd
import Randomness

/// Checks a tape's gradients against central finite differences.
///
/// `inputs` become parameters; `build` maps their variables to any output, which is reduced to
/// a scalar by a fixed random weighting (so every output element's gradient is exercised).
/// Returns the largest violation ratio (≤ 1 means within tolerance).
@discardableResult
func checkGradients(
    _ inputs: [Tensor],
    step h: Float = 1e-2,
    absoluteTolerance: Float = 2e-3,
    relativeTolerance: Float = 1e-2,
    seed: UInt64 = 7,
    recordingIssues: Bool = true,
    sourceLocation: SourceLocation = #_sourceLocation,
    _ build: (Tape, [Variable]) -> Variable
) -> Float {
    var values = Weights()
    let parameters = inputs.enumerated().map { values.declare("x\($0.offset)", $0.element) }
    var weights: Tensor? = nil
    func loss(_ tape: Tape) -> Variable {
        let out = build(tape, parameters.map { tape.parameter($0) })
        if weights == nil {
            var rng = SeededRandom(seed: seed)
            weights = Tensor.uniform(out.shape, -1, 1, using: &rng)
        }
        return tape.sum(tape.multiply(out, tape.constant(weights!)))
    }
    let tape = Tape(reading: values)
    let gradients = tape.backward(from: loss(tape))
    var worst: Float = 0
    for p in parameters {
        let analytic = gradients.dense(p) ?? Tensor(zeros: p.shape)
        for i in 0..<p.count {
            let saved = values[p].scalars[i]
            values.withUnsafeMutableBufferPointer(of: p) { $0[i] = saved + h }
            let plus = loss(Tape(reading: values, recording: false)).value.scalar
            values.withUnsafeMutableBufferPointer(of: p) { $0[i] = saved - h }
            let minus = loss(Tape(reading: values, recording: false)).value.scalar
            values.withUnsafeMutableBufferPointer(of: p) { $0[i] = saved }
            let numeric = (plus - minus) / (2 * h)
            let a = analytic.scalars[i]
            let allowed = absoluteTolerance + relativeTolerance * max(abs(a), abs(numeric))
            worst = max(worst, abs(a - numeric) / allowed)
            if recordingIssues {
                #expect(abs(a - numeric) <= allowed,
                    "\(p.name)[\(i)] of \(p.shape): analytic \(a), numeric \(numeric)",
                        sourceLocation: sourceLocation)
            }
        }
    }
    return worst
}

/// A tensor of the given shape with entries uniform in [low, high), fixed by `seed`.
func random(_ shape: [Int], _ low: Float = -1, _ high: Float = 1, seed: UInt64) -> Tensor {
    var rng = SeededRandom(seed: seed)
    return Tensor.uniform(shape, low, high, using: &rng)
}
