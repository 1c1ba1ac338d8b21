import Foundation
import Testing
@testable import InterestModel

/// Limits and reader fixes of issue 9 that need no subprocess (the rest is in HostileInputTests).
@Suite struct HardeningTests {
    @Test func everyHyperparameterHasAFiniteDocumentedRange() {
        var h = Hyperparameters()
        #expect(h.problems().isEmpty)
        h.dimension = 100_000_000
        h.iterations = 10_000_000
        h.learningRate = .infinity
        h.l2 = .nan
        h.negatives = 1_000_000_000
        let problems = h.problems()
        #expect(problems.contains("dimension must be an integer in 1…1024 (got 100000000)"))
        #expect(problems.contains("iterations must be an integer in 1…16 (got 10000000)"))
        #expect(problems.contains { $0.hasPrefix("learning rate must be greater than 0 and at most 1e30") })
        #expect(problems.contains { $0.hasPrefix("l2 must be in 0…1000") })
        #expect(problems.contains("negatives must be an integer in 1…1000 (got 1000000000)"))
    }

    @Test func steppingStaysInsideTheRangeWithoutOverflow() {
        let limit = HyperparameterLimits.dimension
        #expect(limit.stepped(Double(Int.max - 1), by: 8, steps: 1) == 1024)
        #expect(limit.stepped(1, by: 8, steps: -1) == 1)
        #expect(HyperparameterLimits.learningRate.stepped(0.0005, by: 0.0005, steps: -1) == 0.0005)
    }

    @Test func memoryIsEstimatedBeforeAllocating() {
        var h = Hyperparameters()
        #expect(ModelMemory.problem(h, items: 1206, topics: 12, scenes: 4, training: true) == nil)
        h.batchSize = 65_536
        h.historyLength = 1000
        h.dimension = 1024
        h.heads = 1
        #expect(ModelMemory.problem(h, items: 1206, topics: 12, scenes: 4, training: true)?.contains("memory") == true)
    }

    @Test func emptyTensorsDoNotOverlapTheirNeighbours() throws {
        let file = SafeTensorsFile(tensors: [
            "a": StoredTensor(shape: [0, 4], values: []), "b": StoredTensor(shape: [0], values: []),
            "c": StoredTensor(shape: [2], values: [1, 2]),
        ])
        #expect(try SafeTensors.decode(SafeTensors.encode(file), path: "x") == file)
    }

    @Test func bytesAfterTheLastTensorAreRefusedBeforeReading() throws {
        let path = NSTemporaryDirectory() + "mist-padded-\(getpid()).safetensors"
        defer { unlink(path) }
        let file = SafeTensorsFile(tensors: ["a": StoredTensor(shape: [2], values: [1, 2])])
        try (SafeTensors.encode(file) + Data(count: 4096)).write(to: URL(fileURLWithPath: path))
        #expect(throws: SafeTensorsError.malformed(path: path, reason: "4096 bytes follow the last tensor (the file is not what its header describes)")) {
            try SafeTensors.read(from: URL(fileURLWithPath: path))
        }
        try SafeTensors.encode(file).write(to: URL(fileURLWithPath: path))
        #expect(try SafeTensors.read(from: URL(fileURLWithPath: path)) == file)
    }

    @Test func aFIFOIsRefusedWithoutBlocking() throws {
        let path = NSTemporaryDirectory() + "mist-fifo-\(getpid()).safetensors"
        #expect(mkfifo(path, 0o600) == 0)
        defer { unlink(path) }
        #expect(throws: SafeTensorsError.unreadable(path: path, reason: "it is a FIFO (named pipe), not a regular file")) {
            try SafeTensors.read(from: URL(fileURLWithPath: path))
        }
    }
}
