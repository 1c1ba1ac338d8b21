/// Checks that roles read from a split file could come from the split protocol, so that a
/// hand-edited or mismatched file is rejected with a precise message instead of producing
/// silently wrong evaluations. Returns the hidden scenes per user (−1 when none).
enum SplitConsistency {
    static func check(dataset: Dataset, roles: [Role], file: String) throws(DataError) -> HiddenScenes {
        guard roles.count == dataset.interactionCount else {
            throw .splitRowCount(DataLocation(file: file), expected: dataset.interactionCount, found: roles.count)
        }
        let feedback = dataset.interactions.feedback
        // Split rows are in input order, after a header: interaction i is on line i + 2.
        func location(_ i: Int) -> DataLocation { DataLocation(file: file, line: i + 2, column: "role") }
        var hidden = HiddenScenes(userCount: dataset.userCount)
        for i in 0..<roles.count {
            let role = roles[i], y = feedback[i]
            switch role {
            case .validation where y < 0, .test where y < 0:
                throw .inconsistentSplit(location(i), reason: "a negative interaction cannot be \(role)")
            case .dropped where y >= 0:
                throw .inconsistentSplit(location(i), reason: "only negative interactions can be dropped")
            case .cold, .coldValidation:
                let u = Int(dataset.interactions.user[i]), s = dataset.interactionScene[i]
                let (mine, other) = role == .cold ? (hidden.cold[u], hidden.coldValidation[u]) : (hidden.coldValidation[u], hidden.cold[u])
                if mine >= 0 && mine != s {
                    throw .inconsistentSplit(location(i), reason: "user \(dataset.userID(Int32(u))) has \(role) interactions in two scenes")
                }
                if other >= 0 {
                    throw .inconsistentSplit(location(i), reason: "user \(dataset.userID(Int32(u))) has both cold and cold-validation interactions; the two draws take different users")
                }
                if role == .cold { hidden.cold[u] = s } else { hidden.coldValidation[u] = s }
            default:
                break
            }
        }
        for (scenes, role) in [(hidden.cold, Role.cold), (hidden.coldValidation, .coldValidation)] {
            for u in 0..<Int32(dataset.userCount) where scenes[Int(u)] >= 0 {
                let history = dataset.history(ofUser: u, scene: scenes[Int(u)])
                if let i = history.first(where: { roles[Int($0)] != role }) {
                    throw .inconsistentSplit(location(Int(i)), reason: "user \(dataset.userID(u)) has a hidden scene, so all their interactions there must be \(role)")
                }
                if !history.contains(where: { feedback[Int($0)] >= 0 }) {
                    throw .inconsistentSplit(location(Int(history.first!)), reason: "a hidden scene needs an interaction with y ≥ 0")
                }
            }
        }
        return hidden
    }
}
