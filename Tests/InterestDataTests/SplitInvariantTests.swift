import Foundation
import Testing
@testable import InterestData

@Suite struct SplitInvariantTests {
    static let dataset: Dataset = {
        let files = SyntheticGenerator.generate(GeneratorParameters(seed: 5, users: 300, itemsPerScene: 40, meanInteractionsPerUser: 25))
        let dir = NSTemporaryDirectory() + "mist-split-test-" + UUID().uuidString
        try! files.write(to: dir)
        defer { removeFolder(dir) }
        return try! Dataset.load(from: dir)
    }()

    @Test func noValidationOrTestInteractionReachesTraining() {
        let d = Self.dataset, split = Split(dataset: d, seed: 9)
        // Every case's history holds only train (and, for warm tests and cold cases, validation)
        // interactions; no target of a case is a training interaction of its (user, scene).
        for c in split.warmTestCases + split.coldCases {
            #expect(c.history.allSatisfy { split.roles[Int($0)] == .train || split.roles[Int($0)] == .validation })
        }
        for c in split.validationCases {
            #expect(c.history.allSatisfy { split.roles[Int($0)] == .train })
        }
        for c in split.coldCases {
            #expect(c.history.allSatisfy { d.interactionScene[Int($0)] != c.scene })
        }
        // Train interactions come before every held-out positive of their (user, scene).
        for u in 0..<Int32(d.userCount) {
            for s in 0..<Int32(d.sceneCount) {
                let h = d.history(ofUser: u, scene: s)
                guard let firstHeld = h.firstIndex(where: { split.roles[Int($0)] == .validation || split.roles[Int($0)] == .test }) else { continue }
                #expect(h[firstHeld...].allSatisfy { split.roles[Int($0)] != .train })
            }
        }
    }

    @Test func countsPerUserAndSceneFollowTheRoundingRule() {
        let d = Self.dataset, split = Split(dataset: d, seed: 9)
        var checked = 0
        for u in 0..<Int32(d.userCount) where split.coldScene[Int(u)] < 0 {
            for s in 0..<Int32(d.sceneCount) where split.coldValidationScene[Int(u)] != s {
                let h = d.history(ofUser: u, scene: s)
                let n = h.filter { d.interactions.feedback[Int($0)] >= 0 }.count
                let tests = h.filter { split.roles[Int($0)] == .test }.count
                let validations = h.filter { split.roles[Int($0)] == .validation }.count
                if n >= 3 {
                    #expect(tests == max(1, (2 * n + 5) / 10))
                    #expect(validations == max(1, (n + 5) / 10))
                    checked += 1
                } else {
                    #expect(h.allSatisfy { split.roles[Int($0)] == .train })
                }
            }
        }
        #expect(checked > 100)
    }

    @Test func coldSetIsTenPercentOfEligibleWithOneHiddenScene() {
        let d = Self.dataset, split = Split(dataset: d, seed: 9)
        let eligible = ColdTargetDraw.eligible(d)
        #expect(split.coldCases.count == (eligible.count + 5) / 10)
        #expect(split.coldCases.count > 10)
        for c in split.coldCases {
            let active = eligible.first { $0.user == c.user }
            #expect(active?.activeScenes.contains(c.scene) == true)
            #expect(d.history(ofUser: c.user, scene: c.scene).allSatisfy { split.roles[Int($0)] == .cold })
            #expect(!c.targets.isEmpty)
            // Only the hidden scene is cold.
            #expect(d.sequence(ofUser: c.user).allSatisfy { split.roles[Int($0)] != .cold || d.interactionScene[Int($0)] == c.scene })
        }
    }

    @Test func sameSeedSameSplitOtherSeedOtherColdUsers() {
        let d = Self.dataset
        let a = Split(dataset: d, seed: 9), b = Split(dataset: d, seed: 9), c = Split(dataset: d, seed: 10)
        #expect(a.roles == b.roles && a.coldCases == b.coldCases && a.warmTestCases == b.warmTestCases)
        #expect(a.coldScene != c.coldScene)
    }

    @Test func writtenSplitReadsBackIdentically() throws {
        let d = Self.dataset, split = Split(dataset: d, seed: 9)
        let path = NSTemporaryDirectory() + "mist-split-" + UUID().uuidString + ".csv"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try split.write(to: path, for: d)
        let back = try Split.read(from: path, for: d)
        #expect(back.roles == split.roles)
        #expect(back.coldScene == split.coldScene)
        #expect(back.warmTestCases == split.warmTestCases)
        #expect(back.validationCases == split.validationCases)
        #expect(back.coldCases == split.coldCases)
        #expect(back.coldValidationScene == split.coldValidationScene)
        #expect(back.coldValidationCases == split.coldValidationCases)
    }
}
