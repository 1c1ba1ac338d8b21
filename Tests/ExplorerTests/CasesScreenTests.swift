import Foundation
import InterestData
import InterestModel
import TerminalUI
import Testing
@testable import Explorer

/// The Cases screen (6): its ranking job as effects and messages (request, progress, cancel,
/// results of another job or model dropped), the table's sort, filter and search, Enter opening
/// the case's user on Transfer, and the ranks shown being `ColdCaseReport.make`'s.
@Suite struct CasesScreenTests {
    /// The report of the fixture model on its split, computed once: the split of the default
    /// seed, as evaluation resolves it for a model that records no fingerprint.
    static let report: ColdCaseReport = {
        let data = Fixtures.data, model = Fixtures.model
        let split = CheckpointInfo(hyperparameters: model.hyperparameters, splitSeed: Split.defaultSeed, splitFingerprint: nil)
            .split(seed: Split.defaultSeed, in: data.dataset)
        return try! ColdCaseReport.make(model: model, name: Comparison.name(of: model.hyperparameters), split: split, dataset: data.dataset,
                                        depth: coldCaseDepth, threads: model.hyperparameters.threads)
    }()

    /// The ranking request that showing the Cases screen starts.
    static func request(_ effects: [Effect]) -> ColdCaseRequest? {
        effects.lazy.compactMap { if case .rankColdCases(let request) = $0 { return request } else { return nil } }.first
    }

    /// A state on the Cases screen with the report received.
    static func withReport(width: Int = 80, height: Int = 24) -> AppState {
        var state = Fixtures.state(width: width, height: height)
        let effects = Fixtures.press(.character("6"), into: &state)[0]
        _ = update(&state, .coldCases(report, job: request(effects)!.id))
        return state
    }

    @Test func showingTheScreenRanksOnceForTheModelWithProgress() throws {
        var state = Fixtures.state()
        let context = try #require(state.model)
        let request = try #require(Self.request(Fixtures.press(.character("6"), into: &state)[0]))
        #expect(state.screen == .cases)
        #expect(request.generation == context.generation && request.model == context.model && request.splitSeed == context.splitSeed)
        #expect(request.splitFingerprint == context.splitFingerprint && request.depth == coldCaseDepth)
        #expect(state.coldCaseStatus == "ranking cold cases… (x cancels)")
        _ = update(&state, .coldCaseProgress(ColdCaseProgress(model: 1, models: 4, name: "popularity", done: 256, total: 400), job: request.id))
        #expect(state.coldCaseStatus == "ranking cold cases: model 2 of 4 (popularity), 256 of 400 cases… (x cancels)")
        #expect(Fixtures.frame(state).text.contains("model 2 of 4 (popularity)"))
        // Leaving and coming back, or e, does not start a second job for the same model.
        #expect(Fixtures.press(.character("1"), into: &state)[0].allSatisfy { !$0.isJob })
        #expect(Fixtures.press(.character("6"), into: &state)[0].allSatisfy { !$0.isJob })
        #expect(Fixtures.press(.character("e"), into: &state)[0].allSatisfy { !$0.isJob })
        // The result arrives: the table shows every case, and the status says the outcome.
        _ = update(&state, .coldCases(Self.report, job: request.id))
        #expect(state.coldCaseReport == Self.report && state.coldCaseStatus == nil)
        #expect(state.cases.order.count == Self.report.cases.count)
        #expect(state.status?.text == "ranked \(Self.report.cases.count) cold cases: the model wins \(Self.report.wins), loses \(Self.report.losses), ties \(Self.report.ties)")
        // With a report for the model, showing the screen again starts nothing; e ranks again.
        Fixtures.press(.character("1"), into: &state)
        #expect(Fixtures.press(.character("6"), into: &state)[0].allSatisfy { !$0.isJob })
        let again = try #require(Self.request(Fixtures.press(.character("e"), into: &state)[0]))
        #expect(again.id != request.id && state.coldCaseReport == Self.report)
    }

    @Test func xCancelsAndALateResultIsDropped() throws {
        var state = Fixtures.state()
        let request = try #require(Self.request(Fixtures.press(.character("6"), into: &state)[0]))
        #expect(Fixtures.press(.character("x"), into: &state)[0].first == .cancelColdCases(id: request.id))
        #expect(state.coldCaseStatus == nil && state.cases.job == nil)
        #expect(state.status?.text == "stopped ranking the cold cases; e ranks them again")
        _ = update(&state, .coldCaseProgress(ColdCaseProgress(model: 2, models: 4, name: "ease", done: 0, total: 400), job: request.id))
        _ = update(&state, .coldCases(Self.report, job: request.id))
        #expect(state.coldCaseReport == nil && state.coldCaseStatus == nil)
        // Coming back does not restart what x stopped; e does.
        Fixtures.press(.character("1"), into: &state)
        #expect(Fixtures.press(.character("6"), into: &state)[0].allSatisfy { !$0.isJob })
        #expect(Fixtures.frame(state).text.contains("e ranks them"))
        #expect(Self.request(Fixtures.press(.character("e"), into: &state)[0]) != nil)
    }

    @Test func aReportForAnOlderModelIsNeverShown() throws {
        var state = Fixtures.state()
        let old = try #require(Self.request(Fixtures.press(.character("6"), into: &state)[0]))
        // Another model replaces it while the job runs: its work is cancelled, its result dropped.
        #expect(state.cancellationsOfModelWork().contains(.cancelColdCases(id: old.id)))
        state.install(Fixtures.model, origin: "other", splitSeed: 7)
        _ = update(&state, .coldCases(Self.report, job: old.id))
        #expect(state.coldCaseReport == nil)
        // e ranks for the new model, on its own split.
        let new = try #require(Self.request(Fixtures.press(.character("e"), into: &state)[0]))
        #expect(new.generation == state.model?.generation && new.splitSeed == 7)
        // A report received for a model is hidden once another model is installed.
        _ = update(&state, .coldCases(Self.report, job: new.id))
        #expect(state.coldCaseReport == Self.report)
        state.install(Fixtures.model, origin: "third", splitSeed: 7)
        #expect(state.coldCaseReport == nil)
    }

    @Test func sortFilterAndSearch() throws {
        var state = Self.withReport()
        let report = Self.report, data = Fixtures.data
        // s: user, name, scene, targets, then the model's best rank; r reverses. Beyond depth sorts last.
        Fixtures.press(.character("s"), .character("s"), .character("s"), .character("s"), .character("s"), into: &state)
        #expect(state.cases.sortColumn == .rank(0) && state.cases.ascending)
        let ranks = state.cases.order.map { report.cases[$0].best(0) ?? Int.max }
        #expect(ranks == ranks.sorted() && ranks.count == report.cases.count)
        Fixtures.press(.character("r"), into: &state)
        #expect(state.cases.order.map { report.cases[$0].best(0) ?? Int.max } == ranks.sorted().reversed())
        // S goes back a column.
        Fixtures.press(.character("S"), into: &state)
        #expect(state.cases.sortColumn == .targets)
        // f: all → wins → losses → ties → all.
        for (filter, expected) in [(CaseFilter.wins, ColdCaseOutcome.win), (.losses, .loss), (.ties, .tie)] {
            Fixtures.press(.character("f"), into: &state)
            #expect(state.cases.filter == filter)
            #expect(state.cases.order.count == report.cases.filter { report.outcome($0) == expected }.count)
            #expect(state.cases.order.allSatisfy { report.outcome(report.cases[$0]) == expected })
        }
        Fixtures.press(.character("f"), into: &state)
        #expect(state.cases.filter == .all && state.cases.order.count == report.cases.count)
        // / searches by user id (typing filters live; Enter keeps it, F clears it).
        let user = Int(report.cases[0].user), id = data.userIDs[user]
        Fixtures.press(.character("/"), into: &state)
        #expect(state.cases.isSearching && state.activeKeyMap.action(for: .enter) == .confirm)
        for c in id { Fixtures.press(.character(c), into: &state) }
        Fixtures.press(.enter, into: &state)
        #expect(!state.cases.isSearching && state.cases.query == id)
        #expect(!state.cases.order.isEmpty && state.cases.order.allSatisfy { data.userIDs[Int(report.cases[$0].user)].lowercased().contains(id.lowercased()) })
        #expect(state.cases.order.contains(0))
        Fixtures.press(.character("F"), into: &state)
        #expect(state.cases.query.isEmpty && state.cases.order.count == report.cases.count)
        // Esc while typing drops the search.
        Fixtures.press(.character("/"), .character("z"), .character("z"), .character("z"), .escape, into: &state)
        #expect(state.cases.query.isEmpty && state.cases.order.count == report.cases.count && state.screen == .cases)
    }

    @Test func enterOpensTheCaseUserOnTransferIntoItsScene() throws {
        var state = Self.withReport()
        let report = Self.report
        // A case in another scene than the Transfer screen's target, of another user than the selected one.
        let row = try #require(state.cases.order.firstIndex { report.cases[$0].scene != 0 && Int(report.cases[$0].user) != state.selectedUser })
        state.cases.scroll.select(row, count: state.cases.order.count, visibleRows: state.casesVisibleRows)
        let c = report.cases[state.cases.order[row]]
        Fixtures.press(.enter, into: &state)
        #expect(state.screen == .transfer)
        #expect(state.selectedUser == Int(c.user) && state.transfer.target == Int(c.scene))
        #expect(state.model?.trace?.target == Int(c.scene) && state.model?.explanation?.user == Int(c.user))
        #expect(state.users.selectedUser == Int(c.user))
        #expect(Fixtures.frame(state).text.contains("into \(Fixtures.data.dataset.scenes[Int(c.scene)].name)"))
        // The case is shown as the model ranked it: in what-if mode, the case's scene hidden (the
        // user's history there holds the hidden targets); R shows the whole history again.
        #expect(state.whatIf?.user == Int(c.user) && state.whatIf?.edits == [.hide(scene: Int(c.scene))])
        #expect(state.model?.explanation?.scenes[Int(c.scene)].isActive == false, "the scene is cold on every screen")
        #expect(state.model?.whatIfBefore?.explanation.scenes[Int(c.scene)].isActive == true, "before: the user's own history")
        Fixtures.press(.character("R"), into: &state)
        #expect(state.whatIf?.edits == [] && state.model?.explanation?.scenes[Int(c.scene)].isActive == true)
        // Going back to the users list and on keeps the case's user.
        Fixtures.press(.escape, .character("2"), into: &state)
        #expect(state.selectedUser == Int(c.user))
    }

    /// The ranks the screen shows come from the runner's job, which is `ColdCaseReport.make` on
    /// the model's split: the same report, and the same best ranks in the exported table.
    @Test func theScreensRanksAreColdCaseReportMakes() throws {
        var state = Fixtures.state()
        let effects = Fixtures.press(.character("6"), into: &state)[0]
        let messages = Fixtures.perform(effects.filter(\.isJob))
        let job = try #require(Self.request(effects)?.id)
        #expect(messages.contains { if case .coldCaseProgress(let p, job) = $0 { return p.model == 3 && p.name == "itemknn" } else { return false } })
        for message in messages { _ = update(&state, message) }
        let shown = try #require(state.coldCaseReport)
        #expect(shown == Self.report)
        let text = CasesExport.text(report: shown, order: state.cases.order, data: Fixtures.data)
        let rows = text.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.count == Self.report.cases.count)
        for (row, c) in zip(rows, Self.report.cases) {
            #expect(Array(row[4..<8]) == (0..<4).map { c.best($0).map(String.init) ?? "" })
            #expect(row[8] == Self.report.outcome(c).rawValue)
        }
        // The detail panel draws the selected case's user and its targets' ranks under the model.
        let frame = Fixtures.frame(state).text, first = Self.report.cases[try #require(state.cases.selectedCase)]
        #expect(frame.contains(Fixtures.data.userTitle(Int(first.user))))
    }

    @Test func ctrlSExportsTheCaseTableAsShown() throws {
        var state = Self.withReport()
        Fixtures.press(.character("f"), into: &state)  // wins
        guard case .success(let request) = state.exportRequest() else { Issue.record("refused"); return }
        #expect(request.content == .coldCases(report: Self.report, order: state.cases.order))
        #expect(request.name == "mist-cases-wins.csv")
        let files = request.content.files(at: "x.csv", data: Fixtures.data)
        let lines = files[0].text.split(separator: "\n")
        #expect(lines[0] == "user,name,scene,targets,best_rank_\(Self.report.models[0]),best_rank_popularity,best_rank_ease,best_rank_itemknn,outcome")
        #expect(lines.count == 1 + Self.report.wins && lines.dropFirst().allSatisfy { $0.hasSuffix(",win") })
        // Before the report is there, Ctrl-S says why there is nothing to write.
        var computing = Fixtures.state()
        Fixtures.press(.character("6"), into: &computing)
        guard case .failure(let refusal) = computing.exportRequest() else { Issue.record("exported nothing"); return }
        #expect(refusal.reason.contains("still being ranked"))
    }

    @Test func screensCycleThroughCasesAndItsTabIsClickable() throws {
        // A click on the tab shows the screen, which starts ranking for the model.
        var clicked = Fixtures.state()
        let x = try #require(MouseTests.column(of: Screen.cases.tabTitle, row: 0, in: Fixtures.frame(clicked)))
        let effects = update(&clicked, .mouse(.press(x: x + 1, y: 0)))
        #expect(clicked.screen == .cases && Self.request(effects) != nil)
        // Tab goes from Training to Cases and from Cases back to Users; Shift-Tab the other way.
        var state = Fixtures.state()
        #expect(Self.request(Fixtures.press(.character("5"), .tab, into: &state)[1]) != nil)
        #expect(state.screen == .cases)
        Fixtures.press(.tab, into: &state)
        #expect(state.screen == .users)
        Fixtures.press(.backTab, into: &state)
        #expect(state.screen == .cases)
    }

    /// A click on a row of the table selects that case: the row whose user id is drawn there.
    @Test func clickingARowSelectsThatCase() throws {
        var state = Self.withReport()
        let report = Self.report
        let target = try #require(state.cases.order.dropFirst(2).first)
        let id = Fixtures.data.userIDs[Int(report.cases[target].user)]
        let frame = Fixtures.frame(state)
        let y = try #require((0..<frame.height).first { frame.line($0).hasPrefix("│\(id)") })
        _ = update(&state, .mouse(.press(x: 3, y: y)))
        #expect(state.cases.selectedCase == target)
        #expect(Fixtures.frame(state).text.contains("\(id) \(Fixtures.data.userName(Int(report.cases[target].user))) · into"))
        // A click on the header or under the last row selects nothing new.
        let header = try #require((0..<frame.height).first { frame.line($0).hasPrefix("│user ") })
        _ = update(&state, .mouse(.press(x: 3, y: header)))
        #expect(state.cases.selectedCase == target)
    }
}
