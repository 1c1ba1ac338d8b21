import Foundation
import Testing
@testable import InterestData

@Suite struct GeneratorTests {
    static let small = GeneratorParameters(seed: 3, users: 120, itemsPerScene: 40, meanInteractionsPerUser: 20)

    @Test func sameSeedSameBytesOtherSeedOtherBytes() {
        let a = SyntheticGenerator.generate(Self.small), b = SyntheticGenerator.generate(Self.small)
        var other = Self.small
        other.seed = 4
        let c = SyntheticGenerator.generate(other)
        #expect(a.files == b.files)
        #expect(a.files["interactions.csv"] != c.files["interactions.csv"])
    }

    @Test func generatedFolderLoadsWithItsTruth() throws {
        let dir = NSTemporaryDirectory() + "mist-gen-test-" + UUID().uuidString
        defer { removeFolder(dir) }
        try SyntheticGenerator.generate(Self.small).write(to: dir)
        let d = try Dataset.load(from: dir)
        #expect(d.userCount == 120)
        #expect(d.scenes.map(\.id) == ["news", "tech", "entertainment", "sports"])
        let truth = try #require(d.truth)
        #expect(truth.generator == Self.small)
        // Rows sum to 1, the diagonal is the largest entry, and each target's strongest other
        // source is its partner (news ↔ tech, entertainment ↔ sports).
        for row in truth.transfer {
            #expect(abs(row.reduce(0, +) - 1) < 1e-9)
        }
        for (t, row) in truth.transfer.enumerated() { #expect(row.max() == row[t]) }
        #expect(truth.strongestSource == [1, 0, 3, 2])
        // Titles with commas and quotes survive the round trip.
        #expect(d.items.title.contains { $0.contains(",") && $0.contains("\"") })
        // Interactions are interleaved across scenes in each user's sequence.
        let interleaved = (0..<Int32(d.userCount)).contains { u in
            let scenes = d.sequence(ofUser: u).map { d.interactionScene[Int($0)] }
            return zip(scenes, scenes.dropFirst()).filter { $0 != $1 }.count >= 2
        }
        #expect(interleaved)
        // All three kinds of feedback occur.
        #expect(Set(d.interactions.feedback) == [-1, 0, 1])
    }
}
