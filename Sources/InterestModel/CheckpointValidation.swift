import InterestData

/// Everything a checkpoint must satisfy before any of its tensors is allocated or used: its id
/// lists equal the dataset's, its hyperparameters fit in memory, and every tensor has the shape
/// those imply, finite values and a magnitude no trained model comes near.
enum CheckpointValidation {
    /// The largest absolute weight accepted. Trained weights stay far below 10; bounded inputs
    /// keep every score finite (tanh bounds the interests, so a score is at most about
    /// d² · 10¹² at d = 1024, far inside float32).
    static let maximumMagnitude: Float = 1e4

    /// The tensors a model with these settings has, by checkpoint name (docs/MODEL.md).
    static func expectedShapes(_ h: Hyperparameters, items: Int, topics: Int, scenes: Int) -> [(name: String, shape: [Int])] {
        let d = h.dimension, dh = h.dimension / h.heads
        var shapes: [(String, [Int])] = [
            ("item_embedding", [items, d]), ("item_bias", [items]), ("topic_embedding", [topics, d]),
            ("sentiment_embedding", [3, d]), ("scene_embedding", [scenes, d]),
            ("gru.input_weight", [3 * d, d]), ("gru.hidden_weight", [3 * d, d]), ("gru.bias", [3 * d]),
            ("decoder.weight", [d, 3 * d]), ("decoder.bias", [d]),
        ]
        shapes += (0..<h.heads).map { ("attention.query.\($0)", [dh, d]) }
        shapes += (0..<h.heads).map { ("attention.key.\($0)", [dh, d]) }
        if h.attention == .additive { shapes += (0..<h.heads).map { ("attention.additive.\($0)", [dh]) } }
        shapes.append(("value.weight", [d, d]))
        // The later versions' tables: checked like the rest (a NaN there would reach every score).
        if h.itemPath { shapes.append(("item_source_embedding", [items, d])) }
        if h.topicPath { shapes += [("topic_source_embedding", [topics, d]), ("item_topic_embedding", [topics, d])] }
        return shapes
    }

    /// Throws the first reason the checkpoint cannot be used with `dataset`. `hyperparameters`
    /// must already be within their limits.
    static func check(_ file: SafeTensorsFile, hyperparameters h: Hyperparameters, scenes: [String], topics: [String],
                      items: [String], dataset: Dataset, path: String) throws(CheckpointError) {
        // A matching fingerprint does not vouch for the lists: they are what sizes the tensors.
        if scenes != dataset.scenes.map(\.id) || topics != dataset.topics || items != dataset.items.ids.keys {
            throw .datasetMismatch(path: path, differences: Checkpoint.differences(
                scenes: scenes, topics: topics, items: items, users: nil, interactions: nil, from: dataset))
        }
        if let problem = ModelMemory.problem(h, items: items.count, topics: topics.count, scenes: scenes.count, training: false) {
            throw .invalid(path: path, reason: problem)
        }
        for (name, shape) in expectedShapes(h, items: items.count, topics: topics.count, scenes: scenes.count) {
            guard let stored = file.tensors[name] else { throw .invalid(path: path, reason: "tensor \"\(name)\" is missing") }
            guard stored.shape == shape else {
                throw .invalid(path: path, reason: "tensor \"\(name)\" has shape \(stored.shape), expected \(shape) (from the hyperparameters and the \(items.count) items, \(topics.count) topics and \(scenes.count) scenes listed in the metadata)")
            }
            if let bad = stored.values.firstIndex(where: { !$0.isFinite }) {
                throw .invalid(path: path, reason: "tensor \"\(name)\" holds NaN or infinite values (value #\(bad + 1) is \(stored.values[bad]))")
            }
            if let big = stored.values.firstIndex(where: { abs($0) > maximumMagnitude }) {
                throw .invalid(path: path, reason: "tensor \"\(name)\" value #\(big + 1) is \(stored.values[big]), beyond ±\(Int(maximumMagnitude)): scores would not be finite numbers")
            }
        }
    }
}
