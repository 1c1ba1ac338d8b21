/// Builds the CSR indices of a dataset: each user's sequence in (timestamp, input order) and each
/// (user, scene) history, by a stable counting sort on user then a per-user stable sort on time.
/// Linear in the number of interactions when timestamps arrive mostly in order.
struct ChronologicalIndex {
    var interactionScene: [Int32]
    var userStart: [Int32]
    var userSequence: [Int32]
    var historyStart: [Int32]
    var historyOrder: [Int32]
    var sequencePosition: [Int32]

    init(users: Int, scenes: Int, items: ItemTable, interactions: InteractionTable) {
        let n = interactions.count
        interactionScene = interactions.item.map { items.scene[Int($0)] }
        // Counting sort by user keeps input order inside each user.
        var start = [Int32](repeating: 0, count: users + 1)
        for u in interactions.user { start[Int(u) + 1] += 1 }
        for u in 0..<users { start[u + 1] += start[u] }
        var fill = start
        var sequence = [Int32](repeating: 0, count: n)
        for i in 0..<n {
            let u = Int(interactions.user[i])
            sequence[Int(fill[u])] = Int32(i)
            fill[u] += 1
        }
        // Within a user, a stable sort by timestamp; skipped when already ordered.
        let time = interactions.timestamp
        for u in 0..<users {
            let lo = Int(start[u]), hi = Int(start[u + 1])
            var ordered = true
            var k = lo + 1
            while k < hi {
                if time[Int(sequence[k - 1])] > time[Int(sequence[k])] { ordered = false; break }
                k += 1
            }
            if !ordered {
                sequence[lo..<hi].sort { a, b in
                    let ta = time[Int(a)], tb = time[Int(b)]
                    return ta != tb ? ta < tb : a < b
                }
            }
        }
        var position = [Int32](repeating: 0, count: n)
        for u in 0..<users {
            let lo = Int(start[u])
            for k in lo..<Int(start[u + 1]) { position[Int(sequence[k])] = Int32(k - lo) }
        }
        // Bucket each user's sequence by scene, keeping chronological order.
        var hStart = [Int32](repeating: 0, count: users * scenes + 1)
        for i in 0..<n {
            hStart[Int(interactions.user[i]) * scenes + Int(interactionScene[i]) + 1] += 1
        }
        for k in 0..<(users * scenes) { hStart[k + 1] += hStart[k] }
        var hFill = hStart
        var order = [Int32](repeating: 0, count: n)
        for i in sequence {
            let k = Int(interactions.user[Int(i)]) * scenes + Int(interactionScene[Int(i)])
            order[Int(hFill[k])] = i
            hFill[k] += 1
        }
        userStart = start
        userSequence = sequence
        historyStart = hStart
        historyOrder = order
        sequencePosition = position
    }
}
