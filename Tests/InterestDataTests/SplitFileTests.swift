import Foundation
import Testing
@testable import InterestData

@Suite struct SplitFileTests {
    static let dataset = TemporalSplitTests.oneUser()

    func text(_ split: Split) -> String { String(decoding: split.csv(for: Self.dataset), as: UTF8.self) }

    @Test func badRoleIsNamedWithItsLine() {
        let split = Split(dataset: Self.dataset, seed: 1)
        var lines = text(split).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[4] = lines[4].replacingOccurrences(of: ",train", with: ",training")
        #expect(throws: DataError.badRole(DataLocation(file: "s.csv", line: 5, column: "role"), value: "training")) {
            try Split.parse(Array(lines.joined(separator: "\n").utf8), file: "s.csv", for: Self.dataset)
        }
    }

    @Test func rowOfAnotherInteractionIsAMismatch() {
        let split = Split(dataset: Self.dataset, seed: 1)
        var lines = text(split).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines.swapAt(1, 2)
        #expect(throws: DataError.splitMismatch(DataLocation(file: "s.csv", line: 2, column: "item_id"), expected: "\"i0\" (interaction 1)", found: "\"i1\"")) {
            try Split.parse(Array(lines.joined(separator: "\n").utf8), file: "s.csv", for: Self.dataset)
        }
    }

    @Test func missingRowsAndImpossibleRolesAreRejected() {
        let split = Split(dataset: Self.dataset, seed: 1)
        let lines = text(split).split(separator: "\n").map(String.init)
        let short = lines.dropLast(2).joined(separator: "\n") + "\n"
        #expect(throws: DataError.splitRowCount(DataLocation(file: "s.csv"), expected: 16, found: 14)) {
            try Split.parse(Array(short.utf8), file: "s.csv", for: Self.dataset)
        }
        // Interaction 12 (line 13) is a dropped negative: it cannot be a test interaction.
        var edited = lines
        edited[12] = edited[12].replacingOccurrences(of: ",dropped", with: ",test")
        #expect(throws: DataError.inconsistentSplit(DataLocation(file: "s.csv", line: 13, column: "role"), reason: "a negative interaction cannot be test")) {
            try Split.parse(Array((edited.joined(separator: "\n") + "\n").utf8), file: "s.csv", for: Self.dataset)
        }
    }
}
