import Testing
@testable import InterestData
import Randomness

/// Arbitrary bytes must give a dataset or a DataError, never a crash.
@Suite struct FuzzTests {
    static let alphabet: [UInt8] = Array("ab,\"\n\r 0123-.é".utf8) + [0xFF, 0xC3, 0xEF, 0xBB, 0xBF, 0x00]

    @Test func randomBytesInEveryFileNeverCrash() throws {
        var rng = SplitMix64(seed: 42)
        let good: [String: [UInt8]] = smallFiles.mapValues { Array($0.utf8) }
        for round in 0..<60 {
            var files = good
            let name = ["scenes.csv", "items.csv", "interactions.csv", "users.csv"][round % 4]
            var bytes = files[name] ?? []
            if round % 3 == 0 {
                bytes = (0..<rng.int(below: 200)).map { _ in Self.alphabet[rng.int(below: Self.alphabet.count)] }
            } else {
                // Mutate a valid file: flip, insert or delete a few bytes.
                for _ in 0..<(1 + rng.int(below: 4)) where !bytes.isEmpty {
                    let at = rng.int(below: bytes.count)
                    switch rng.int(below: 3) {
                    case 0: bytes[at] = Self.alphabet[rng.int(below: Self.alphabet.count)]
                    case 1: bytes.insert(Self.alphabet[rng.int(below: Self.alphabet.count)], at: at)
                    default: bytes.remove(at: at)
                    }
                }
            }
            files[name] = bytes
            let dir = try makeDatasetFolder(bytes: files)
            defer { removeFolder(dir) }
            let result = DatasetValidator.validate(directory: dir, limit: 20)
            // Either it loads cleanly or it says why, with the file named.
            #expect((result.dataset != nil) == result.problems.isEmpty)
            for problem in result.problems { #expect(!problem.description.isEmpty) }
            if let d = result.dataset {
                _ = Split(dataset: d, seed: 1)
            }
        }
    }

    @Test func randomRecordsNeverCrashTheReader() {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<300 {
            let bytes = (0..<rng.int(below: 64)).map { _ in Self.alphabet[rng.int(below: Self.alphabet.count)] }
            _ = try? records(bytes)
        }
    }
}
