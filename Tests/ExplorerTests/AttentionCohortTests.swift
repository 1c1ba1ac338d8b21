import Foundation
import InterestData
import InterestModel
import TerminalUI
import Testing
@testable import Explorer

/// The Attention screen's cohorts (issue 11): `c` averages a cohort, `C` compares two, both in
/// the background with progress and `x`; stale results are dropped; the numbers on screen are
/// `cohortAttention` and `compareCohorts` on the same users.
@Suite struct AttentionCohortTests {
    static let hangzhou = "city = 杭州 Hangzhou"
    static let newsReaders = "active in 新闻"

    static func type(_ text: String, into state: inout AppState) {
        for character in text { _ = update(&state, .key(.character(character))) }
    }

    static func users(_ expression: String) throws -> [Int] {
        try Cohort(parsing: expression, in: Fixtures.data.dataset).users(in: Fixtures.data.cohortFacts)
    }

    /// On Attention with the cohort prompt open and `text` typed.
    static func prompted(_ key: Character, _ text: String, width: Int = 80, height: Int = 24) -> AppState {
        var state = Fixtures.state(width: width, height: height)
        Fixtures.press(.character("3"), .character(key), into: &state)
        type(text, into: &state)
        return state
    }

    /// Runs the job the effects ask for and feeds its messages back.
    static func finish(_ effects: [Effect], into state: inout AppState) {
        for message in Fixtures.perform(effects.filter(\.isJob)) { _ = update(&state, message) }
    }

    @Test func cStartsTheCohortsAverageWithProgressAndXStopsIt() throws {
        var state = Self.prompted("c", Self.hangzhou)
        #expect(state.activeKeyMap.bindings.map(\.description) == KeyMaps.cohortEntry.bindings.map(\.description))
        let expected = try Self.users(Self.hangzhou)
        #expect(state.attentionCohorts.prompt?.preview == "\(expected.count) users · Enter averages")
        let effects = Fixtures.press(.enter, into: &state)[0]
        guard case .computeCohortAttention(let job)? = effects.first else { Issue.record("no job: \(effects)"); return }
        #expect(job.first == expected && job.second == nil && job.generation == state.model?.generation)
        #expect(state.attentionCohorts.mode == .cohort && state.attentionCohorts.job == job.id)
        _ = update(&state, .cohortProgress(.users(2048, of: 5000), job: job.id))
        let frame = Fixtures.frame(state).text
        #expect(frame.contains("averaging attention over cohort \(Self.hangzhou): 2048 of 5000 (x stops)"), "\(frame)")
        #expect(frame.contains("Attention · cohort \(Self.hangzhou) (\(expected.count) users)"))
        // x: cancelled, and nothing half-computed stays on screen.
        #expect(Fixtures.press(.character("x"), into: &state)[0].first == .cancelCohortAttention(id: job.id))
        #expect(state.attentionCohorts.mode == nil && state.attentionCohorts.job == nil)
    }

    @Test func resultsOfAnOlderRequestOrModelAreDropped() throws {
        var state = Self.prompted("c", Self.hangzhou)
        guard case .computeCohortAttention(let old)? = Fixtures.press(.enter, into: &state)[0].first else { Issue.record("no job"); return }
        // A second request replaces the first: its job is cancelled.
        Fixtures.press(.character("c"), into: &state)
        Self.type(" and \(Self.newsReaders)", into: &state)
        let second = Fixtures.press(.enter, into: &state)[0]
        #expect(second.first == .cancelCohortAttention(id: old.id))
        guard case .computeCohortAttention(let job)? = second.last else { Issue.record("no second job"); return }
        let average = try #require(Fixtures.model.cohortAttention(users: old.first, in: Fixtures.data.dataset))
        _ = update(&state, .cohortAttentionComputed(.average(average), job: old.id, generation: old.generation))
        #expect(state.attentionCohorts.average == nil, "the older request's result is dropped")
        _ = update(&state, .cohortAttentionComputed(.average(average), job: job.id, generation: job.generation + 1))
        #expect(state.attentionCohorts.average == nil, "a result for another model is dropped")
        _ = update(&state, .cohortAttentionComputed(.average(average), job: job.id, generation: job.generation))
        #expect(state.attentionCohorts.average == average && state.attentionCohorts.job == nil)
    }

    @Test func modesAreCoherent() throws {
        var state = Self.prompted("c", Self.hangzhou)
        Self.finish(Fixtures.press(.enter, into: &state)[0], into: &state)
        #expect(state.attentionSubject.hasPrefix("cohort "))
        // a: no heads for cohorts; u: back to this user; c again starts from the cohort.
        Fixtures.press(.character("a"), into: &state)
        #expect(state.attention.head == nil && state.status?.text.contains("heads are shown averaged") == true)
        Fixtures.press(.character("u"), into: &state)
        #expect(state.attentionCohorts.mode == nil && !state.attention.allUsers)
        #expect(Fixtures.frame(state).text.contains("Attention · \(Fixtures.data.userTitle(state.selectedUser!))"))
        Fixtures.press(.character("c"), into: &state)
        #expect(state.attentionCohorts.prompt?.input.text == Self.hangzhou)
        Fixtures.press(.escape, into: &state)
        // u again: all users, as before.
        Fixtures.press(.character("u"), into: &state)
        #expect(state.attention.allUsers && state.attentionSubject == "all users")
        // C while all users are shown: A is all users (the cohort kept is not on screen, so it is
        // not what an analyst compares with); the comparison replaces all users.
        Fixtures.press(.character("C"), into: &state)
        Self.type(Self.newsReaders, into: &state)
        var effects = Fixtures.press(.enter, into: &state)[0]
        guard case .computeCohortAttention(let job)? = effects.last else { Issue.record("no job: \(effects)"); return }
        let b = try Self.users(Self.newsReaders)
        #expect(job.first == Array(0..<Fixtures.data.dataset.userCount) && job.second == b)
        #expect(state.attentionCohorts.mode == .comparison && !state.attention.allUsers)
        // C while a cohort is shown: A is that cohort.
        Fixtures.press(.character("c"), into: &state)
        state.attentionCohorts.prompt?.input.set("")
        Self.type(Self.hangzhou, into: &state)
        Self.finish(Fixtures.press(.enter, into: &state)[0], into: &state)
        Fixtures.press(.character("C"), into: &state)
        Self.type(Self.newsReaders, into: &state)
        effects = Fixtures.press(.enter, into: &state)[0]
        guard case .computeCohortAttention(let second)? = effects.last else { Issue.record("no job: \(effects)"); return }
        #expect(second.first == (try Self.users(Self.hangzhou)) && second.second == b)
        #expect(state.attentionSubject == "cohorts A vs B", "80 columns: the labels are under the maps")
        state.width = 200
        #expect(state.attentionSubject == "A \(Self.hangzhou) vs B \(Self.newsReaders)")
    }

    @Test func withoutACohortCComparesWithAllUsers() throws {
        var state = Self.prompted("C", Self.newsReaders)
        let frame = Fixtures.frame(state).text
        #expect(frame.contains("B (A: all users):"), "\(frame)")
        let effects = Fixtures.press(.enter, into: &state)[0]
        guard case .computeCohortAttention(let job)? = effects.last else { Issue.record("no job"); return }
        #expect(job.first == Array(0..<Fixtures.data.dataset.userCount))
        _ = update(&state, .cohortProgress(.users(100, of: 1677), job: job.id))
        #expect(state.attentionCohorts.status == "averaging attention over cohorts all users and \(Self.newsReaders): 100 of 1677 (x stops)")
        #expect(Fixtures.frame(state).text.contains("stops)"), "wrapped, not cut")
        Self.finish(effects, into: &state)
        let compared = Fixtures.frame(state).text
        #expect(compared.contains("A: all users (\(Fixtures.data.dataset.userCount) users") && compared.contains("A − B (* beyond noise)"), "\(compared)")
        // N has no cohort to name (all users is not one).
        Fixtures.press(.character("N"), into: &state)
        #expect(state.namingCohort == nil && state.status?.isError == true)
    }

    /// After `u` goes back to this user, `C` compares with all users (not the cohort shown
    /// before), and `N` names the Users screen's filter (inverted as `not (…)`), saying which.
    @Test func afterUCComparesWithAllUsersAndNNamesTheUsersFilter() throws {
        let root = NamedCohortTests.folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        var state = Fixtures.state(width: 80, height: 24)
        state.namedCohorts = NamedCohortsState.load(root: root)
        Fixtures.press(.character("c"), into: &state)
        Self.type("!" + Self.hangzhou, into: &state)
        Fixtures.press(.enter, .character("3"), .character("c"), into: &state)
        state.attentionCohorts.prompt?.input.set("")
        Self.type(Self.newsReaders, into: &state)
        Self.finish(Fixtures.press(.enter, into: &state)[0], into: &state)
        #expect(state.attentionCohorts.mode == .cohort)
        // N now names the cohort shown.
        Fixtures.press(.character("N"), into: &state)
        #expect(state.namingCohort?.expression == Self.newsReaders)
        Fixtures.press(.escape, .character("u"), into: &state)
        #expect(state.attentionCohorts.mode == nil)
        Fixtures.press(.character("C"), into: &state)
        #expect(Fixtures.frame(state).text.contains("B (A: all users):"))
        Fixtures.press(.escape, .character("N"), into: &state)
        #expect(state.namingCohort?.expression == "not (\(Self.hangzhou))")
        #expect(Fixtures.frame(state).text.contains(" name not (city"), "the prompt says which cohort it names")
    }

    /// While a cohort is shown, keys that would act out of sight say so instead: `[`/`]` (the
    /// user is not on screen), `d` in a comparison (the maps are A, B and A − B).
    @Test func keysThatWouldActOutOfSightSaySo() throws {
        var state = Self.prompted("c", Self.hangzhou)
        Self.finish(Fixtures.press(.enter, into: &state)[0], into: &state)
        let user = state.selectedUser
        Fixtures.press(.character("]"), into: &state)
        #expect(state.selectedUser == user && state.status?.text.hasPrefix("a cohort is shown, not a user") == true)
        Fixtures.press(.character("C"), into: &state)
        Self.type(Self.newsReaders, into: &state)
        Self.finish(Fixtures.press(.enter, into: &state)[0], into: &state)
        let before = state.attention
        Fixtures.press(.character("d"), into: &state)
        #expect(state.attention == before && state.status?.text.hasPrefix("the comparison shows A − B") == true)
    }

    /// What-if edits one user: entering it on Attention leaves a cohort for this user, and while
    /// it lasts `u`, `c` and `C` (averages, which never include the edits) are refused.
    @Test func whatIfShowsThisUserOnAttention() throws {
        var state = Self.prompted("c", Self.hangzhou)
        Self.finish(Fixtures.press(.enter, into: &state)[0], into: &state)
        #expect(state.attentionCohorts.mode == .cohort)
        Fixtures.press(.character("W"), into: &state)
        #expect(state.whatIf != nil && state.attentionCohorts.mode == nil && !state.attention.allUsers)
        #expect(state.attentionSubject.contains("what-if"))
        for key: Character in ["u", "c", "C"] {
            Fixtures.press(.character(key), into: &state)
            #expect(state.attentionCohorts.mode == nil && state.attentionCohorts.prompt == nil && !state.attention.allUsers, "\(key)")
            #expect(state.status?.text.hasPrefix("what-if shows this user") == true, "\(key)")
        }
    }

    @Test func aNewModelRecomputesTheCohortShown() throws {
        var state = Self.prompted("c", Self.hangzhou)
        Self.finish(Fixtures.press(.enter, into: &state)[0], into: &state)
        let effects = update(&state, .checkpointLoaded(Fixtures.model, CheckpointInfo(hyperparameters: Fixtures.model.hyperparameters, splitSeed: 1), path: "other.safetensors"))
        guard case .computeCohortAttention(let job)? = effects.first(where: { if case .computeCohortAttention = $0 { return true } else { return false } }) else {
            Issue.record("not recomputed: \(effects)"); return
        }
        let expected = try Self.users(Self.hangzhou)
        #expect(job.generation == state.model?.generation && job.first == expected)
        guard case .failure(.computing) = AttentionScreen.matrix(state) else { Issue.record("the old model's average is still shown"); return }
    }

    @Test func theScreensNumbersAreCohortAttentionOnTheSameUsers() throws {
        var state = Self.prompted("c", "!" + Self.hangzhou)
        Self.finish(Fixtures.press(.enter, into: &state)[0], into: &state)
        let inside = Set(try Self.users(Self.hangzhou))
        let others = (0..<Fixtures.data.dataset.userCount).filter { !inside.contains($0) }
        let expected = try #require(Fixtures.model.cohortAttention(users: others, in: Fixtures.data.dataset))
        for view in AttentionCursor.View.allCases {
            state.attention.view = view
            guard case .success(let shown) = AttentionScreen.matrix(state) else { Issue.record("nothing shown"); return }
            #expect(shown == expected.matrix(view.cohortView), "\(view)")
        }
        // Ctrl-S and y take the cohort's matrix.
        guard case .success(let request) = state.exportRequest() else { Issue.record("no export"); return }
        #expect(request.content == .attention(matrix: expected.matrix(.hiddenTarget)) && request.what.contains("cohort !\(Self.hangzhou)"))
    }

    @Test func theComparisonIsCompareCohortsWithMarksAndExport() throws {
        var state = Self.prompted("c", Self.hangzhou)
        Self.finish(Fixtures.press(.enter, into: &state)[0], into: &state)
        Fixtures.press(.character("C"), into: &state)
        Self.type(Self.newsReaders, into: &state)
        Self.finish(Fixtures.press(.enter, into: &state)[0], into: &state)
        let expected = try #require(Fixtures.model.compareCohorts(try Self.users(Self.hangzhou), try Self.users(Self.newsReaders),
                                                                  in: Fixtures.data.dataset, resamples: 200))
        #expect(state.attentionCohorts.comparison == expected)
        guard case .success(let shown) = AttentionScreen.matrix(state) else { Issue.record("nothing shown"); return }
        #expect(shown == expected.differences[.plain]!.value)
        // The detail line: A, B, the difference and its interval for the cursor cell.
        let d = expected.differences[.plain]!
        let frame = Fixtures.frame(state).text
        #expect(frame.contains("A − B \(signed(Double(d.value[0]))) [\(signed(Double(d.low[0]))), \(signed(Double(d.high[0])))]"), "\(frame)")
        // Export: every cell with A, B, difference, interval and beyond-noise.
        guard case .success(let request) = state.exportRequest(), case .cohortComparison(let table) = request.content else {
            Issue.record("no comparison export"); return
        }
        let text = table.text(sceneIDs: Fixtures.data.dataset.scenes.map(\.id), format: .csv)
        let lines = text.split(separator: "\n")
        #expect(lines[0] == "target,source,a,b,difference,low,high,beyond_noise" && lines.count == 1 + 16)
        #expect(lines[1].hasSuffix(d.beyondNoise[0] ? ",true" : ",false"))
        let copy = Fixtures.press(.character("y"), into: &state)[0]
        #expect(copy == [.copyToClipboard(text: table.text(sceneIDs: Fixtures.data.dataset.scenes.map(\.id), format: .tsv),
                                          what: "the cohort comparison (16 cells, TSV)")])
    }

    // MARK: - Snapshots

    static func averaged(width: Int, height: Int) -> AppState {
        var state = prompted("c", hangzhou, width: width, height: height)
        finish(Fixtures.press(.enter, into: &state)[0], into: &state)
        state.status = nil
        return state
    }

    static func compared(width: Int, height: Int) -> AppState {
        var state = averaged(width: width, height: height)
        Fixtures.press(.character("C"), into: &state)
        type(newsReaders, into: &state)
        finish(Fixtures.press(.enter, into: &state)[0], into: &state)
        state.status = nil
        return state
    }

    @Test func clicksLandOnTheComparisonsCells() throws {
        #expect(MouseLayout.attentionMaps(Self.compared(width: 80, height: 24)).count == 1, "A − B alone at 80 columns")
        var state = Self.compared(width: 200, height: 60)
        let maps = MouseLayout.attentionMaps(state)
        #expect(maps.count == 3, "A | B | A − B at 200 columns")
        let b = try #require(maps.dropFirst().first)
        _ = update(&state, .mouse(.press(x: b.area.x + b.labelWidth + 1 + 3 * b.cellWidth + 1, y: b.area.y + 1 + 2 * b.lines)))
        #expect(state.attention.row == 2 && state.attention.column == 3)
    }

    @Test func snapshots() {
        for (width, height) in [(80, 24), (200, 60)] {
            Snapshot.expect(Fixtures.frame(Self.averaged(width: width, height: height)), named: "attention-cohort-\(width)x\(height)")
            var hidden = Self.averaged(width: width, height: height)
            hidden.attention.view = .hiddenTarget
            Snapshot.expect(Fixtures.frame(hidden), named: "attention-cohort-hidden-\(width)x\(height)")
            Snapshot.expect(Fixtures.frame(Self.compared(width: width, height: height)), named: "attention-compare-\(width)x\(height)")
            Snapshot.expect(Fixtures.frame(Self.prompted("c", Self.hangzhou + " and", width: width, height: height)), named: "attention-cohort-prompt-\(width)x\(height)")
        }
    }
}

/// Named cohorts: `<runs root>/cohorts.json`, `N` to save, Up/Down to recall, `@name` to use.
@Suite struct NamedCohortTests {
    static func folder() -> String {
        let path = NSTemporaryDirectory() + "mist-cohorts-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func theFileRoundTripsAndADamagedOneIsReportedNotOverwritten() throws {
        let root = Self.folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let path = NamedCohorts.path(root: root)
        #expect(try NamedCohorts.load(path: path) == NamedCohorts(), "no file: no cohorts")
        var cohorts = NamedCohorts()
        cohorts.save(name: "hz", expression: "city = 杭州 Hangzhou")
        cohorts.save(name: "quote\"d", expression: "name ~ \"Wang and Li\"")
        try cohorts.write(to: path)
        #expect(try NamedCohorts.load(path: path) == cohorts)
        #expect(try cohorts.resolve("@hz", path: path) == "city = 杭州 Hangzhou")
        #expect(try cohorts.resolve("active in news", path: path) == "active in news")
        #expect(throws: NamedCohortsError(path: path, reason: "has no cohort named \"nope\" (known: @hz, @quote\"d)")) {
            try cohorts.resolve("@nope", path: path)
        }
        try Data("{\"version\":1,\"cohorts\":[{\"name\":\"x\"}]}".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: NamedCohortsError.self) { try NamedCohorts.load(path: path) }
        do { _ = try NamedCohorts.load(path: path) } catch {
            #expect(error.description.hasPrefix(path) && error.description.contains("missing \"expression\""), "\(error)")
        }
        // The runner refuses to save over it, and leaves it as it was.
        let before = try String(contentsOfFile: path, encoding: .utf8)
        guard case .failed(let text) = EffectRunner.saveNamedCohort(name: "y", expression: "active in news", path: path) else {
            Issue.record("saved over a damaged file"); return
        }
        let after = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains(path) && after == before)
        // The explorer knows it is damaged: N refuses, @name says why.
        var state = Fixtures.state(width: 80, height: 24)
        state.loadNamedCohorts(root: root)
        #expect(state.namedCohorts.damage != nil && state.status?.isError == true && state.log.last?.text.contains(path) == true)
        Fixtures.press(.character("c"), into: &state)
        AttentionCohortTests.type(AttentionCohortTests.hangzhou, into: &state)
        Fixtures.press(.enter, .character("N"), into: &state)
        #expect(state.namingCohort == nil && state.status?.text.contains("never overwritten") == true)
    }

    @Test func nSavesAsksBeforeReplacingAndUpDownRecallAtName() throws {
        let root = Self.folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        var state = Fixtures.state(width: 80, height: 24)
        state.namedCohorts = NamedCohortsState.load(root: root)
        // Users screen: apply a cohort, N names it.
        Fixtures.press(.character("c"), into: &state)
        AttentionCohortTests.type(AttentionCohortTests.hangzhou, into: &state)
        Fixtures.press(.enter, .character("N"), into: &state)
        AttentionCohortTests.type("hz", into: &state)
        let save = Fixtures.press(.enter, into: &state)[0]
        let path = NamedCohorts.path(root: root)
        #expect(save == [.saveNamedCohort(name: "hz", expression: AttentionCohortTests.hangzhou, path: path)])
        for message in Fixtures.perform(save) { _ = update(&state, message) }
        #expect(state.namedCohorts.cohorts.expression(named: "hz") == AttentionCohortTests.hangzhou)
        #expect(try NamedCohorts.load(path: path) == state.namedCohorts.cohorts)

        // The same name for another cohort: asked first; n keeps the old one.
        Fixtures.press(.character("c"), into: &state)
        AttentionCohortTests.type(" and active in 新闻", into: &state)
        Fixtures.press(.enter, .character("N"), into: &state)
        AttentionCohortTests.type("hz", into: &state)
        #expect(Fixtures.press(.enter, into: &state)[0] == [] && state.namingCohort?.confirmingReplace == true)
        #expect(Fixtures.frame(state).text.contains("@hz is saved already"))
        #expect(Fixtures.press(.character("y"), into: &state)[0]
                == [.saveNamedCohort(name: "hz", expression: AttentionCohortTests.hangzhou + " and active in 新闻", path: path)])

        // Up recalls @hz in the Attention prompt; its count is the cohort's.
        Fixtures.press(.character("3"), .character("c"), into: &state)
        state.attentionCohorts.prompt?.input.set("")
        Fixtures.press(.up, into: &state)
        let expected = try AttentionCohortTests.users(AttentionCohortTests.hangzhou).count
        #expect(state.attentionCohorts.prompt?.input.text == "@hz")
        #expect(state.attentionCohorts.prompt?.preview == "\(expected) users · Enter averages")
        #expect(Fixtures.frame(state).text.contains("↑↓ 1 saved"))
        guard case .computeCohortAttention(let job)? = Fixtures.press(.enter, into: &state)[0].last else { Issue.record("no job"); return }
        #expect(job.first.count == expected && state.attentionSubject.hasPrefix("cohort @hz"))
        // An unknown name names the file and the known names.
        Fixtures.press(.character("c"), into: &state)
        state.attentionCohorts.prompt?.input.set("")
        AttentionCohortTests.type("@nope", into: &state)
        #expect(state.attentionCohorts.prompt?.preview == "\(path) has no cohort named \"nope\" (known: @hz)")
    }
}

/// `mist inspect --cohort @name [--compare @other]` reads `<runs root>/cohorts.json`.
@Suite struct NamedCohortCommandTests {
    @Test func atNameIsTheSavedCohortAndAnUnknownNameIsRefused() throws {
        let root = NamedCohortTests.folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let expression = "city = 杭州 Hangzhou and inactive in 新闻"
        var cohorts = NamedCohorts()
        cohorts.save(name: "hz-no-news", expression: expression)
        try cohorts.write(to: NamedCohorts.path(root: root))
        let sample = CohortCommandTests.sample
        let named = try HostileRunner.mist(["inspect", sample, "--runs", root, "--cohort", "@hz-no-news", "--json"], seconds: 120)
        let direct = try HostileRunner.mist(["inspect", sample, "--cohort", expression, "--json"], seconds: 120)
        #expect(named.status == 0 && direct.status == 0, "\(named) \(direct)")
        #expect(named.output == direct.output)
        let unknown = try HostileRunner.mist(["inspect", sample, "--runs", root, "--cohort", "@hz", "--compare", "@nope"], seconds: 60)
        #expect(unknown.isCleanRefusal, "\(unknown)")
        #expect(unknown.output.contains("\(NamedCohorts.path(root: root)) has no cohort named \"hz\" (known: @hz-no-news)"), "\(unknown.output)")
    }

    /// A damaged file blocks only `@name`, never a plain expression; a cohort with nobody (with
    /// history) in it is refused instead of averaged to zeros.
    @Test func aDamagedFileBlocksOnlyNamesAndAnEmptyCohortIsRefused() throws {
        let root = NamedCohortTests.folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try "{not json".write(toFile: NamedCohorts.path(root: root), atomically: true, encoding: .utf8)
        let sample = CohortCommandTests.sample
        let plain = try HostileRunner.mist(["inspect", sample, "--runs", root, "--cohort", "active in news", "--json"], seconds: 120)
        #expect(plain.status == 0, "\(plain)")
        let named = try HostileRunner.mist(["inspect", sample, "--runs", root, "--cohort", "@hz"], seconds: 60)
        #expect(named.isCleanRefusal && named.output.contains(NamedCohorts.path(root: root)), "\(named)")
        let empty = try HostileRunner.mist(["inspect", sample, "--cohort", "joined < 1900", "--compare", "active in news"], seconds: 60)
        #expect(empty.isCleanRefusal, "\(empty)")
        #expect(empty.output.contains("--cohort \"joined < 1900\": no user with history is in this cohort"), "\(empty.output)")
    }
}
