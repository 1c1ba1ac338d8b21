/// The numbers that sum a run up (`mist runs --compare`, the explorer's HParams table): the best
/// epoch's validation, the last loss, test metrics when the run was evaluated.
public struct RunMetric: Sendable, Equatable, Codable {
    public var name: String
    public var value: Double?
    /// Whether more is better (NDCG, HR), less (loss), or neither (epochs, seconds).
    public var higherIsBetter: Bool?

    public init(name: String, value: Double?, higherIsBetter: Bool?) {
        self.name = name
        self.value = value
        self.higherIsBetter = higherIsBetter
    }
}

extension RunRecord {
    /// The best epoch's report, when one ended.
    public var bestReport: EpochReport? {
        guard let epoch = best?.epoch else { return nil }
        return epochs.first { $0.epoch == epoch }
    }

    /// The run's summary numbers, always the same names in the same order (a value is nil when the
    /// run does not have it: no epoch ended, no cold validation, not evaluated).
    public var metrics: [RunMetric] {
        let ten = RankingMetrics.cutoffs.firstIndex(of: 10) ?? 0
        let report = bestReport
        func test(_ cases: String, _ value: (ComparisonRow) -> Double) -> Double? { testRow(cases).map(value) }
        return [
            RunMetric(name: "best epoch", value: best.map { Double($0.epoch) }, higherIsBetter: nil),
            RunMetric(name: "epochs", value: Double(epochs.count), higherIsBetter: nil),
            RunMetric(name: "val NDCG@10 warm", value: best?.validationNDCG10, higherIsBetter: true),
            RunMetric(name: "val NDCG@10 cold", value: best?.coldValidationNDCG10, higherIsBetter: true),
            RunMetric(name: "val HR@10 warm", value: report.map { $0.validation[ten].hitRate }, higherIsBetter: true),
            RunMetric(name: "last epoch loss", value: epochs.last.map { Double($0.meanLoss) }, higherIsBetter: false),
            RunMetric(name: "test NDCG@10 warm", value: test("warm", \.ndcg), higherIsBetter: true),
            RunMetric(name: "test HR@10 warm", value: test("warm", \.hr), higherIsBetter: true),
            RunMetric(name: "test NDCG@10 cold", value: test("cold", \.ndcg), higherIsBetter: true),
            RunMetric(name: "test HR@10 cold", value: test("cold", \.hr), higherIsBetter: true),
            RunMetric(name: "seconds", value: seconds, higherIsBetter: nil),
        ]
    }
}

/// Two runs side by side: every setting (marked when they differ) and every metric with B − A.
public struct RunComparison: Sendable, Equatable, Codable {
    public struct SettingPair: Sendable, Equatable, Codable {
        public var key: String
        public var a: String
        public var b: String
        public var differs: Bool
    }

    public struct MetricPair: Sendable, Equatable, Codable {
        public var name: String
        public var a: Double?
        public var b: Double?
        /// b − a, when both are known.
        public var difference: Double?
        public var higherIsBetter: Bool?
    }

    public var a: String
    public var b: String
    public var settings: [SettingPair]
    public var metrics: [MetricPair]

    public init(_ a: RunRecord, _ b: RunRecord) {
        self.a = a.id
        self.b = b.id
        settings = zip(RunSettings.all(a.hyperparameters), RunSettings.all(b.hyperparameters)).map {
            SettingPair(key: $0.key, a: $0.value, b: $1.value, differs: $0.value != $1.value)
        }
        // The split is part of what a run was trained with.
        settings.append(SettingPair(key: "split", a: a.splitFingerprint, b: b.splitFingerprint, differs: a.splitFingerprint != b.splitFingerprint))
        metrics = zip(a.metrics, b.metrics).map { x, y in
            MetricPair(name: x.name, a: x.value, b: y.value, difference: x.value.flatMap { xv in y.value.map { $0 - xv } },
                       higherIsBetter: x.higherIsBetter)
        }
    }
}
