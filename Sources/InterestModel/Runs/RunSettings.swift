/// The settings of a run as `mist train` options ("dimension" = "32"), in the options' order: what
/// `mist runs` lists when they differ from the defaults, what `--compare` puts side by side and
/// the explorer's HParams table shows.
public enum RunSettings {
    /// One setting: its option key (without dashes) and its value as `mist train` takes it.
    public struct Setting: Sendable, Equatable {
        public var key: String
        public var value: String
    }

    /// Every setting of `h`, in `mist train --help`'s order. The version is said as
    /// `model-version` when the terms make one up, and the terms are listed as well (an
    /// ablation has no version).
    public static func all(_ h: Hyperparameters) -> [Setting] {
        typealias C = HyperparameterCatalog
        func int(_ s: NumericHyperparameter<Int>) -> Setting { Setting(key: s.key, value: String(h[keyPath: s.path])) }
        func real(_ s: NumericHyperparameter<Float>) -> Setting { Setting(key: s.key, value: C.text(h[keyPath: s.path])) }
        return [
            Setting(key: C.version.key, value: h.version?.rawValue ?? "–"),
            Setting(key: C.selection.key, value: h.selection.rawValue),
            Setting(key: "interest-path", value: h.interestPath ? "on" : "off"),
            Setting(key: "item-path", value: h.itemPath ? "on" : "off"),
            Setting(key: "topic-path", value: h.topicPath ? "on" : "off"),
            Setting(key: C.objective.key, value: h.objective.rawValue),
            int(C.dimension), int(C.historyLength), int(C.heads), int(C.iterations), real(C.beta),
            Setting(key: C.attention.key, value: h.attention.rawValue),
            Setting(key: C.transfer.key, value: h.transfer.rawValue),
            real(C.learningRate), int(C.batchSize), real(C.l2), int(C.negatives), real(C.hideProbability),
            int(C.maxEpochs), int(C.patience), int(C.threads),
            Setting(key: C.seed.key, value: String(h.seed)),
            real(C.embeddingStandardDeviation),
        ]
    }

    /// The settings of `h` that differ from `reference` (the defaults unless said), in order.
    /// The version's terms are left out when the version itself differs (it says them).
    public static func differences(_ h: Hyperparameters, from reference: Hyperparameters = Hyperparameters()) -> [Setting] {
        let mine = all(h), theirs = all(reference)
        let versionDiffers = mine[0] != theirs[0] && h.version != nil
        return zip(mine, theirs).compactMap { a, b in
            guard a != b else { return nil }
            if versionDiffers, ["item-path", "topic-path", "objective"].contains(a.key) { return nil }
            return a
        }
    }

    /// "dimension=16 epochs=5", or "defaults".
    public static func summary(_ h: Hyperparameters) -> String {
        let changed = differences(h)
        return changed.isEmpty ? "defaults" : changed.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
    }
}
