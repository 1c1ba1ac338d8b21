import Foundation
import Testing
@testable import InterestData

/// The claims protocol's second draw (MODEL-SPEC, Claims protocol: cold validation).
@Suite struct ColdValidationTests {
    static var dataset: Dataset { SplitInvariantTests.dataset }

    @Test func secondDrawTakesTenPercentOfTheEligibleUsersNotAlreadyDrawn() {
        let d = Self.dataset, split = Split(dataset: d, seed: 9)
        let eligible = ColdTargetDraw.eligible(d)
        let remaining = eligible.count - split.coldCases.count
        #expect(split.coldValidationCases.count == (remaining + 5) / 10)
        #expect(split.coldValidationCases.count > 10)
        let coldUsers = Set(split.coldCases.map(\.user))
        for c in split.coldValidationCases {
            #expect(!coldUsers.contains(c.user))
            #expect(eligible.first { $0.user == c.user }?.activeScenes.contains(c.scene) == true)
            #expect(d.history(ofUser: c.user, scene: c.scene).allSatisfy { split.roles[Int($0)] == .coldValidation })
            #expect(c.history.allSatisfy { d.interactionScene[Int($0)] != c.scene })
            #expect(c.history.allSatisfy { split.roles[Int($0)] == .train || split.roles[Int($0)] == .validation })
            let positives = d.history(ofUser: c.user, scene: c.scene).filter { d.interactions.feedback[Int($0)] >= 0 }
            #expect(Set(c.targets) == Set(positives.map { d.interactions.item[Int($0)] }))
        }
    }

    @Test func coldValidationInteractionsReachNoOtherCase() {
        let d = Self.dataset, split = Split(dataset: d, seed: 9)
        for c in split.warmTestCases + split.validationCases + split.coldCases + split.coldValidationCases {
            #expect(c.history.allSatisfy { split.roles[Int($0)] != .coldValidation })
        }
        // No warm case asks for a hidden scene of a cold-validation user.
        for c in split.warmTestCases + split.validationCases {
            #expect(split.coldValidationScene[Int(c.user)] != c.scene)
        }
    }

    @Test func coldTargetDrawIsTheV1Draw() {
        let d = Self.dataset
        let v2 = Split(dataset: d, seed: 9), v1 = Split(dataset: d, seed: 9, coldValidation: false)
        #expect(v2.coldCases == v1.coldCases)
        #expect(v2.coldScene == v1.coldScene)
        #expect(!v1.hasColdValidation && v2.hasColdValidation)
        #expect(v1.roles.allSatisfy { $0 != .coldValidation })
        // Only the cold-validation users' hidden scenes differ.
        for i in 0..<v1.roles.count where v1.roles[i] != v2.roles[i] {
            #expect(v2.roles[i] == .coldValidation)
        }
    }

    @Test func v1SplitFileStaysReadable() throws {
        let d = Self.dataset, v1 = Split(dataset: d, seed: 9, coldValidation: false)
        let back = try Split.parse(v1.csv(for: d), file: "v1.csv", for: d)
        #expect(back.roles == v1.roles)
        #expect(!back.hasColdValidation)
        #expect(back.coldCases == v1.coldCases)
    }

    @Test func aUserCannotBeInBothDraws() throws {
        let d = Self.dataset, split = Split(dataset: d, seed: 9)
        var roles = split.roles
        // Turn one cold-validation user's other scene's interactions into cold ones.
        let c = split.coldValidationCases[0]
        let other = (0..<Int32(d.sceneCount)).first { $0 != c.scene && !d.history(ofUser: c.user, scene: $0).isEmpty }!
        for i in d.history(ofUser: c.user, scene: other) { roles[Int(i)] = .cold }
        #expect(throws: DataError.self) { try Split(dataset: d, roles: roles) }
        do {
            _ = try Split(dataset: d, roles: roles)
        } catch {
            #expect(String(describing: error).contains("both cold and cold-validation"))
        }
    }

    @Test func roleNameRoundTrips() {
        #expect(Role.coldValidation.description == "cold-validation")
        #expect(Role(name: "cold-validation") == .coldValidation)
        // Older roles keep their byte, so v1 split fingerprints do not move.
        #expect(Role.dropped.rawValue == 4 && Role.coldValidation.rawValue == 5)
    }
}
