import Foundation
import Synchronization
import InterestData
import InterestModel
import TerminalUI
import Testing
@testable import Explorer

/// Ctrl-S through `update` (the prompt, the default name, the overwrite question, as effects), and
/// the runner's side on real files in a temporary directory (a free default name, the refusal to
/// overwrite without a yes, never a dataset file, atomic writes).
@Suite struct ExportFlowTests {
    static let ctrlS = Key.control("s")

    /// A runner writing into a fresh temporary directory.
    static func run(_ effects: [Effect], in directory: String) -> [Message] {
        let sent = Mutex<[Message]>([])
        let runner = EffectRunner(data: Fixtures.data, exportDirectory: directory, send: { message in sent.withLock { $0.append(message) } })
        runner.execute(effects)
        _ = runner.waitUntilIdle()
        return sent.withLock { $0 }
    }

    static func temporaryDirectory() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mist-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    @Test func ctrlSAsksForAPathWithADefaultAndWritesOnEnter() throws {
        var state = Fixtures.state()
        let effects = Fixtures.press(Self.ctrlS, into: &state)[0]
        let flow = try #require(state.export)
        #expect(effects == [.proposeExportPath(name: "mist-users.csv", id: flow.job.id)])
        #expect(flow.stage == .typing(TextInput("mist-users.csv")))
        #expect(flow.job.content == .users(order: state.users.order) && flow.job.what == "the users table (1000 users, as shown)")
        // Keys go to the prompt, not to the screen.
        #expect(state.activeKeyMap.action(for: .enter) == .confirm)
        // The runner's free name replaces the untouched default.
        _ = update(&state, .exportPathProposed(path: "mist-users-2.csv", id: flow.job.id))
        #expect(state.export?.stage == .typing(TextInput("mist-users-2.csv")))
        let written = Fixtures.press(.enter, into: &state)[0]
        var job = flow.job
        job.path = "mist-users-2.csv"
        #expect(written == [.writeExport(job)])
        #expect(state.export == nil)
        #expect(update(&state, .exported(paths: ["/tmp/mist-users-2.csv"], what: job.what)).count == 1)
        #expect(state.status?.text == "wrote the users table (1000 users, as shown) to /tmp/mist-users-2.csv")
    }

    @Test func theUsersFileNameSaysWhichUsers() throws {
        var state = Fixtures.state()
        Fixtures.press(.character("f"), .character("/"), .character("W"), .character("a"), .enter, Self.ctrlS, into: &state)
        let flow = try #require(state.export)
        #expect(flow.job.path == "mist-users-active-news-search-Wa.csv")
        #expect(flow.job.content == .users(order: state.users.order) && state.users.count < 1000)
        #expect(flow.job.what == "the users table (\(state.users.count) of 1000 users, as shown)")
    }

    @Test func aProposalDoesNotReplaceWhatWasTyped() throws {
        var state = Fixtures.state()
        Fixtures.press(Self.ctrlS, .backspace, .backspace, .backspace, .character("t"), .character("s"), .character("v"), into: &state)
        let id = try #require(state.export?.job.id)
        _ = update(&state, .exportPathProposed(path: "mist-users-2.csv", id: id))
        #expect(state.export?.stage == .typing(TextInput("mist-users.tsv")))
        // Esc cancels without writing anything.
        #expect(Fixtures.press(.escape, into: &state)[0].allSatisfy { !$0.isJob })
        #expect(state.export == nil)
    }

    @Test func theOverwriteQuestionNeedsAYes() throws {
        var state = Fixtures.state()
        Fixtures.press(Self.ctrlS, into: &state)
        let job = try #require(state.export?.job)
        Fixtures.press(.enter, into: &state)
        _ = update(&state, .exportNeedsConfirmation(job, existing: ["/data/mist-users.csv"]))
        #expect(state.export?.stage == .confirmingOverwrite(existing: ["/data/mist-users.csv"]))
        #expect(state.activeKeyMap.action(for: .character("y")) == .confirm)
        // Other keys do nothing; n goes back to the name, to choose another.
        #expect(Fixtures.press(.character("q"), .character("j"), into: &state).allSatisfy { $0.isEmpty })
        #expect(Fixtures.press(.character("n"), into: &state)[0] == [])
        #expect(state.export?.stage == .typing(TextInput("mist-users.csv")))
        Fixtures.press(.enter, into: &state)
        _ = update(&state, .exportNeedsConfirmation(job, existing: ["/data/mist-users.csv"]))
        var yes = job
        yes.overwrite = true
        #expect(Fixtures.press(.character("y"), into: &state)[0] == [.writeExport(yes)])
        #expect(state.export == nil)
    }

    @Test func everyScreenExportsWhatItShows() throws {
        var state = Fixtures.state(width: 100, height: 30)
        let u = try #require(state.selectedUser)
        let id = Fixtures.data.userIDs[u]  // the first user of the data's order
        Fixtures.press(.character("2"), Self.ctrlS, into: &state)
        #expect(state.export?.job.content == .interests(user: u, explanation: state.model?.explanation, historyLength: state.training.form.values.historyLength))
        #expect(state.export?.job.path == "mist-interests-\(id).json")
        Fixtures.press(.escape, .character("3"), .character("a"), .character("v"), Self.ctrlS, into: &state)
        let matrix = try #require(try? AttentionScreen.matrix(state).get())
        #expect(state.export?.job.content == .attention(matrix: matrix))
        #expect(state.export?.job.path == "mist-attention-\(id)-head-1-off-diagonal.csv")
        #expect(state.export?.job.what == "the attention matrix (4×4, \(id), head 1, off-diagonal view)")
        Fixtures.press(.escape, .character("4"), Self.ctrlS, into: &state)
        guard case .transfer(let user, let trace, _, let step, _, let edits)? = state.export?.job.content else { Issue.record("no transfer export"); return }
        #expect(user == u && trace == state.model?.trace && step == 0 && edits.isEmpty)
        #expect(state.export?.job.path == "mist-transfer-\(id)-news.json")
        // In what-if the export is of the edited model, and says so: name, sentence and `what_if`.
        var edited = state
        Fixtures.press(.escape, .character("W"), into: &edited)
        edited.whatIf?.edits = [.hide(scene: 1)]
        edited.refreshExplanations()
        Fixtures.press(Self.ctrlS, into: &edited)
        guard case .transfer(_, let editedTrace, _, _, _, let shown)? = edited.export?.job.content else { Issue.record("no what-if export"); return }
        #expect(shown == [.hide(scene: 1)] && editedTrace == edited.model?.trace)
        #expect(edited.export?.job.path == "mist-transfer-\(id)-whatif-news.json")
        #expect(edited.export?.job.what == "the transfer trace of \(id) into news after 1 what-if edit")
        let text = try #require(edited.export?.job.content.files(at: "x.json", data: Fixtures.data).first?.text)
        #expect(text.contains("\"what_if\"") && text.contains("\"hide\""), "\(text.suffix(200))")
        // Training with nothing to show: refused with the reason, no prompt.
        Fixtures.press(.escape, .character("5"), into: &state)
        Fixtures.press(Self.ctrlS, into: &state)
        #expect(state.export == nil && state.status?.isError == true)
        #expect(state.status?.text.hasPrefix("nothing to export yet") == true)
    }

    @Test func attentionWithoutAModelExportsThePlantedMatrix() throws {
        var state = Fixtures.state(withModel: false)
        Fixtures.press(.character("3"), Self.ctrlS, into: &state)
        let job = try #require(state.export?.job)
        let truth = try #require(Fixtures.data.dataset.truth)
        #expect(job.content == .attention(matrix: truth.transfer.flatMap { $0.map(Float.init) }))
        #expect(job.path == "mist-attention-planted.csv" && job.what == "the planted matrix (4×4, truth.json)")
        // Transfer has nothing to show without a model: refused with the reason.
        Fixtures.press(.escape, .character("4"), Self.ctrlS, into: &state)
        #expect(state.export == nil && state.status?.text == "no transfer to export: there is no model yet (train one on screen 5)")
    }

    // MARK: - The runner, on files

    @Test func theDefaultNameIsANewFileInTheCurrentDirectory() throws {
        let directory = try Self.temporaryDirectory()
        #expect(Self.run([.proposeExportPath(name: "mist-users.csv", id: 7)], in: directory) == [.exportPathProposed(path: "mist-users.csv", id: 7)])
        try "old".write(toFile: directory + "/mist-users.csv", atomically: false, encoding: .utf8)
        try "old".write(toFile: directory + "/mist-users-2.csv", atomically: false, encoding: .utf8)
        #expect(Self.run([.proposeExportPath(name: "mist-users.csv", id: 8)], in: directory) == [.exportPathProposed(path: "mist-users-3.csv", id: 8)])
        // Never a dataset file's name, even when free.
        #expect(ExportPaths.free("users.csv", exists: { _ in false }) == "users-2.csv")
    }

    @Test func writesAtomicallyAndRefusesToOverwriteWithoutAYes() throws {
        let directory = try Self.temporaryDirectory()
        let order = [Int32(0), 1]
        let job = ExportJob(id: 1, path: "out.csv", content: .users(order: order), what: "the users table (2 rows)")
        let target = directory + "/out.csv"
        #expect(Self.run([.writeExport(job)], in: directory) == [.exported(paths: [target], what: job.what)])
        #expect(try String(contentsOfFile: target, encoding: .utf8) == UsersExport.text(order: order, data: Fixtures.data))
        // Again: the file exists, so the runner asks and leaves it alone.
        try "keep me".write(toFile: target, atomically: true, encoding: .utf8)
        #expect(Self.run([.writeExport(job)], in: directory) == [.exportNeedsConfirmation(job, existing: [target])])
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "keep me")
        var yes = job
        yes.overwrite = true
        #expect(Self.run([.writeExport(yes)], in: directory) == [.exported(paths: [target], what: job.what)])
        #expect(try String(contentsOfFile: target, encoding: .utf8) == UsersExport.text(order: order, data: Fixtures.data))
        // No temporary file is left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["out.csv"])
        // A ".tsv" name gives TSV.
        let tsv = ExportJob(id: 2, path: directory + "/m.tsv", content: .attention(matrix: [Float](repeating: 0.25, count: 16)), what: "m")
        _ = Self.run([.writeExport(tsv)], in: "/nonexistent")
        #expect(try String(contentsOfFile: directory + "/m.tsv", encoding: .utf8).hasPrefix("target\\source\tnews\ttech"))
    }

    @Test func neverOverADatasetFileEvenWithAYes() throws {
        let dataset = Fixtures.sampleDirectory
        let before = try Data(contentsOf: URL(fileURLWithPath: dataset + "/users.csv"))
        var job = ExportJob(id: 1, path: "users.csv", content: .users(order: [0]), what: "the users table (1 rows)")
        job.overwrite = true
        let messages = Self.run([.writeExport(job)], in: dataset)
        guard case .failed(let text)? = messages.first, messages.count == 1 else { Issue.record("expected a refusal, got \(messages)"); return }
        #expect(text.contains("the dataset's own users.csv"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: dataset + "/users.csv")) == before)
    }

    // MARK: - Clipboard and mouse capture

    @Test func yCopiesTheAttentionMatrixAsTSV() throws {
        var state = Fixtures.state()
        Fixtures.press(.character("3"), into: &state)
        let matrix = try AttentionScreen.matrix(state).get()
        let effects = Fixtures.press(.character("y"), into: &state)[0]
        let tsv = AttentionExport.text(matrix: matrix, sceneIDs: ["news", "tech", "entertainment", "sports"], format: .tsv)
        #expect(effects == [.copyToClipboard(text: tsv, what: "the attention matrix (4×4, TSV)")])
        _ = update(&state, .copiedToClipboard(what: "the attention matrix (4×4, TSV)"))
        #expect(state.status?.text == "copied the attention matrix (4×4, TSV) to the terminal's clipboard (OSC 52)")
        // Without a terminal the runner says why instead of pretending.
        let messages = Self.run(effects, in: NSTemporaryDirectory())
        guard case .failed(let text)? = messages.first else { Issue.record("expected a failure without a terminal"); return }
        #expect(text.contains("no terminal is open"))
    }

    @Test func mTurnsMouseCaptureOffAndOn() {
        var state = Fixtures.state()
        let off = Fixtures.press(.character("M"), into: &state)[0]
        #expect(!state.mouseCapture && off.first == .setMouseCapture(false))
        #expect(state.status?.text.hasPrefix("mouse off: the terminal's own selection") == true)
        // While off, mist ignores clicks (the terminal keeps them anyway).
        let before = state
        _ = update(&state, .mouse(.press(x: 30, y: 0)))
        #expect(state == before)
        #expect(Fixtures.press(.character("M"), into: &state)[0].first == .setMouseCapture(true))
        #expect(state.mouseCapture)
    }
}
