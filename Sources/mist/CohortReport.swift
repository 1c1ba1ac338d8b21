import Foundation
import InterestData
import InterestModel

/// What `mist inspect --cohort EXPR [--compare EXPR]` prints: each cohort's size and average
/// attention in the three views, and for two cohorts A − B with the bootstrap interval of every
/// cell and whether it excludes 0.
struct CohortReport {
    let dataset: Dataset
    let model: TransferModel
    let expression: String
    let other: String?
    let resamples: Int

    /// A refused expression: the expression, where in it, and why.
    struct ExpressionError: Error, CustomStringConvertible {
        var option: String
        var expression: String
        var error: CohortError
        var description: String { "\(option) \"\(expression)\": \(error)" }
    }

    /// A cohort nobody is in, or whose users have no history: there is nothing to average, and
    /// zeros would read as a measurement.
    struct EmptyCohortError: Error, CustomStringConvertible {
        var option: String
        var expression: String
        var description: String { "\(option) \"\(expression)\": no user with history is in this cohort: nothing to average" }
    }

    func cohort(_ text: String, option: String, facts: CohortFacts) throws -> [Int] {
        let users: [Int]
        do { users = try Cohort(parsing: text, in: dataset).users(in: facts) } catch {
            throw ExpressionError(option: option, expression: text, error: error)
        }
        guard users.contains(where: { u in (0..<dataset.sceneCount).contains { !dataset.history(ofUser: Int32(u), scene: Int32($0)).isEmpty } }) else {
            throw EmptyCohortError(option: option, expression: text)
        }
        return users
    }

    func print(json: Bool) throws {
        let facts = CohortFacts(dataset: dataset)
        let first = try cohort(expression, option: "--cohort", facts: facts)
        let ids = dataset.scenes.map(\.id), s = dataset.sceneCount
        func matrix(_ m: [Float]) -> [[Double]] { (0..<s).map { t in (0..<s).map { Double(m[t * s + $0]) } } }
        func views(_ c: CohortAttention, _ text: String) -> [String: Any] {
            var out: [String: Any] = ["expression": text, "users": c.selected, "averaged": c.averaged, "hidden_target_users": c.hiddenTargetUsers]
            for view in CohortAttention.View.allCases { out[view.rawValue] = matrix(c.matrix(view)) }
            return out
        }
        var result: [String: Any] = ["scene_ids": ids]
        var text: [String] = []
        func describe(_ label: String, _ c: CohortAttention, _ expression: String) {
            text.append("\(label) \(expression): \(c.selected) users (\(c.averaged) with history)")
            for view in CohortAttention.View.allCases {
                text.append("  \(view.rawValue.replacingOccurrences(of: "_", with: "-")):")
                text += MatrixText.lines(c.matrix(view), sceneIDs: ids).map { "  " + $0 }
            }
        }
        if let other {
            let second = try cohort(other, option: "--compare", facts: facts)
            guard let comparison = model.compareCohorts(first, second, in: dataset, resamples: resamples) else { return }
            result["cohort"] = views(comparison.first, expression)
            result["compare"] = views(comparison.second, other)
            var differences: [String: Any] = [:]
            for (view, d) in comparison.differences {
                differences[view.rawValue] = ["value": matrix(d.value), "low": matrix(d.low), "high": matrix(d.high),
                                              "beyond_noise": (0..<s).map { t in (0..<s).map { d.beyondNoise[t * s + $0] } }]
            }
            result["difference"] = differences
            result["bootstrap"] = ["resamples": comparison.resamples, "seed": comparison.seed, "interval": 0.95]
            describe("A", comparison.first, expression)
            describe("B", comparison.second, other)
            for view in CohortAttention.View.allCases {
                let d = comparison.differences[view]!
                text.append("A − B, \(view.rawValue.replacingOccurrences(of: "_", with: "-")) (* = beyond bootstrap noise, 95%, \(resamples) resamples):")
                let marked = MatrixText.lines(d.value, sceneIDs: ids)
                text.append(marked[0])
                for t in 0..<s {
                    let stars = (0..<s).map { d.beyondNoise[t * s + $0] ? "*" : "·" }.joined()
                    text.append(marked[t + 1] + "  " + stars)
                }
            }
        } else {
            guard let c = model.cohortAttention(users: first, in: dataset) else { return }
            result["cohort"] = views(c, expression)
            describe("cohort", c, expression)
        }
        if json { try JSONOutput.print(result) } else { text.forEach { printText($0) } }
    }
}
