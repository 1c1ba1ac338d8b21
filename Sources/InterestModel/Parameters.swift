import Autograd
import Foundation
import Randomness

/// Every trainable tensor of the model, by its checkpoint name (docs/MODEL.md lists them all).
///
/// The GRU's three gate matrices are stored stacked (`[W_z; W_r; W_n]`, `[U_z; U_r; U_n]`,
/// `[b_z; b_r; b_n]`) so that one GEMM computes all gates of a step.
///
/// A value: the handles below name slots of `weights`, which holds every value. Training
/// rewrites `weights` (see `Trainer`); the handles never change.
public struct ModelParameters: Sendable, Equatable {
    public let hyperparameters: Hyperparameters
    public let itemCount: Int, topicCount: Int, sceneCount: Int

    public let itemEmbedding: Parameter       // V×d
    public let itemBias: Parameter            // V×1 (stored as [V])
    public let topicEmbedding: Parameter      // C×d
    public let sentimentEmbedding: Parameter  // 3×d, rows for y = −1, 0, +1
    public let sceneEmbedding: Parameter      // S×d
    public let gruInputWeight: Parameter      // 3d×d
    public let gruHiddenWeight: Parameter     // 3d×d
    public let gruBias: Parameter             // 1×3d (stored as [3d])
    public let decoderWeight: Parameter       // d×3d
    public let decoderBias: Parameter         // 1×d (stored as [d])
    public let queryWeights: [Parameter]      // per head d_h×d
    public let keyWeights: [Parameter]        // per head d_h×d
    public let additiveWeights: [Parameter]   // per head 1×d_h (additive attention only)
    public let valueWeight: Parameter         // d×d
    /// v2's item-level path: each item's vector as a source (`E_src`, V×d); nil in v1.
    public let itemSourceEmbedding: Parameter?
    /// v3's topic path: each topic's vector as a source (`T_src`, C×d) and as a part of every item
    /// of that topic (`E_ctopic`, C×d, added to `E_item[v]` wherever an item is scored); nil before v3.
    public let topicSourceEmbedding: Parameter?, itemTopicEmbedding: Parameter?
    /// The values of every parameter above.
    public var weights: Weights

    /// Freshly initialised parameters: embeddings N(0, σ²), matrices Glorot-uniform, biases 0.
    public init(hyperparameters h: Hyperparameters, itemCount: Int, topicCount: Int, sceneCount: Int) {
        self.hyperparameters = h
        self.itemCount = itemCount
        self.topicCount = topicCount
        self.sceneCount = sceneCount
        var random = SeededRandom(seed: h.seed)
        var weights = Weights()
        let d = h.dimension, dh = h.headDimension, sigma = h.embeddingStandardDeviation
        // Declaration order is `all`'s order and the order of the random draws: keep both.
        func normal(_ name: String, _ rows: Int, _ columns: Int) -> Parameter {
            weights.declare(name, Tensor.normal([rows, columns], standardDeviation: sigma, using: &random))
        }
        func glorot(_ name: String, _ rows: Int, _ columns: Int) -> Parameter {
            weights.declare(name, Tensor.glorotUniform([rows, columns], using: &random))
        }
        func zeros(_ name: String, _ rows: Int, _ columns: Int) -> Parameter {
            weights.declare(name, Tensor(zeros: [rows, columns]))
        }
        itemEmbedding = normal("item_embedding", itemCount, d)
        itemBias = zeros("item_bias", itemCount, 1)
        topicEmbedding = normal("topic_embedding", topicCount, d)
        sentimentEmbedding = normal("sentiment_embedding", 3, d)
        sceneEmbedding = normal("scene_embedding", sceneCount, d)
        gruInputWeight = glorot("gru.input_weight", 3 * d, d)
        gruHiddenWeight = glorot("gru.hidden_weight", 3 * d, d)
        gruBias = zeros("gru.bias", 1, 3 * d)
        decoderWeight = glorot("decoder.weight", d, 3 * d)
        decoderBias = zeros("decoder.bias", 1, d)
        queryWeights = (0..<h.heads).map { glorot("attention.query.\($0)", dh, d) }
        keyWeights = (0..<h.heads).map { glorot("attention.key.\($0)", dh, d) }
        additiveWeights = h.attention == .additive ? (0..<h.heads).map { glorot("attention.additive.\($0)", 1, dh) } : []
        valueWeight = glorot("value.weight", d, d)
        // Zero at the start, so a v2 model begins as its v1 twin (and v1's random draws, made
        // above, are the same in both): the item path grows only where the loss asks for it.
        itemSourceEmbedding = h.hasItemPath ? zeros("item_source_embedding", itemCount, d) : nil
        // Zero as well: a fresh v3 model scores exactly like its v2 twin.
        topicSourceEmbedding = h.topicPath ? zeros("topic_source_embedding", topicCount, d) : nil
        itemTopicEmbedding = h.topicPath ? zeros("item_topic_embedding", topicCount, d) : nil
        self.weights = weights
    }

    /// All parameters in a fixed order (the order they were declared in).
    public var all: [Parameter] { weights.parameters }

    /// The value of `parameter`.
    public func value(_ parameter: Parameter) -> Tensor { weights[parameter] }

    /// The shape each parameter has in a checkpoint: vectors (biases) are stored one-dimensional.
    public static func storedShape(of parameter: Parameter) -> [Int] {
        let vectors: Set<String> = ["item_bias", "gru.bias", "decoder.bias"]
        if vectors.contains(parameter.name) || parameter.name.hasPrefix("attention.additive.") { return [parameter.count] }
        return parameter.shape
    }
}
