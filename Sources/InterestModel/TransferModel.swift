import Autograd

/// The interest-transfer model of MODEL-SPEC: its parameters plus the item facts the interest
/// layers need (each item's topic). One value serves training (recording tape), inference and
/// explanations (non-recording tape): there is a single forward pass.
///
/// A value: training produces new weights, and `withWeights(_:)` makes the model that uses them
/// (the item facts are shared, not copied).
public struct TransferModel: Sendable, Equatable {
    public let parameters: ModelParameters
    public var hyperparameters: Hyperparameters { parameters.hyperparameters }
    /// Topic of every item (item index order).
    public let itemTopic: [Int32]
    /// Scene of every item (item index order).
    public let itemScene: [Int32]
    /// The softmax objective's item sets, built once: each scene's items (item index order) and
    /// every item's position among its scene's items.
    let sceneItems: SceneItems

    public init(parameters: ModelParameters, itemTopic: [Int32], itemScene: [Int32]) {
        precondition(itemTopic.count == parameters.itemCount && itemScene.count == parameters.itemCount)
        self.parameters = parameters
        self.itemTopic = itemTopic
        self.itemScene = itemScene
        sceneItems = SceneItems(itemScene: itemScene, sceneCount: parameters.sceneCount)
    }

    private init(parameters: ModelParameters, itemTopic: [Int32], itemScene: [Int32], sceneItems: SceneItems) {
        self.parameters = parameters
        self.itemTopic = itemTopic
        self.itemScene = itemScene
        self.sceneItems = sceneItems
    }

    /// The same model with other values of the same parameters (e.g. after training steps).
    public func withWeights(_ weights: Weights) -> TransferModel {
        precondition(weights.parameters == parameters.weights.parameters, "weights of another model")
        var changed = parameters
        changed.weights = weights
        return TransferModel(parameters: changed, itemTopic: itemTopic, itemScene: itemScene, sceneItems: sceneItems)
    }

    /// The values of every parameter.
    public var weights: Weights { parameters.weights }

    public var sceneCount: Int { parameters.sceneCount }
    public var dimension: Int { hyperparameters.dimension }

    /// Same parameters, weights and items (the scene item sets follow from the items).
    public static func == (a: TransferModel, b: TransferModel) -> Bool {
        a.parameters == b.parameters && a.itemTopic == b.itemTopic && a.itemScene == b.itemScene
    }
}

/// Each scene's items in item index order, and each item's position in its scene's list: what
/// the softmax objective needs to score a target scene's items only.
struct SceneItems: Sendable {
    let items: [[Int]]
    let position: [Int]

    init(itemScene: [Int32], sceneCount: Int) {
        var items = Array(repeating: [Int](), count: sceneCount)
        var position = [Int](repeating: 0, count: itemScene.count)
        for (v, s) in itemScene.enumerated() {
            position[v] = items[Int(s)].count
            items[Int(s)].append(v)
        }
        self.items = items
        self.position = position
    }
}

/// Everything one forward pass computed for a batch of contexts; `N = count·S` rows, row `b·S + s`.
public struct ForwardPass {
    public let count: Int
    public let sceneCount: Int
    /// Topic, content and sentiment layers (`N×d` each).
    public let topicLayer: Variable, contentLayer: Variable, sentimentLayer: Variable
    /// Scene interests `z` (`N×d`; zero rows for inactive scenes).
    public let interests: Variable
    /// v2's item path `m` (`N×d`: the mean `E_src` row of each sequence's `y ≥ 0` items); nil in v1.
    public let itemPath: Variable?
    /// Attention of each head (`N×S`: row b·S + t is target t of context b), empty for the
    /// `mean` and `self` ablations.
    public let headAttention: [Variable]
    /// The attention used for transfer (`N×S`).
    public let attention: Variable
    /// Node states `Z^0 … Z^K` (`N×d` each).
    public let states: [Variable]
    /// Key activity: 1 where context b has history in scene s (`count×S`).
    public let active: [Bool]

    /// `f_{u,t}` for each context's target scene (`count×d`).
    public func targetInterests(_ targets: [Int], on tape: Tape) -> Variable {
        precondition(targets.count == count)
        return tape.gatherRows(states.last!, targets.enumerated().map { $0.offset * sceneCount + $0.element })
    }
}

import InterestData

extension TransferModel {
    /// A model over `dataset`'s items (their topics and scenes).
    public init(parameters: ModelParameters, dataset: Dataset) {
        self.init(parameters: parameters, itemTopic: dataset.items.topic, itemScene: dataset.items.scene)
    }
}
