/// The planted truth of a generated dataset (truth.json): the scene-to-scene transfer matrix and
/// the generator parameters that produced the data.
public struct Truth: Codable, Sendable, Equatable {
    /// Scene ids in matrix order (= scenes.csv order).
    public var scenes: [String]
    /// transfer[t][s]: share of source scene s in the interest that drives choices in target t.
    /// Rows sum to 1.
    public var transfer: [[Double]]
    /// How the data was generated (absent when truth.json was written by someone else).
    public var generator: GeneratorParameters?

    private enum CodingKeys: String, CodingKey { case scenes, transfer, generator }

    /// `generator` is read only when it is mist's own: metadata another tool wrote there is
    /// ignored rather than making the whole truth (and so the dataset) unusable.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        scenes = try container.decode([String].self, forKey: .scenes)
        transfer = try container.decode([[Double]].self, forKey: .transfer)
        generator = try? container.decodeIfPresent(GeneratorParameters.self, forKey: .generator)
    }

    public init(scenes: [String], transfer: [[Double]], generator: GeneratorParameters? = nil) {
        self.scenes = scenes
        self.transfer = transfer
        self.generator = generator
    }

    /// For each target scene t, the source s ≠ t with the largest planted weight.
    public var strongestSource: [Int] {
        transfer.enumerated().map { t, row in
            var best = -1
            for s in row.indices where s != t && (best < 0 || row[s] > row[best]) { best = s }
            return best
        }
    }
}
