import Dispatch
import Synchronization
import Autograd
import InterestData

/// Attention averaged over many users, in the plain and hidden-target views, and how it compares
/// with a planted transfer matrix.
public struct AttentionSummary: Sendable, Equatable {
    public var sceneCount: Int
    /// Users averaged (those with history in at least one scene).
    public var users: Int
    /// Mean of the users' attention matrices (`S×S`, rows = target).
    public var average: [Float]
    /// Mean of the users' hidden-target matrices; row t averages over users active in some
    /// scene other than t.
    public var hiddenTarget: [Float]

    /// For each target t, the source s ≠ t with the most hidden-target attention (ties: lower
    /// index); nil when there is no other scene (a one-scene dataset).
    public var strongestSource: [Int?] {
        (0..<sceneCount).map { t in
            var best: Int?
            for s in 0..<sceneCount where s != t {
                if let b = best, hiddenTarget[t * sceneCount + s] <= hiddenTarget[t * sceneCount + b] { continue }
                best = s
            }
            return best
        }
    }

    /// Spearman rank correlation between the off-diagonal entries of `hiddenTarget` and of a
    /// planted matrix (`truth[t][s]`), averaged over target rows (a constant row counts 0); nil
    /// with fewer than two scenes, where there is nothing off the diagonal to rank.
    public func spearman(against truth: [[Double]]) -> Double? {
        guard sceneCount >= 2 else { return nil }
        var total = 0.0
        for t in 0..<sceneCount {
            let sources = (0..<sceneCount).filter { $0 != t }
            total += spearmanRho(sources.map { Double(hiddenTarget[t * sceneCount + $0]) }, sources.map { truth[t][$0] }) ?? 0
        }
        return total / Double(sceneCount)
    }
}

/// Spearman's ρ: Pearson's correlation of the ranks (ties get their mean rank); nil when either
/// side is constant or there are fewer than two pairs.
public func spearmanRho(_ a: [Double], _ b: [Double]) -> Double? {
    func ranks(_ x: [Double]) -> [Double] {
        let order = x.indices.sorted { x[$0] < x[$1] }
        var result = [Double](repeating: 0, count: x.count)
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count && x[order[j + 1]] == x[order[i]] { j += 1 }
            for k in i...j { result[order[k]] = Double(i + j) / 2 + 1 }
            i = j + 1
        }
        return result
    }
    guard a.count == b.count, a.count > 1 else { return nil }
    let x = ranks(a), y = ranks(b)
    let mx = x.reduce(0, +) / Double(x.count), my = y.reduce(0, +) / Double(y.count)
    var sxy = 0.0, sxx = 0.0, syy = 0.0
    for i in x.indices { sxy += (x[i] - mx) * (y[i] - my); sxx += (x[i] - mx) * (x[i] - mx); syy += (y[i] - my) * (y[i] - my) }
    guard sxx > 0, syy > 0 else { return nil }
    return sxy / (sxx * syy).squareRoot()
}

extension TransferModel {
    /// Averages attention over `users` (all by default), each with `history(u)` as their profile
    /// (the sums are `AttentionAccumulator`'s, as for cohorts).
    public func averageAttention(in dataset: Dataset, split: Split?, users: [Int]? = nil) -> AttentionSummary {
        var sums = AttentionAccumulator(sceneCount: sceneCount)
        visitAttention(users: users ?? Array(0..<dataset.userCount), in: dataset, split: split) { _, rows, plain, hidden in
            sums.add(plain: plain, hiddenRows: rows, hidden: hidden)
        }
        let views = sums.views
        return AttentionSummary(sceneCount: sceneCount, users: views.averaged, average: views.plain, hiddenTarget: views.hiddenTarget)
    }

    /// Calls `visit(user, hiddenRowValid, plain, hidden)` for each of `users` that has history
    /// (in the order given): `plain` is the user's S×S attention (rows = target), `hidden` the
    /// hidden-target rows, row t meaningful where `hiddenRowValid[t]` (the user is active in a
    /// scene other than t).
    ///
    /// Fast enough for a million users: each user's scenes are encoded once, and the hidden-target
    /// rows come from those encodings (`hiddenTargetAttention`: the target's interests zeroed,
    /// which is what encoding an empty history gives), so neither the encoder nor the attention
    /// runs once per hidden scene; batches of 1,024 users run on two threads, and are visited
    /// in order.
    public func visitAttention(users: [Int], in dataset: Dataset, split: Split?,
                               visit: (Int, [Bool], ArraySlice<Float>, [Float]) -> Void) {
        let chunk = 1024, workers = 2
        for start in stride(from: 0, to: users.count, by: chunk * workers) {
            let parts = (0..<workers).map { w -> ArraySlice<Int> in
                let from = min(start + w * chunk, users.count)
                return users[from..<min(from + chunk, users.count)]
            }
            let results = Mutex([[(Int, [Bool], [Float], [Float])]](repeating: [], count: workers))
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                let rows = attentionRows(users: parts[w], in: dataset, split: split)
                results.withLock { $0[w] = rows }
            }
            for part in results.withLock({ $0 }) {
                for (u, rows, plain, hidden) in part { visit(u, rows, plain[...], hidden) }
            }
        }
    }

    /// One batch of `visitAttention`: per user with history, (user, valid hidden rows, plain S×S,
    /// hidden-target S×S).
    private func attentionRows(users: ArraySlice<Int>, in dataset: Dataset, split: Split?) -> [(Int, [Bool], [Float], [Float])] {
        guard !users.isEmpty else { return [] }
        let s = sceneCount, count = users.count
        var batch = ContextBatch(sceneCount: s, historyLength: hyperparameters.historyLength)
        var activeSets: [[Bool]] = []
        for u in users {
            let windows = windows(of: profile(ofUser: u, in: dataset, split: split), in: dataset)
            activeSets.append(windows.map { !$0.isEmpty })
            batch.append(windows)
        }
        let tape = Tape(reading: parameters.weights, recording: false, threads: 1)
        let z = encodeInterests(batch, on: tape).interests
        var active = [Bool]()
        active.reserveCapacity(count * s)
        for scenes in activeSets { active += scenes }
        let (_, plain) = attention(interests: z, active: active, count: count, transfer: hyperparameters.transfer, on: tape)
        let alpha = plain.value.scalars
        let hiddenAlpha = hiddenTargetAttention(interests: z, active: active, count: count, transfer: hyperparameters.transfer, on: tape).value.scalars
        var out: [(Int, [Bool], [Float], [Float])] = []
        for (i, u) in users.enumerated() where activeSets[i].contains(true) {
            let rows = (0..<s).map { t in activeSets[i].enumerated().contains { $0.offset != t && $0.element } }
            var hidden = [Float](repeating: 0, count: s * s)
            for t in 0..<s where rows[t] {
                for source in 0..<s { hidden[t * s + source] = hiddenAlpha[(i * s + t) * s + source] }
            }
            out.append((u, rows, Array(alpha[(i * s * s)..<((i + 1) * s * s)]), hidden))
        }
        return out
    }
}
