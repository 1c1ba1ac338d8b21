/// Receives the problems found while loading. Loading for use stops at the first problem (it is
/// thrown); validation keeps going and collects up to `limit` problems.
struct ProblemCollector {
    let limit: Int
    private(set) var problems: [DataError] = []

    /// Thrown to unwind the loader once the collector wants no more.
    struct Stop: Error {}

    init(limit: Int) { self.limit = max(1, limit) }

    /// Records `problem`; throws `Stop` when no more are wanted.
    mutating func report(_ problem: DataError) throws(Stop) {
        problems.append(problem)
        if problems.count >= limit { throw Stop() }
    }

    var isEmpty: Bool { problems.isEmpty }
}
