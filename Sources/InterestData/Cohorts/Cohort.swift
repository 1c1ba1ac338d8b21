/// A cohort: a parsed expression resolved against a dataset's scenes and users.csv columns, and
/// the users it selects.
///
/// "Active in a scene" means what it means everywhere in mist: at least one interaction there
/// (`Dataset.history(ofUser:scene:)` is not empty).
public struct Cohort: Sendable, Equatable {
    /// The expression as typed.
    public let text: String
    let root: Resolved

    indirect enum Resolved: Sendable, Equatable {
        case and(Resolved, Resolved), or(Resolved, Resolved), not(Resolved)
        case activity(active: Bool, scene: Int)
        case share(feedback: Int8, scene: Int?, CohortOperator, Double)
        case count(scene: Int, CohortOperator, Double)
        /// Column `column` of users.csv (-1: the name column).
        case attribute(column: Int, CohortOperator, String)
    }

    /// Parses `text` and resolves its names in `dataset`; errors name the position.
    public init(parsing text: String, in dataset: Dataset) throws(CohortError) {
        self.text = text
        root = try Self.resolve(try CohortExpression.parse(text), in: dataset)
    }

    static func resolve(_ e: CohortExpression, in dataset: Dataset) throws(CohortError) -> Resolved {
        switch e {
        case let .and(a, b): return .and(try resolve(a, in: dataset), try resolve(b, in: dataset))
        case let .or(a, b): return .or(try resolve(a, in: dataset), try resolve(b, in: dataset))
        case let .not(a): return .not(try resolve(a, in: dataset))
        case let .activity(active, name):
            return .activity(active: active, scene: try scene(name, in: dataset))
        case let .share(sentiment, name, comparison, value):
            return .share(feedback: sentiment.feedback, scene: try name.map { (n) throws(CohortError) in try scene(n, in: dataset) },
                          comparison, value)
        case let .compare(name, comparison, value):
            if let column = column(name.text, in: dataset) { return .attribute(column: column, comparison, value) }
            if let s = sceneIndex(name.text, in: dataset) {
                guard comparison != .contains, let number = Double(value), number.isFinite else {
                    throw CohortError(position: name.position, message: "a scene's interaction count compares with a number (e.g. \(name.text) >= 20), not \"\(value)\"")
                }
                return .count(scene: s, comparison, number)
            }
            let columns = ["name"] + dataset.users.attributeNames
            throw CohortError(position: name.position, message: "'\(name.text)' is neither a users.csv column (\(columns.joined(separator: ", "))) nor a scene (\(sceneList(dataset)))")
        }
    }

    static func sceneList(_ dataset: Dataset) -> String { dataset.scenes.map { "\($0.id) \($0.name)" }.joined(separator: ", ") }

    /// A scene by id, by name, or by any word of its name, ignoring case ("news", "新闻 news", "新闻").
    static func sceneIndex(_ text: String, in dataset: Dataset) -> Int? {
        let wanted = text.lowercased()
        return dataset.scenes.firstIndex { $0.id.lowercased() == wanted || $0.name.lowercased() == wanted }
            ?? dataset.scenes.firstIndex { $0.name.lowercased().split(separator: " ").contains { String($0) == wanted } }
    }

    static func scene(_ name: CohortExpression.Name, in dataset: Dataset) throws(CohortError) -> Int {
        guard let s = sceneIndex(name.text, in: dataset) else {
            throw CohortError(position: name.position, message: "no scene '\(name.text)' (scenes: \(sceneList(dataset)))")
        }
        return s
    }

    static func column(_ text: String, in dataset: Dataset) -> Int? {
        if text.lowercased() == "name" { return -1 }
        return dataset.users.attributeNames.firstIndex { $0.lowercased() == text.lowercased() }
    }

    /// The users it selects, in index order.
    public func users(in facts: CohortFacts) -> [Int] {
        (0..<facts.userCount).filter { matches($0, facts) }
    }

    /// Whether user `u` belongs to the cohort.
    public func matches(_ u: Int, _ facts: CohortFacts) -> Bool { Self.evaluate(root, u, facts) }

    static func evaluate(_ e: Resolved, _ u: Int, _ facts: CohortFacts) -> Bool {
        switch e {
        case let .and(a, b): return evaluate(a, u, facts) && evaluate(b, u, facts)
        case let .or(a, b): return evaluate(a, u, facts) || evaluate(b, u, facts)
        case let .not(a): return !evaluate(a, u, facts)
        case let .activity(active, s): return (facts.count(u, s) > 0) == active
        case let .count(s, comparison, value): return compare(Double(facts.count(u, s)), comparison, value)
        case let .share(feedback, scene, comparison, value):
            let total = scene.map { facts.count(u, $0) } ?? facts.total(u)
            let with = scene.map { facts.count(u, $0, feedback: feedback) } ?? facts.total(u, feedback: feedback)
            return compare(total > 0 ? Double(with) / Double(total) : 0, comparison, value)
        case let .attribute(column, comparison, value):
            let text = column < 0 ? facts.names[u] : facts.attributes[u][column]
            switch comparison {
            case .contains: return text.lowercased().contains(value.lowercased())
            case .equal: return text.lowercased() == value.lowercased()
            case .notEqual: return text.lowercased() != value.lowercased()
            default:
                // Numbers compare as numbers ("joined < 2018"); other text in the usual order.
                if let a = Double(text), let b = Double(value) { return compare(a, comparison, b) }
                return compare(text, comparison, value)
            }
        }
    }

    static func compare<T: Comparable>(_ a: T, _ comparison: CohortOperator, _ b: T) -> Bool {
        switch comparison {
        case .equal: return a == b
        case .notEqual: return a != b
        case .less: return a < b
        case .lessOrEqual: return a <= b
        case .greater: return a > b
        case .greaterOrEqual: return a >= b
        case .contains: return a == b
        }
    }
}

/// What cohorts filter on, per user, computed once per dataset: interactions per scene and
/// sentiment, and the users.csv columns.
public struct CohortFacts: Sendable {
    public let userCount: Int
    public let sceneCount: Int
    /// counts[(u·S + s)·3 + (y + 1)]: interactions of user u in scene s with feedback y.
    let counts: [Int32]
    let names: [String]
    let attributes: [[String]]

    public init(dataset: Dataset) {
        userCount = dataset.userCount
        sceneCount = dataset.sceneCount
        var counts = [Int32](repeating: 0, count: userCount * sceneCount * 3)
        let interactions = dataset.interactions
        for i in 0..<interactions.user.count {
            let slot = (Int(interactions.user[i]) * sceneCount + Int(dataset.interactionScene[i])) * 3 + Int(interactions.feedback[i]) + 1
            counts[slot] += 1
        }
        self.counts = counts
        names = dataset.users.name
        attributes = dataset.users.attributes
    }

    func count(_ u: Int, _ s: Int) -> Int {
        let base = (u * sceneCount + s) * 3
        return Int(counts[base] + counts[base + 1] + counts[base + 2])
    }
    func count(_ u: Int, _ s: Int, feedback: Int8) -> Int { Int(counts[(u * sceneCount + s) * 3 + Int(feedback) + 1]) }
    func total(_ u: Int) -> Int { (0..<sceneCount).reduce(0) { $0 + count(u, $1) } }
    func total(_ u: Int, feedback: Int8) -> Int { (0..<sceneCount).reduce(0) { $0 + count(u, $1, feedback: feedback) } }
}
