import InterestData
import TerminalUI

/// The loaded dataset and what the screens derive from it once: user summaries, ids, short scene
/// labels and colours. Immutable after loading; shared by every state value.
///
/// Equal when loaded from the same folder with the same content: the dataset is compared by its
/// content fingerprint (FNV-1a 64 of the canonical content, the one checkpoints record) and its
/// truth, not element by element, since everything else here is derived from it.
public struct ExplorerData: Sendable, Equatable {
    public static func == (a: ExplorerData, b: ExplorerData) -> Bool {
        a.directoryPath == b.directoryPath && a.dataset.fingerprint == b.dataset.fingerprint
            && a.dataset.truth == b.dataset.truth && a.dataset.userCount == b.dataset.userCount
    }

    public let dataset: Dataset
    /// Folder the data came from (shown in the title, used for checkpoints).
    public let directoryPath: String
    public let directory: UserDirectory
    public let userIDs: [String]
    /// Width of the ID column: the longest id in UTF-8 bytes (never less than its display width),
    /// capped at 12; measured once, not per frame.
    public let idWidth: Int
    /// Short scene labels for narrow places: the first word of the name ("新闻" of "新闻 news").
    public let sceneLabels: [String]
    /// What cohort expressions filter on (counts per user, scene and sentiment), computed once.
    public let cohortFacts: CohortFacts

    public init(dataset: Dataset, directoryPath: String) {
        self.init(dataset: dataset, directoryPath: directoryPath, directory: UserDirectory(dataset: dataset))
    }

    public init(dataset: Dataset, directoryPath: String, directory: UserDirectory) {
        self.dataset = dataset
        self.directoryPath = directoryPath
        self.directory = directory
        cohortFacts = CohortFacts(dataset: dataset)
        userIDs = dataset.users.ids.keys
        idWidth = min(12, max(2, userIDs.reduce(0) { max($0, $1.utf8.count) }))
        sceneLabels = dataset.scenes.map { scene in
            let first = scene.name.split(separator: " ").first.map(String.init) ?? scene.id
            return first.isEmpty ? scene.id : first
        }
    }

    public var sceneCount: Int { dataset.sceneCount }

    public func userName(_ u: Int) -> String {
        u < dataset.users.name.count ? dataset.users.name[u] : ""
    }

    /// "u0001 王磊 Wang Lei" (or just the id when the data has no names).
    public func userTitle(_ u: Int) -> String {
        let name = userName(u)
        return name.isEmpty ? userIDs[u] : "\(userIDs[u]) \(name)"
    }

    /// A colour per scene that reads on 8-colour terminals too.
    public static let scenePalette: [Color] = [.cyan, .magenta, .yellow, .green, .blue, .red, .brightCyan, .brightMagenta]

    public func sceneColor(_ s: Int) -> Color { Self.scenePalette[s % Self.scenePalette.count] }

    func matches(user u: Int, lowercasedQuery needle: String) -> Bool {
        userIDs[u].lowercased().contains(needle) || userName(u).lowercased().contains(needle)
    }

    /// Sorts user indices by a column; ties keep the data order (the sort is stable by index).
    func sort(_ users: inout [Int32], by column: UserColumn, ascending: Bool) {
        let d = directory
        func less(_ a: Int32, _ b: Int32) -> Bool {
            let x = Int(a), y = Int(b)
            switch column {
            case .id: return userIDs[x] < userIDs[y]
            case .name: return userName(x) < userName(y)
            case .scene(let s): return d.count(user: x, scene: s) < d.count(user: y, scene: s)
            case .dominant: return d.dominantScene[x] < d.dominantScene[y]
            case .active: return d.activeSceneCount(user: x) < d.activeSceneCount(user: y)
            case .total: return d.totals[x] < d.totals[y]
            }
        }
        users.sort { a, b in
            if less(a, b) { return ascending }
            if less(b, a) { return !ascending }
            return a < b
        }
    }
}
