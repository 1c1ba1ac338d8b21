import Foundation
import InterestData
import Testing
@testable import InterestModel

/// Checkpoints remember their training split, so evaluation on another split is caught.
struct SplitIdentityTests {
    let dataset = TrainingData.make()

    /// A seed whose split differs from seed 3's (the draw decides the cold users).
    func otherSeed() -> UInt64 {
        let base = Split(dataset: dataset, seed: 3).fingerprint
        return (4...200).first { Split(dataset: dataset, seed: $0).fingerprint != base }!
    }

    @Test func fingerprintFollowsTheRolesNotWhereTheyCameFrom() throws {
        let seeded = Split(dataset: dataset, seed: 3)
        let fromFile = try Split(dataset: dataset, roles: seeded.roles)
        #expect(seeded.fingerprint.count == 16)
        #expect(fromFile.fingerprint == seeded.fingerprint)
        #expect(Split(dataset: dataset, seed: otherSeed()).fingerprint != seeded.fingerprint)
    }

    @Test func checkpointStoresTheFingerprintAndRefusesAnotherSplit() throws {
        let split = Split(dataset: dataset, seed: 3)
        let model = TinyModel.model(TinyModel.hyperparameters())
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mist-split-\(UUID()).safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try Checkpoint.save(model, info: CheckpointInfo(hyperparameters: model.hyperparameters, split: split), dataset: dataset, to: url)
        let (_, info) = try Checkpoint.load(from: url, dataset: dataset)
        #expect(info.splitSeed == 3 && info.splitFingerprint == split.fingerprint)
        #expect(info.splitMismatch(with: split, in: dataset) == nil)
        #expect(info.splitMismatch(with: try Split(dataset: dataset, roles: split.roles), in: dataset) == nil)
        let other = Split(dataset: dataset, seed: otherSeed())
        let message = try #require(info.splitMismatch(with: other, in: dataset))
        #expect(message.contains("split seed 3 (roles \(split.fingerprint))"))
        #expect(message.contains("split seed \(otherSeed()) (roles \(other.fingerprint))"))
    }

    @Test func oldCheckpointWithOnlyASeedIsCheckedThroughThatSeed() throws {
        // Written as before fingerprints existed: only split.seed in the metadata.
        let model = TinyModel.model(TinyModel.hyperparameters())
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mist-split-\(UUID()).safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try Checkpoint.save(model, info: CheckpointInfo(hyperparameters: model.hyperparameters, splitSeed: 3), dataset: dataset, to: url)
        #expect(try SafeTensors.read(from: url).metadata["split.fingerprint"] == nil)
        let (_, info) = try Checkpoint.load(from: url, dataset: dataset)
        #expect(info.splitFingerprint == nil)
        // Such checkpoints predate cold validation: their seed means the v1 draw of that seed.
        let v1 = Split(dataset: dataset, seed: 3, coldValidation: false)
        #expect(info.trainingSplitFingerprint(in: dataset) == v1.fingerprint)
        #expect(info.splitMismatch(with: v1, in: dataset) == nil)
        #expect(info.split(seed: 3, in: dataset).fingerprint == v1.fingerprint)
        #expect(info.splitMismatch(with: Split(dataset: dataset, seed: otherSeed(), coldValidation: false), in: dataset) != nil)
        // Nothing recorded at all: nothing to check against.
        let unknown = CheckpointInfo(hyperparameters: model.hyperparameters, splitSeed: nil)
        #expect(unknown.splitMismatch(with: Split(dataset: dataset, seed: 3), in: dataset) == nil)
        #expect(unknown.split(seed: 3, in: dataset).fingerprint == Split(dataset: dataset, seed: 3).fingerprint)
    }
}
