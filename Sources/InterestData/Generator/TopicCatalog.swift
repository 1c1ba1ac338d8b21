import Randomness

/// The topics of generated items, shared by every scene (so that interest can transfer through
/// them), with the core topics of the seed article's scenes and words for titles.
enum TopicCatalog {
    struct Topic: Sendable {
        var name: String
        var key: String
        var nouns: [String]
    }

    static let topics: [Topic] = [
        Topic(name: "政治 politics", key: "politics", nouns: ["election", "summit", "budget", "policy"]),
        Topic(name: "经济 economy", key: "economy", nouns: ["markets", "inflation", "jobs", "trade"]),
        Topic(name: "人工智能 AI", key: "ai", nouns: ["chatbot", "GPU", "robot", "model"]),
        Topic(name: "手机 phones", key: "phones", nouns: ["smartphone", "battery", "camera", "foldable"]),
        Topic(name: "游戏 gaming", key: "gaming", nouns: ["console", "esports", "RPG", "speedrun"]),
        Topic(name: "航天 space", key: "space", nouns: ["rocket", "Mars", "satellite", "telescope"]),
        Topic(name: "电影 movies", key: "movies", nouns: ["blockbuster", "director", "sequel", "festival"]),
        Topic(name: "音乐 music", key: "music", nouns: ["album", "tour", "concert", "playlist"]),
        Topic(name: "明星 celebrities", key: "celebrities", nouns: ["red carpet", "interview", "wedding", "fashion"]),
        Topic(name: "足球 football", key: "football", nouns: ["derby", "transfer", "league", "goal"]),
        Topic(name: "篮球 basketball", key: "basketball", nouns: ["playoffs", "dunk", "draft", "rookie"]),
        Topic(name: "健康 health", key: "health", nouns: ["fitness", "sleep", "diet", "marathon"]),
    ]

    /// Core topic keys of the seed article's scenes; an unknown scene gets four seeded ones.
    static let coreTopics: [String: [String]] = [
        "news": ["politics", "economy", "health", "space", "ai"],
        "tech": ["ai", "phones", "gaming", "space"],
        "entertainment": ["movies", "music", "celebrities", "gaming"],
        "sports": ["football", "basketball", "health"],
    ]

    /// Relative number of items per topic in a scene: core topics 3, others 1.
    static func prevalence(sceneID: String, rng: inout SplitMix64) -> [Double] {
        var core = coreTopics[sceneID] ?? []
        if core.isEmpty {
            var keys = topics.map(\.key)
            rng.shuffle(&keys)
            core = Array(keys.prefix(4))
        }
        return topics.map { core.contains($0.key) ? 3 : 1 }
    }

    private static let templates: [@Sendable (String, String) -> String] = [
        { noun, tag in "\(tag): \(noun), explained" },
        { noun, tag in "Why \"\(noun)\" matters, according to \(tag) fans" },
        { noun, tag in "\(tag) weekly: \(noun) update" },
        { noun, tag in "\"\(noun.capitalized)\" review: fast, cheap, flawed" },
        { noun, tag in "Five things about \(noun) (\(tag))" },
        { noun, tag in "The \(noun) story everyone in \(tag) is reading" },
    ]

    /// A title for item number `number` of `topic`; some contain commas and quotes on purpose.
    static func title(topic: Int, number: Int, sceneName: String, rng: inout SplitMix64) -> String {
        let nouns = topics[topic].nouns
        let noun = nouns[rng.int(below: nouns.count)]
        let template = templates[rng.int(below: templates.count)]
        return template(noun, sceneName) + " #\(number)"
    }
}

private extension String {
    var capitalized: String { prefix(1).uppercased() + dropFirst() }
}
