import Foundation
import InterestData
import Testing
@testable import InterestModel

struct CheckpointTests {
    func temporary() -> URL { FileManager.default.temporaryDirectory.appendingPathComponent("mist-ckpt-\(UUID()).safetensors") }

    func saved(attention: AttentionKind = .additive) throws -> (TransferModel, URL, Dataset) {
        let dataset = TinyDataset.make()
        let model = TinyModel.model(TinyModel.hyperparameters(attention: attention))
        let url = temporary()
        try Checkpoint.save(model, info: CheckpointInfo(hyperparameters: model.hyperparameters, splitSeed: 9, validationNDCG10: 0.25, bestEpoch: 3),
                            dataset: dataset, to: url)
        return (model, url, dataset)
    }

    @Test func roundTripIsBitExact() throws {
        let (model, url, dataset) = try saved()
        defer { try? FileManager.default.removeItem(at: url) }
        let (loaded, info) = try Checkpoint.load(from: url, dataset: dataset)
        #expect(info.hyperparameters == model.hyperparameters)
        #expect(info.splitSeed == 9 && info.bestEpoch == 3 && info.validationNDCG10 == 0.25)
        #expect(loaded.parameters.all.map(\.name) == model.parameters.all.map(\.name))
        for (a, b) in zip(loaded.parameters.all, model.parameters.all) {
            #expect(loaded.weights[a].scalars.map(\.bitPattern) == model.weights[b].scalars.map(\.bitPattern), "\(a.name)")
        }
        // Same file again: same bytes (deterministic layout).
        let again = temporary()
        defer { try? FileManager.default.removeItem(at: again) }
        try Checkpoint.save(loaded, info: info, dataset: dataset, to: again)
        #expect(try Data(contentsOf: url) == Data(contentsOf: again))
    }

    @Test func otherDatasetIsRefusedSayingWhatDiffers() throws {
        let (_, url, _) = try saved()
        defer { try? FileManager.default.removeItem(at: url) }
        var rows = TinyDataset.rows
        rows[3].2 = 1  // one feedback changed
        #expect {
            try Checkpoint.load(from: url, dataset: TinyDataset.make(rows: rows))
        } throws: { "\($0)".contains("interactions differ") }
        #expect {
            try Checkpoint.load(from: url, dataset: TinyDataset.make(extraItem: true))
        } throws: { "\($0)".contains("items: 9 in the model, 10 in the dataset") }
        #expect {
            try Checkpoint.load(from: url, dataset: TinyDataset.make(rows: Array(rows.dropLast())))
        } throws: { "\($0)".contains("interactions: 14 in the model, 13 in the dataset") }
    }

    @Test func damagedFileIsRefusedCleanly() throws {
        let (_, url, dataset) = try saved()
        defer { try? FileManager.default.removeItem(at: url) }
        let bytes = try Data(contentsOf: url)
        for damaged in [bytes.prefix(bytes.count - 3), bytes.prefix(12), Data(bytes.map { $0 == UInt8(ascii: "F") ? UInt8(ascii: "G") : $0 })] {
            try damaged.write(to: url)
            #expect(throws: CheckpointError.self) { try Checkpoint.load(from: url, dataset: dataset) }
        }
        // A valid safetensors file that is not a mist model.
        try SafeTensors.write(SafeTensorsFile(tensors: ["x": StoredTensor(shape: [1], values: [1])]), to: url)
        #expect { try Checkpoint.load(from: url, dataset: dataset) } throws: { "\($0)".contains("format is missing") }
    }
}
