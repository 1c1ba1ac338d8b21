import Testing
@testable import InterestData

@Suite struct TemporalSplitTests {
    /// One user: 10 positives and 3 negatives in scene 0 interleaved with 3 positives in scene 1.
    static func oneUser() -> Dataset {
        let items = (0..<20).map { ("i\($0)", Int32($0 < 14 ? 0 : 1), Int32(0)) }
        var rows: [(String, Int32, Int64, Int8)] = []
        for k in 0..<10 { rows.append(("u", Int32(k), Int64(100 + 10 * k), 1)) }
        rows.append(("u", 10, 105, -1))   // before the first validation item: train
        rows.append(("u", 11, 175, -1))   // after it: dropped
        rows.append(("u", 12, 500, -1))   // after it: dropped
        for k in 0..<3 { rows.append(("u", Int32(14 + k), Int64(101 + 10 * k), 0)) }
        return makeDataset(scenes: 2, items: items, interactions: rows)
    }

    @Test func roundingRuleAndDroppedNegatives() {
        let d = Self.oneUser()
        let roles = TemporalSplit.roles(of: d)
        // n = 10: test = (20+5)/10 = 2, validation = max(1, 15/10) = 1.
        #expect(Array(roles[0..<10]) == [.train, .train, .train, .train, .train, .train, .train, .validation, .test, .test])
        #expect(roles[10] == .train)
        #expect(roles[11] == .dropped && roles[12] == .dropped)
        // n = 3 in scene 1: one test, one validation, one train.
        #expect(Array(roles[13..<16]) == [.train, .validation, .test])
    }

    @Test func countsFollowIntegerRounding() {
        for n in 3...40 {
            #expect(TemporalSplit.testCount(positives: n) == max(1, Int((0.2 * Double(n)).rounded(.toNearestOrAwayFromZero))))
            #expect(TemporalSplit.validationCount(positives: n) == max(1, Int((0.1 * Double(n)).rounded(.toNearestOrAwayFromZero))))
        }
    }

    @Test func casesHaveTheSpecifiedHistories() {
        let d = Self.oneUser()
        let split = Split(dataset: d, seed: 1)
        // One eligible user: round(0.1) = 0 cold users.
        #expect(split.coldCases.isEmpty)
        let warm = split.warmTestCases.first { $0.scene == 0 }!
        #expect(warm.targets == [8, 9])
        // History: train/validation interactions (both scenes) before time 180, chronological.
        let times = warm.history.map { d.interactions.timestamp[Int($0)] }
        #expect(times == times.sorted())
        #expect(warm.history.allSatisfy { split.roles[Int($0)] == .train || split.roles[Int($0)] == .validation })
        #expect(warm.history.contains(7) && !warm.history.contains(11))
        let validation = split.validationCases.first { $0.scene == 0 }!
        #expect(validation.targets == [7])
        #expect(validation.history.allSatisfy { split.roles[Int($0)] == .train && d.interactions.timestamp[Int($0)] < 170 })
    }
}
