import Foundation

/// `mist-bench train --against OLD`: this binary's training speed beside another build's, run
/// alternately round after round, as per-round ratios (this / reference) with their mean and
/// median. On a shared machine the speed of one binary drifts by ±20% from one run to the
/// next; only ratios taken in the same round, over many rounds, say anything.
struct TrainComparison {
    /// One figure of a `mist-bench train` run: examples/s at some thread count, or the wall
    /// seconds to early stop. `version` is nil for builds that trained one model only (round 1).
    struct Line: Equatable {
        var measure: String
        var version: String?
        var threads: Int
        var value: Double

        /// The line of `mist-bench train`'s JSON output, nil for another kind of line.
        init?(json object: [String: Any]) {
            guard let measure = object["measure"] as? String, let threads = object["threads"] as? Int else { return nil }
            let key = measure == "time_to_early_stop" ? "seconds" : "examples_per_second"
            guard let value = object[key] as? Double else { return nil }
            self.init(measure: measure, version: object["version"] as? String, threads: threads, value: value)
        }

        init(measure: String, version: String?, threads: Int, value: Double) {
            self.measure = measure
            self.version = version
            self.threads = threads
            self.value = value
        }

        /// Whether `other` is the same figure: measure and threads, and the version unless
        /// `other` names none (a reference that trained its only model stands for every version).
        func isFigure(of other: Line) -> Bool {
            measure == other.measure && threads == other.threads && (other.version == nil || version == other.version)
        }
    }

    /// This build's figure over the reference's, round by round, for one measure, version and
    /// thread count.
    struct Ratio: Equatable {
        var measure: String
        var version: String?
        var threads: Int
        var ratios: [Double]
        var mean: Double { ratios.reduce(0, +) / Double(max(ratios.count, 1)) }
        var median: Double {
            let sorted = ratios.sorted()
            guard !sorted.isEmpty else { return .nan }
            let middle = sorted.count / 2
            return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        }
    }

    /// Lines of the two builds, one pair per round.
    var rounds: [(reference: [Line], current: [Line])] = []

    /// The reference line a current line is compared with: same measure and threads, and the
    /// same version unless the reference names none (it trained its only model).
    static func counterpart(of line: Line, in reference: [Line]) -> Line? {
        reference.first { line.isFigure(of: $0) }
    }

    /// One ratio per figure of the current build that every round's reference can match, in
    /// the order of the first round's lines.
    var ratios: [Ratio] {
        guard let first = rounds.first else { return [] }
        return first.current.compactMap { line in
            var values = [Double]()
            for round in rounds {
                guard let current = round.current.first(where: { $0.isFigure(of: line) }),
                      let reference = Self.counterpart(of: current, in: round.reference), reference.value > 0 else { return nil }
                values.append(current.value / reference.value)
            }
            return Ratio(measure: line.measure, version: line.version, threads: line.threads, ratios: values)
        }
    }
}
