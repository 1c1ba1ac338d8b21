import InterestData
import Randomness

/// A cohort's average attention in the three views the explorer shows (plain, off-diagonal,
/// hidden-target), and the difference of two cohorts with the cells that differ beyond their
/// bootstrap noise (issue 11).
public struct CohortAttention: Sendable, Equatable {
    public var sceneCount: Int
    /// Users the cohort selects, and those averaged (with history in at least one scene).
    public var selected: Int
    public var averaged: Int
    /// Mean of the users' attention matrices (S×S, rows = target).
    public var plain: [Float]
    /// `plain` with each row renormalised without its diagonal (as the explorer shows it).
    public var offDiagonal: [Float]
    /// Row t: mean over the users active in a scene other than t of their hidden-target row t.
    public var hiddenTarget: [Float]
    /// Users behind each hidden-target row.
    public var hiddenTargetUsers: [Int]

    public enum View: String, Sendable, CaseIterable {
        case plain, offDiagonal = "off_diagonal", hiddenTarget = "hidden_target"
    }

    public func matrix(_ view: View) -> [Float] {
        switch view {
        case .plain: return plain
        case .offDiagonal: return offDiagonal
        case .hiddenTarget: return hiddenTarget
        }
    }
}

/// Sums of users' attention matrices, weighted, and the views they average to: one piece of code
/// for a cohort's average (streamed, any size) and for each bootstrap resample.
struct AttentionAccumulator {
    let sceneCount: Int
    var selected = 0
    private var plainSum: [Double], hiddenSum: [Double]
    private var counted = 0, rowUsers: [Int]

    init(sceneCount s: Int) {
        sceneCount = s
        plainSum = [Double](repeating: 0, count: s * s)
        hiddenSum = [Double](repeating: 0, count: s * s)
        rowUsers = [Int](repeating: 0, count: s)
    }

    mutating func add(plain: some Collection<Float>, hiddenRows: [Bool], hidden: [Float], weight w: Int = 1) {
        guard w > 0 else { return }
        let s = sceneCount
        counted += w
        for (k, value) in plain.enumerated() { plainSum[k] += Double(w) * Double(value) }
        for t in 0..<s where hiddenRows[t] {
            rowUsers[t] += w
            for source in 0..<s { hiddenSum[t * s + source] += Double(w) * Double(hidden[t * s + source]) }
        }
    }

    var views: CohortAttention {
        let s = sceneCount
        let average = plainSum.map { Float($0 / Double(max(counted, 1))) }
        return CohortAttention(sceneCount: s, selected: selected, averaged: counted, plain: average,
                               offDiagonal: AttentionView.offDiagonal(of: average, sceneCount: s),
                               hiddenTarget: (0..<(s * s)).map { Float(hiddenSum[$0] / Double(max(rowUsers[$0 / s], 1))) },
                               hiddenTargetUsers: rowUsers)
    }
}

/// Every averaged user's matrices, kept to compute the views of any resample.
struct CohortSamples {
    let sceneCount: Int
    var selected = 0
    var plain: [[Float]] = []
    var hidden: [[Float]] = []
    var hiddenRows: [[Bool]] = []

    /// The views averaged over `weights[i]` copies of user i (all ones: the cohort itself).
    func views(weights: [Int]? = nil) -> CohortAttention {
        var sums = AttentionAccumulator(sceneCount: sceneCount)
        sums.selected = selected
        for i in plain.indices { sums.add(plain: plain[i], hiddenRows: hiddenRows[i], hidden: hidden[i], weight: weights?[i] ?? 1) }
        return sums.views
    }
}

/// Two cohorts' views and, per view and cell, the difference A − B with a bootstrap 95% interval.
public struct CohortComparison: Sendable, Equatable {
    public var first: CohortAttention
    public var second: CohortAttention
    public var resamples: Int
    public var seed: UInt64
    public var differences: [CohortAttention.View: CellDifferences]

    public struct CellDifferences: Sendable, Equatable {
        public var value: [Float]
        public var low: [Float]
        public var high: [Float]
        /// The interval excludes 0: the cohorts differ there beyond resampling noise.
        public var beyondNoise: [Bool]
    }
}

extension TransferModel {
    /// The cohort's views, from all of each user's interactions (as everywhere in the explorer),
    /// streamed: memory does not grow with the cohort. `cancelled` is asked between batches of 2048
    /// users; nil when it said yes.
    /// `progress` gets the users done so far after each batch (the explorer's progress line).
    public func cohortAttention(users: [Int], in dataset: Dataset, cancelled: () -> Bool = { false },
                                progress: (Int) -> Void = { _ in }) -> CohortAttention? {
        var sums = AttentionAccumulator(sceneCount: sceneCount)
        sums.selected = users.count
        let finished = visitAttention(users: users, in: dataset, cancelled: cancelled, progress: progress) { rows, plain, hidden in
            sums.add(plain: plain, hiddenRows: rows, hidden: hidden)
        }
        return finished ? sums.views : nil
    }

    /// `visitAttention` from all of each user's interactions, 2,048 users (a batch for each of
    /// the two workers, several times over) between two questions to `cancelled`; false when it
    /// said yes.
    private func visitAttention(users: [Int], in dataset: Dataset, cancelled: () -> Bool, progress: (Int) -> Void = { _ in },
                                visit: ([Bool], ArraySlice<Float>, [Float]) -> Void) -> Bool {
        for start in stride(from: 0, to: users.count, by: 2048) {
            if cancelled() { return false }
            let end = min(start + 2048, users.count)
            visitAttention(users: Array(users[start..<end]), in: dataset, split: nil) { _, rows, plain, hidden in
                visit(rows, plain, hidden)
            }
            progress(end)
        }
        return true
    }

    func samples(users: [Int], in dataset: Dataset, cancelled: () -> Bool, progress: (Int) -> Void = { _ in }) -> CohortSamples? {
        var samples = CohortSamples(sceneCount: sceneCount)
        samples.selected = users.count
        let finished = visitAttention(users: users, in: dataset, cancelled: cancelled, progress: progress) { rows, plain, hidden in
            samples.plain.append(Array(plain))
            samples.hidden.append(hidden)
            samples.hiddenRows.append(rows)
        }
        return finished ? samples : nil
    }

    /// Compares two cohorts: each view of A − B, with a percentile bootstrap (each cohort's
    /// users resampled with replacement, `resamples` times, seeded) for every cell.
    /// `progress` gets the users of A then B done so far (out of both), then the resamples done.
    public func compareCohorts(_ a: [Int], _ b: [Int], in dataset: Dataset, resamples: Int = 200, seed: UInt64 = 1,
                               cancelled: () -> Bool = { false },
                               progress: (CohortProgress) -> Void = { _ in }) -> CohortComparison? {
        let total = a.count + b.count
        guard let first = samples(users: a, in: dataset, cancelled: cancelled, progress: { progress(.users($0, of: total)) }),
              let second = samples(users: b, in: dataset, cancelled: cancelled, progress: { progress(.users(a.count + $0, of: total)) })
        else { return nil }
        let viewsA = first.views(), viewsB = second.views()
        var random = SeededRandom(seed: seed)
        var draws: [CohortAttention.View: [[Float]]] = [:]
        func counts(_ n: Int) -> [Int] {
            var weights = [Int](repeating: 0, count: n)
            for _ in 0..<n { weights[random.int(below: n)] += 1 }
            return weights
        }
        for done in 0..<resamples {
            if cancelled() { return nil }
            if done % 10 == 0 { progress(.resamples(done, of: resamples)) }
            guard !first.plain.isEmpty, !second.plain.isEmpty else { break }
            let ra = first.views(weights: counts(first.plain.count)), rb = second.views(weights: counts(second.plain.count))
            for view in CohortAttention.View.allCases {
                draws[view, default: []].append(zip(ra.matrix(view), rb.matrix(view)).map { $0 - $1 })
            }
        }
        var differences: [CohortAttention.View: CohortComparison.CellDifferences] = [:]
        for view in CohortAttention.View.allCases {
            let value = zip(viewsA.matrix(view), viewsB.matrix(view)).map { $0 - $1 }
            let samples = draws[view] ?? []
            var low = value, high = value
            if !samples.isEmpty {
                for k in value.indices {
                    let sorted = samples.map { $0[k] }.sorted()
                    low[k] = sorted[Int((Double(sorted.count - 1) * 0.025).rounded())]
                    high[k] = sorted[Int((Double(sorted.count - 1) * 0.975).rounded())]
                }
            }
            differences[view] = .init(value: value, low: low, high: high,
                                      beyondNoise: value.indices.map { !samples.isEmpty && (low[$0] > 0 || high[$0] < 0) })
        }
        return CohortComparison(first: viewsA, second: viewsB, resamples: resamples, seed: seed, differences: differences)
    }
}

/// How far `compareCohorts` has come: users averaged (A, then B), then bootstrap resamples drawn.
public enum CohortProgress: Sendable, Equatable {
    case users(Int, of: Int)
    case resamples(Int, of: Int)
}
