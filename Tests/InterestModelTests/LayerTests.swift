import Autograd
import Foundation
import Testing
@testable import InterestModel

/// The interest layers and the attention on examples small enough to work out by hand.
struct LayerTests {
    /// d = 2, two heads of width 1, 3 scenes, 9 items (item i: scene i/3, topic i%3).
    func model(attention: AttentionKind = .dot) -> TransferModel {
        var h = TinyModel.hyperparameters(attention: attention, iterations: 1, beta: 0)
        h.dimension = 2
        var p = ModelParameters(hyperparameters: h, itemCount: 9, topicCount: 3, sceneCount: 3)
        p.set(\.itemEmbedding, (0..<18).map { Float($0 % 5) * 0.1 - 0.2 })  // rows (−.2,−.1) (0,.1) (.2,−.2) …
        p.set(\.topicEmbedding, [1, 0, 0, 1, 1, 1])
        p.set(\.sentimentEmbedding, [-1, 0, 0, 0, 1, 0])
        p.set(\.sceneEmbedding, [0, 0, 0, 0, 0, 0])
        // GRU: only W_n = I; every other weight and bias 0, so z = r = ½ and n = tanh(x).
        var w = [Float](repeating: 0, count: 12)
        w[8] = 1; w[11] = 1  // rows 4…5 (W_n) = identity
        p.set(\.gruInputWeight, w)
        p.set(\.gruHiddenWeight, [Float](repeating: 0, count: 12))
        p.set(\.gruBias, [Float](repeating: 0, count: 6))
        // Decoder: z = tanh(t + c + e) (three identity blocks side by side).
        p.set(\.decoderWeight, [1, 0, 1, 0, 1, 0,
                              0, 1, 0, 1, 0, 1])
        p.set(\.decoderBias, [0, 0])
        p.weights.load([1, 0], into: p.queryWeights[0]); p.weights.load([1, 0], into: p.keyWeights[0])
        p.weights.load([0, 1], into: p.queryWeights[1]); p.weights.load([0, 1], into: p.keyWeights[1])
        for a in p.additiveWeights { p.weights.load([2], into: a) }
        p.set(\.valueWeight, [1, 0, 0, 1])
        return TransferModel(parameters: p, itemTopic: TinyModel.itemTopic, itemScene: TinyModel.itemScene)
    }

    /// Scene 0: items 0 (+1), 1 (−1), 2 (0); scene 1: item 4 (+1); scene 2 empty.
    func batch() -> ContextBatch {
        var b = ContextBatch(sceneCount: 3, historyLength: 3)
        b.append([[TinyModel.event(0, 1), TinyModel.event(1, -1), TinyModel.event(2, 0)], [TinyModel.event(4, 1)], []])
        return b
    }

    @Test func threeLayersByHand() {
        let m = model()
        let pass = m.forward(batch(), on: Tape(reading: m.weights, recording: false))
        let e = m.value(\.itemEmbedding)
        func item(_ v: Int) -> [Float] { [e[2 * v], e[2 * v + 1]] }
        // Topic layer, scene 0: y ≥ 0 events are items 0 (topic a) and 2 (topic c): p = (½, 0, ½).
        let topic0: [Float] = [0.5 * 1 + 0.5 * 1, 0.5 * 0 + 0.5 * 1]
        // Sentiment layer: (1/3)(+1·E[0] − 1·E[1] + 0·E[2]).
        let sentiment0 = (0..<2).map { (item(0)[$0] - item(1)[$0]) / 3 }
        // Content layer: x_j = E_item + E_sent[y]; h_j = ½ tanh(x_j) + ½ h_{j−1}.
        let sent: [Int8: [Float]] = [-1: [-1, 0], 0: [0, 0], 1: [1, 0]]
        var h: [Float] = [0, 0]
        for (v, y) in [(0, Int8(1)), (1, -1), (2, 0)] {
            let x = (0..<2).map { item(v)[$0] + sent[y]![$0] }
            h = (0..<2).map { 0.5 * tanhf(x[$0]) + 0.5 * h[$0] }
        }
        let z0 = (0..<2).map { tanhf(topic0[$0] + h[$0] + sentiment0[$0]) }
        func row(_ v: Variable, _ r: Int) -> [Float] { Array(v.value.scalars[(2 * r)..<(2 * r + 2)]) }
        func near(_ a: [Float], _ b: [Float]) -> Bool { zip(a, b).allSatisfy { abs($0 - $1) < 1e-6 } }
        #expect(near(row(pass.topicLayer, 0), topic0))
        #expect(near(row(pass.sentimentLayer, 0), sentiment0))
        #expect(near(row(pass.contentLayer, 0), h))
        #expect(near(row(pass.interests, 0), z0))
        // Scene 2 has no history: inactive, z = 0 although tanh(b_dec + …) need not be.
        #expect(row(pass.interests, 2) == [0, 0])
    }

    @Test func twoHeadDotAttentionByHand() {
        let m = model()
        let pass = m.forward(batch(), on: Tape(reading: m.weights, recording: false))
        let z = pass.interests.value.scalars
        // Head 1 looks at coordinate 0, head 2 at coordinate 1 (d_h = 1, so no scaling).
        for (head, coordinate) in [(0, 0), (1, 1)] {
            let alpha = pass.headAttention[head].value.scalars
            for t in 0..<3 {
                let q = z[2 * t + coordinate]
                let s0 = exp(q * z[coordinate]), s1 = exp(q * z[2 + coordinate])
                #expect(abs(alpha[3 * t] - s0 / (s0 + s1)) < 1e-6)
                #expect(abs(alpha[3 * t + 1] - s1 / (s0 + s1)) < 1e-6)
                #expect(alpha[3 * t + 2] == 0)  // scene 2 inactive
            }
        }
        let mean = pass.attention.value.scalars
        let h0 = pass.headAttention[0].value.scalars, h1 = pass.headAttention[1].value.scalars
        for i in 0..<9 { #expect(abs(mean[i] - (h0[i] + h1[i]) / 2) < 1e-7) }
    }

    @Test func additiveAttentionByHand() {
        let m = model(attention: .additive)
        let pass = m.forward(batch(), on: Tape(reading: m.weights, recording: false))
        let z = pass.interests.value.scalars
        let alpha = pass.headAttention[0].value.scalars
        let t = 1
        let s0 = exp(2 * tanhf(z[2 * t] + z[0])), s1 = exp(2 * tanhf(z[2 * t] + z[2]))
        #expect(abs(alpha[3 * t] - s0 / (s0 + s1)) < 1e-6)
        #expect(abs(alpha[3 * t + 1] - s1 / (s0 + s1)) < 1e-6)
    }

    @Test func attentionRowsSumToOneOverActiveScenesAndZeroElsewhere() {
        for kind in AttentionKind.allCases {
            let m = TinyModel.model(TinyModel.hyperparameters(attention: kind))
            var batch = TinyModel.batch()
            batch.append([[], [], []] as [[HistoryEvent]])  // no history at all: α = 0
            let pass = m.forward(batch, on: Tape(reading: m.weights, recording: false))
            for matrix in pass.headAttention + [pass.attention] {
                let a = matrix.value.scalars
                for b in 0..<batch.count {
                    let active = (0..<3).map { batch.isActive(b, $0) }
                    for t in 0..<3 {
                        let row = (0..<3).map { a[(b * 3 + t) * 3 + $0] }
                        for s in 0..<3 where !active[s] { #expect(row[s] == 0) }
                        let total = row.reduce(0, +)
                        #expect(active.contains(true) ? abs(total - 1) < 1e-5 : total == 0)
                    }
                }
            }
        }
    }

    @Test func oneIterationWithoutBetaIsTheWeightedSum() {
        let m = TinyModel.model(TinyModel.hyperparameters(iterations: 1, beta: 0))
        let pass = m.forward(TinyModel.batch(), on: Tape(reading: m.weights, recording: false))
        let d = 4
        let alpha = pass.attention.value.scalars, z = pass.interests.value.scalars, f = pass.states.last!.value.scalars
        let wv = m.value(\.valueWeight)
        for b in 0..<3 {
            for t in 0..<3 {
                // f_t = Σ_s α_{t,s} · W_v z_s  — the seed's Σ_i w_i · Interest_i.
                for i in 0..<d {
                    var expected: Float = 0
                    for s in 0..<3 {
                        var projected: Float = 0
                        for j in 0..<d { projected += wv[i * d + j] * z[(b * 3 + s) * d + j] }
                        expected += alpha[(b * 3 + t) * 3 + s] * projected
                    }
                    #expect(abs(f[(b * 3 + t) * d + i] - expected) < 1e-5)
                }
            }
        }
    }

    @Test func transferMatrixReproducesTheIterations() {
        let s = 3, d = 2
        let alpha: [Float] = [0.7, 0.3, 0, 0.2, 0.5, 0.3, 0, 0, 0]
        let initial: [Float] = [1, -2, 0.5, 0.25, 3, 1]
        for (beta, k) in [(Float(0.2), 2), (0, 1), (0.5, 4)] {
            let states = TransferMatrix.states(alpha: alpha, initial: initial, sceneCount: s, dimension: d, beta: beta, iterations: k)
            let m = TransferMatrix.make(alpha: alpha, sceneCount: s, beta: beta, iterations: k)
            for t in 0..<s {
                for j in 0..<d {
                    let viaM = (0..<s).reduce(Float(0)) { $0 + m[t * s + $1] * initial[$1 * d + j] }
                    #expect(abs(viaM - states[k][t * d + j]) < 1e-5)
                }
            }
        }
    }
}
