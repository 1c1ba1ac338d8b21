import Testing
import Autograd
import Randomness

@Suite struct InitializerTests {
    @Test func glorotBoundAndDeterministicInit() {
        var r1 = SeededRandom(seed: 9), r2 = SeededRandom(seed: 9)
        let a = Tensor.glorotUniform([32, 96], using: &r1)
        #expect(a == Tensor.glorotUniform([32, 96], using: &r2))
        let bound = (6.0 / 128.0).squareRoot()
        #expect(a.scalars.allSatisfy { abs(Double($0)) <= bound })
        #expect(a.scalars.map { abs(Double($0)) }.max()! > 0.9 * bound)
    }
}
