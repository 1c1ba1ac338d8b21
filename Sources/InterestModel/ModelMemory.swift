import Foundation

/// An estimate of the memory a model needs, made before anything is allocated, so that absurd
/// settings (from a command line or a crafted checkpoint) are refused with a message instead of
/// aborting on a failed allocation.
public enum ModelMemory {
    /// Numbers in the model's tensors (docs/MODEL.md, "Checkpoint tensors").
    public static func parameterCount(_ h: Hyperparameters, items: Int, topics: Int, scenes: Int) -> Double {
        let d = Double(h.dimension), v = Double(items), c = Double(topics), s = Double(scenes)
        let heads = Double(h.heads), dh = Double(h.dimension / max(h.heads, 1))
        var count = v * d + v + c * d + 3 * d + s * d  // embeddings and item bias
        count += 2 * 3 * d * d + 3 * d                // GRU
        count += d * 3 * d + d                        // decoder
        count += 2 * heads * dh * d                   // query and key weights
        if h.attention == .additive { count += heads * dh }
        count += d * d                                // value weight
        if h.itemPath { count += v * d }              // E_src, the item path
        if h.topicPath { count += 2 * c * d }         // T_src and E_ctopic, the topic path
        return count
    }

    /// Bytes needed to use the model (`training: false`) or to train it: the weights, Adam's two
    /// moments and a gradient, and a batch's activations (every scene's history through the GRU,
    /// and a score per positive and negative), on every thread.
    public static func estimatedBytes(_ h: Hyperparameters, items: Int, topics: Int, scenes: Int, training: Bool) -> Double {
        let parameters = parameterCount(h, items: items, topics: topics, scenes: scenes)
        let d = Double(h.dimension), s = Double(max(scenes, 1)), l = Double(h.historyLength)
        guard training else {
            // One user at a time: their histories, the scene interests and one score per item.
            return 4 * (parameters + s * l * 8 * d + s * s * Double(h.iterations + 1) * d + Double(items))
        }
        let batch = Double(h.batchSize)
        // Scores: a positive and its negatives (BPR), or every item (the softmax's masked logits,
        // probabilities and their gradient).
        let scores = h.objective == .softmax ? 3 * Double(items) : Double(1 + h.negatives) * 2 * d
        let activations = batch * (s * l * 8 * d + s * s * Double(h.iterations + 1) * d + scores)
        return 4 * (4 * parameters + 2 * activations)
    }

    /// What this process may use: half the machine's memory.
    public static var budget: Double { Double(ProcessInfo.processInfo.physicalMemory) / 2 }

    /// A sentence when the estimate exceeds the budget, else nil.
    public static func problem(_ h: Hyperparameters, items: Int, topics: Int, scenes: Int, training: Bool) -> String? {
        let need = estimatedBytes(h, items: items, topics: topics, scenes: scenes, training: training)
        guard need.isFinite, need <= budget else {
            return "\(training ? "training" : "using") this model needs about \(show(need)) of memory, more than the \(show(budget)) allowed (half of this machine's memory); lower the dimension, history length, batch size or negatives"
        }
        return nil
    }

    static func show(_ bytes: Double) -> String {
        guard bytes.isFinite else { return "unbounded" }
        let units = ["bytes", "KB", "MB", "GB", "TB", "PB", "EB"]
        var value = bytes, unit = 0
        while value >= 1000 && unit < units.count - 1 { value /= 1000; unit += 1 }
        return unit == 0 ? "\(Int(value)) bytes" : String(format: "%.1f %@", value, units[unit])
    }
}
