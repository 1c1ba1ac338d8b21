import InterestData
import InterestModel
import TerminalUI

/// Ranks searched per case on the Cases screen (as `mist cases`' default): a hidden target
/// further down shows as "—".
let coldCaseDepth = 100

extension AppState {
    /// The cold-case report of the model in use; nil when there is none yet or the report is an
    /// older model's (results for another model are never shown).
    var coldCaseReport: ColdCaseReport? {
        guard let generation = cases.generation, generation == model?.generation else { return nil }
        return cases.report
    }

    /// What the ranking job for the model in use is doing; nil when none runs for it.
    var coldCaseStatus: String? {
        guard cases.job != nil, cases.jobGeneration == model?.generation else { return nil }
        return cases.status
    }

    var casesVisibleRows: Int { CasesLayout(width: width, height: height).tableRows }

    mutating func handleCases(_ action: Action) -> [Effect] {
        let rows = casesVisibleRows, count = cases.order.count
        switch action {
        case .up: cases.scroll.move(by: -1, count: count, visibleRows: rows)
        case .down: cases.scroll.move(by: 1, count: count, visibleRows: rows)
        case .pageUp: cases.scroll.page(-1, count: count, visibleRows: rows)
        case .pageDown: cases.scroll.page(1, count: count, visibleRows: rows)
        case .top: cases.scroll.select(0, count: count, visibleRows: rows)
        case .bottom: cases.scroll.select(count - 1, count: count, visibleRows: rows)
        case .select:
            guard let index = cases.selectedCase else { return [] }
            return openCase(index)
        case .search:
            guard coldCaseReport != nil else { return [] }
            cases.isSearching = true
        case .sortNext, .sortPrevious:
            guard let report = coldCaseReport else { return [] }
            let all = CaseColumn.all(models: report.models.count)
            // nil (the report's order) sits before the first column in the cycle.
            let position = cases.sortColumn.flatMap { all.firstIndex(of: $0) }.map { $0 + 1 } ?? 0
            let next = (position + (action == .sortNext ? 1 : all.count)) % (all.count + 1)
            cases.sortColumn = next == 0 ? nil : all[next - 1]
            cases.ascending = true
            cases.rebuild(data)
        case .reverseSort:
            cases.ascending.toggle()
            cases.rebuild(data)
        case .filterOutcome:
            cases.filter = CaseFilter(rawValue: (cases.filter.rawValue + 1) % CaseFilter.allCases.count) ?? .all
            cases.rebuild(data)
        case .clearFilter:
            cases.filter = .all
            cases.search.set("")
            cases.rebuild(data)
        case .rankCases: return requestColdCases()
        case .stop:
            guard let job = cases.job, coldCaseStatus != nil else { return [] }
            forgetColdCaseJob()
            return [.cancelColdCases(id: job)] + say("stopped ranking the cold cases; e ranks them again")
        default: break
        }
        return []
    }

    /// Starts ranking the cold cases for the model in use (`e`, or the first time the screen is
    /// shown for a model); a job still running for an older model is cancelled.
    mutating func requestColdCases() -> [Effect] {
        guard let context = model else {
            return say("no model to rank the cases with: train one on screen 5 (t) or load a checkpoint", isError: true)
        }
        var effects: [Effect] = []
        if let job = cases.job {
            if cases.jobGeneration == context.generation { return say("the cold cases are being ranked already (x cancels)") }
            effects.append(.cancelColdCases(id: job))
        }
        let id = nextID()
        cases.job = id
        cases.jobGeneration = context.generation
        cases.status = "ranking cold cases… (x cancels)"
        return effects + [.rankColdCases(ColdCaseRequest(id: id, generation: context.generation, model: context.model, splitSeed: context.splitSeed,
                                                         splitFingerprint: context.splitFingerprint, depth: coldCaseDepth))]
    }

    /// On the Cases screen, ranks the cases for a model that has no report yet: once per model,
    /// so a ranking stopped with `x` is not restarted by coming back (`e` does that).
    mutating func requestColdCasesIfShown() -> [Effect] {
        guard screen == .cases, let context = model, cases.autoRequested != context.generation, coldCaseReport == nil else { return [] }
        cases.autoRequested = context.generation
        return requestColdCases()
    }

    /// Progress of ranking job `job` (ignored for any other job).
    mutating func coldCaseProgressed(_ progress: ColdCaseProgress, job: Int) {
        guard cases.job == job, coldCaseStatus != nil else { return }
        cases.status = "ranking cold cases: model \(progress.model + 1) of \(progress.models) (\(progress.name)), "
            + "\(progress.done) of \(progress.total) cases… (x cancels)"
    }

    /// The report of job `job`: kept when it is the job running for the model in use; the result
    /// of a cancelled job or of an older model's is dropped.
    mutating func receiveColdCases(_ report: ColdCaseReport?, job: Int) -> [Effect] {
        guard cases.job == job else { return [] }
        let generation = cases.jobGeneration
        forgetColdCaseJob()
        guard let report, let generation, generation == model?.generation else { return [] }
        cases.report = report
        cases.generation = generation
        cases.rebuild(data)
        return say("ranked \(report.cases.count) cold cases: the model wins \(report.wins), loses \(report.losses), ties \(report.ties)")
    }

    private mutating func forgetColdCaseJob() {
        cases.job = nil
        cases.jobGeneration = nil
        cases.status = nil
    }

    /// Enter on a case: its user becomes the explained user (also under the Users table's cursor,
    /// when listed, so going back there keeps them), the Transfer screen's target becomes the
    /// case's scene, and the Transfer screen is shown in what-if mode with that scene hidden: the
    /// user's whole history holds the hidden targets themselves in that scene, so only with it
    /// hidden do the screens show the cold case as the model ranked it (before → after then reads
    /// "with the scene's history → without it"; `R` shows the whole history, `W` leaves).
    mutating func openCase(_ index: Int) -> [Effect] {
        guard let report = coldCaseReport, report.cases.indices.contains(index) else { return [] }
        let c = report.cases[index], u = Int(c.user), scene = Int(c.scene)
        let discarded = whatIf.map(\.edits.count) ?? 0
        whatIf = nil
        if let row = users.order.firstIndex(of: c.user) { users.scroll.select(row, count: users.count, visibleRows: usersVisibleRows) }
        transfer.target = scene
        selectedUser = u
        // The explanation depends on the target and the edits: recomputed even when the user stays.
        let stopped = startWhatIf(user: u, edits: [.hide(scene: scene)])
        show(.transfer)
        let note = discarded == 0 ? "" : "; the earlier what-if's \(discarded) edit\(discarded == 1 ? " is" : "s are") discarded"
        return stopped + say("cold case \(data.userIDs[u]) in \(data.dataset.scenes[scene].id): that history hidden (what-if; R resets)\(note)", seconds: 8)
    }

    /// Typing into the cases search box filters live; Enter keeps the search, Esc drops it.
    mutating func editCasesSearch(_ key: Key, action: Action?) -> [Effect] {
        cases.editSearch(key, action: action, data: data)
        return []
    }
}
