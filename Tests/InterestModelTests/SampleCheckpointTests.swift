import Foundation
import InterestData
import Testing
@testable import InterestModel

/// The checkpoint shipped in sample-data/ must load against the sample data it was trained on; if
/// the sample data is regenerated, retrain it:
/// `swift run -c release mist train sample-data --out sample-data/model.safetensors`.
struct SampleCheckpointTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("sample-data")

    @Test func shippedCheckpointMatchesTheSampleData() throws {
        let dataset = try Dataset.load(from: Self.folder.path)
        let (model, info) = try Checkpoint.load(from: Self.folder.appendingPathComponent("model.safetensors"), dataset: dataset)
        #expect(info.hyperparameters == Hyperparameters())
        #expect(info.splitSeed == 42)
        #expect(model.parameters.itemCount == dataset.itemCount)
        // It ranks: every scene gets a full top 10 for the first user.
        for t in 0..<dataset.sceneCount {
            let trace = model.traceTransfer(interactions: model.profile(ofUser: 0, in: dataset, split: nil), target: t, count: 10, in: dataset)
            #expect(trace.recommendations.count == 10)
        }
    }
}
