import InterestData

extension Split {
    /// FNV-1a 64 over the role of every interaction (one byte each, input order), as 16 hex digits.
    /// Two splits of one dataset share it exactly when they give every interaction the same role,
    /// whether drawn from a seed or read from a file; checkpoints store it so that a model is not
    /// silently evaluated on a split whose test data it may have trained on.
    public var fingerprint: String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for role in roles { h = (h ^ UInt64(role.rawValue)) &* 0x0000_0100_0000_01B3 }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// "split seed 42 (roles 0123…)" or "a split file (roles 0123…)".
    public var identity: String {
        (seed.map { "split seed \($0)" } ?? "a split file") + " (roles \(fingerprint))"
    }
}

extension CheckpointInfo {
    /// The fingerprint of the split the model was trained on: stored, or for checkpoints written
    /// before fingerprints were stored (all before cold validation: v1 splits), recomputed from the
    /// stored seed; nil when neither is known.
    public func trainingSplitFingerprint(in dataset: Dataset) -> String? {
        splitFingerprint ?? splitSeed.map { Split(dataset: dataset, seed: $0, coldValidation: false).fingerprint }
    }

    /// The split of `seed` this model is judged on: the current draw, or the v1 draw (without cold
    /// validation, whose cold-target draw is the same) when that is the one the model records.
    public func split(seed: UInt64, in dataset: Dataset) -> Split {
        let current = Split(dataset: dataset, seed: seed)
        guard let trained = trainingSplitFingerprint(in: dataset), trained != current.fingerprint else { return current }
        let v1 = Split(dataset: dataset, seed: seed, coldValidation: false)
        return v1.fingerprint == trained ? v1 : current
    }

    /// Why evaluating this model on `split` would mix its training data with the test data, or
    /// nil when `split` is the one it was trained on (or the checkpoint does not say).
    public func splitMismatch(with split: Split, in dataset: Dataset) -> String? {
        guard let trained = trainingSplitFingerprint(in: dataset), trained != split.fingerprint else { return nil }
        let trainedOn = (splitSeed.map { "split seed \($0)" } ?? "a split file") + " (roles \(trained))"
        return "the model was trained on \(trainedOn), but this evaluation uses \(split.identity)"
    }
}
