import InterestData
import TerminalUI

/// What the users table shows: which users (search and scene filter), in which order (sort), and
/// where the cursor is. `order` is rebuilt only when the query, filter or sort changes; scrolling
/// touches nothing but `scroll`, so it costs the same for a thousand users as for a million.
public struct UsersView: Sendable, Equatable {
    public var scroll = ScrollState()
    /// nil: the data's order (users by first appearance).
    public var sortColumn: UserColumn?
    public var ascending = true
    /// Only users active in this scene.
    public var sceneFilter: Int?
    /// The search box: a case-insensitive substring of the id or name.
    public var search = TextInput()
    public var query: String { search.text }
    /// The search box has focus (typing edits `query`).
    public var isSearching = false
    /// The cohort filter (docs/COHORTS.md): only its users, or with `cohortInverted` only the
    /// others (k9s' `!`). The expression as typed is `cohortInput`.
    public var cohort: Cohort?
    public var cohortInverted = false
    /// The cohort box (shared with the Attention screen's, Cohorts/CohortPrompt.swift).
    public var cohortPrompt = CohortPrompt()
    public var cohortInput: TextInput {
        get { cohortPrompt.input }
        set { cohortPrompt.input = newValue }
    }
    /// The cohort box has focus: typing edits the expression, and the line under it shows how
    /// many users it selects, or where it is wrong.
    public var isEditingCohort = false
    /// While editing: "412 users" for the expression typed so far, or where it is wrong.
    public var cohortPreview: String { cohortPrompt.preview }
    /// Users shown, in display order.
    public private(set) var order: [Int32]

    public init(userCount: Int) { order = (0..<Int32(userCount)).map { $0 } }

    public var count: Int { order.count }

    /// The user under the cursor, if any row is shown.
    public var selectedUser: Int? {
        order.indices.contains(scroll.selected) ? Int(order[scroll.selected]) : nil
    }

    /// Recomputes `order` from the query, filter and sort, keeping the cursor on the same user
    /// when it is still shown.
    public mutating func rebuild(_ data: ExplorerData) {
        let keep = selectedUser
        // k9s' inverse filter: "/!wang" keeps the users whose id and name do not contain "wang".
        let inverted = query.hasPrefix("!")
        let needle = String(query.dropFirst(inverted ? 1 : 0)).lowercased()
        var shown: [Int32] = []
        shown.reserveCapacity(data.directory.userCount)
        for u in 0..<data.directory.userCount {
            if let scene = sceneFilter, !data.directory.isActive(user: u, scene: scene) { continue }
            if let cohort, cohort.matches(u, data.cohortFacts) == cohortInverted { continue }
            if !needle.isEmpty && data.matches(user: u, lowercasedQuery: needle) == inverted { continue }
            shown.append(Int32(u))
        }
        if let column = sortColumn { data.sort(&shown, by: column, ascending: ascending) }
        order = shown
        let index = keep.flatMap { user in order.firstIndex(of: Int32(user)) } ?? 0
        scroll = ScrollState(selected: index, offset: max(0, index - 5))
    }
}

/// A list filtered live by a search box (the users table, the cases table).
protocol LiveSearchList {
    var search: TextInput { get set }
    var isSearching: Bool { get set }
    mutating func rebuild(_ data: ExplorerData)
}

extension LiveSearchList {
    /// A key while the search box has focus: typing filters live, Enter keeps the search, Esc drops it.
    mutating func editSearch(_ key: Key, action: Action?, data: ExplorerData) {
        switch action {
        case .confirm?: isSearching = false
        case .cancel?:
            isSearching = false
            search.set("")
            rebuild(data)
        default:
            let before = search.text
            search.handle(key)
            if search.text != before { rebuild(data) }
        }
    }
}

extension UsersView: LiveSearchList {}
