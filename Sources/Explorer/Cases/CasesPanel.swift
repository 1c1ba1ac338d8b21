import InterestData
import InterestModel
import TerminalUI

/// A column of the cases table, for sorting (`s`/`S`/`r`, as on the Users screen).
public enum CaseColumn: Hashable, Sendable {
    case user, name, scene, targets
    /// The best rank of a hidden target under model `m` (`ColdCaseReport.models` order).
    case rank(Int)
    case outcome

    /// Every column, in the table's order, for a report of `models` models.
    static func all(models: Int) -> [CaseColumn] {
        [.user, .name, .scene, .targets] + (0..<models).map { .rank($0) } + [.outcome]
    }
}

/// Which cases the table keeps, by the model's outcome against the baselines (`f` cycles).
public enum CaseFilter: Int, CaseIterable, Sendable {
    case all, wins, losses, ties

    public var title: String {
        switch self {
        case .all: return "all"
        case .wins: return "wins"
        case .losses: return "losses"
        case .ties: return "ties"
        }
    }

    func keeps(_ outcome: ColdCaseOutcome) -> Bool {
        switch self {
        case .all: return true
        case .wins: return outcome == .win
        case .losses: return outcome == .loss
        case .ties: return outcome == .tie
        }
    }
}

/// The Cases screen's state: the cold-case report of the model in use (computed in the
/// background), the job computing it, and what the table shows (filter, search, sort, cursor).
/// Values only, like the rest of `AppState`.
public struct CasesPanel: Sendable, Equatable {
    /// The last report received, and the model generation it belongs to: a report of another
    /// generation is an older model's and is not shown (`AppState.coldCaseReport`).
    public var report: ColdCaseReport?
    public var generation: Int?
    /// The ranking job running (its id and model generation), nil when none.
    public var job: Int?
    public var jobGeneration: Int?
    /// What the job is doing ("ranking cold cases: model 2 of 4 …"), nil when idle.
    public var status: String?
    /// The generation for which showing the screen already started a ranking: it starts by itself
    /// once per model (after `x`, `e` starts it again).
    public var autoRequested: Int?
    public var sortColumn: CaseColumn?
    public var ascending = true
    public var filter = CaseFilter.all
    /// The search box: a case-insensitive substring of the user's id or name.
    public var search = TextInput()
    public var isSearching = false
    public var scroll = ScrollState()
    /// Indices into `report.cases` of the rows shown, in display order.
    public private(set) var order: [Int] = []

    public init() {}

    public var query: String { search.text }

    /// The index into `report.cases` of the case under the cursor, if a row is shown.
    public var selectedCase: Int? { order.indices.contains(scroll.selected) ? order[scroll.selected] : nil }

    /// Recomputes `order` from the filter, search and sort, keeping the cursor on the same case
    /// when it is still shown (else on the first row).
    mutating func rebuild(_ data: ExplorerData) {
        guard let report else { order = []; scroll = ScrollState(); return }
        let keep = selectedCase
        let needle = query.lowercased()
        var shown = report.cases.indices.filter { i in
            let c = report.cases[i]
            return filter.keeps(report.outcome(c)) && (needle.isEmpty || data.matches(user: Int(c.user), lowercasedQuery: needle))
        }
        if let column = sortColumn { sort(&shown, by: column, report: report, data: data) }
        order = shown
        let index = keep.flatMap { order.firstIndex(of: $0) } ?? 0
        scroll = ScrollState(selected: index, offset: max(0, index - 5))
    }

    /// Sorts by `column`, ties in report order; a rank beyond the depth counts as the worst.
    private func sort(_ rows: inout [Int], by column: CaseColumn, report: ColdCaseReport, data: ExplorerData) {
        let ascending = self.ascending
        func key(_ i: Int) -> CaseSortKey {
            let c = report.cases[i]
            switch column {
            case .user: return .text(data.userIDs[Int(c.user)])
            case .name: return .text(data.userName(Int(c.user)))
            case .scene: return .number(Int(c.scene))
            case .targets: return .number(c.targets.count)
            case .rank(let m): return .number(c.best(m) ?? Int.max)
            case .outcome: return .number(ColdCaseOutcome.allCases.firstIndex(of: report.outcome(c)) ?? 0)
            }
        }
        let keys = Dictionary(uniqueKeysWithValues: rows.map { ($0, key($0)) })
        rows.sort { a, b in
            let x = keys[a]!, y = keys[b]!
            if x == y { return a < b }
            return ascending ? x < y : y < x
        }
    }
}

/// What a cases column sorts by: text (ids, names) or a number (ranks, counts).
private enum CaseSortKey: Comparable {
    case number(Int)
    case text(String)
}

extension CasesPanel: LiveSearchList {}
