import Foundation
import InterestData
import InterestModel
import TerminalUI

/// One write of an export: where, what, and whether files that exist may be replaced.
public struct ExportJob: Sendable, Equatable {
    /// Number of the export (a late path proposal for an abandoned prompt is ignored).
    public var id: Int
    /// As typed: relative paths are taken from the directory the explorer was started in.
    public var path: String
    public var content: ExportContent
    /// What is written, for the status line: "the users table (1000 rows)".
    public var what: String
    public var overwrite: Bool

    public init(id: Int, path: String, content: ExportContent, what: String, overwrite: Bool = false) {
        self.id = id
        self.path = path
        self.content = content
        self.what = what
        self.overwrite = overwrite
    }
}

/// Ctrl-S in progress: the path being typed (prefilled with a new file name in the current
/// directory), or the question whether to replace files that already exist (lazygit's
/// confirmation: nothing is overwritten without a y).
public struct ExportFlow: Sendable, Equatable {
    public enum Stage: Sendable, Equatable {
        case typing(TextInput)
        /// These files exist; y replaces them, n goes back to the path.
        case confirmingOverwrite(existing: [String])
    }

    public var job: ExportJob
    public var stage: Stage

    public var isTyping: Bool {
        if case .typing = stage { return true }
        return false
    }
}

extension AppState {
    /// The what-if edits behind what the screen shows (none outside what-if): an export of the
    /// edited model says so in its name, its sentence and (JSON) its `what_if` field.
    var shownEdits: [WhatIfEdit] { showsWhatIf ? whatIf?.edits ?? [] : [] }
    var whatIfSuffix: String { shownEdits.isEmpty ? "" : "-whatif" }
    var whatIfNote: String { shownEdits.isEmpty ? "" : " after \(shownEdits.count) what-if edit\(shownEdits.count == 1 ? "" : "s")" }

    /// What Ctrl-S on the current screen writes, the sentence that names it and the default file
    /// name; or why there is nothing to write.
    func exportRequest() -> Result<(content: ExportContent, what: String, name: String), ExportRefusal> {
        let userID = selectedUser.map { ExportNames.safe(data.userIDs[$0]) } ?? "none"
        switch screen {
        case .users:
            let filtered = users.count == data.directory.userCount ? "" : " of \(data.directory.userCount)"
            // The name says which users: "mist-users-active-news-search-wang.csv".
            var name = "mist-users"
            if let scene = users.sceneFilter { name += "-active-" + ExportNames.safe(data.dataset.scenes[scene].id) }
            if !users.query.isEmpty { name += "-search-" + ExportNames.safe(users.query) }
            return .success((ExportContent.users(order: users.order), "the users table (\(users.count)\(filtered) users, as shown)", name + ".csv"))
        case .interests:
            guard let u = selectedUser else { return .failure(ExportRefusal("no user selected: pick one on the Users screen (1)")) }
            let explanation = model?.explanation?.user == u ? model?.explanation : nil
            return .success((ExportContent.interests(user: u, explanation: explanation, historyLength: training.form.values.historyLength, whatIf: shownEdits),
                             "the interest layers of \(data.userIDs[u])\(whatIfNote)", "mist-interests-\(userID)\(whatIfSuffix).json"))
        case .attention:
            if let request = cohortExportRequest() { return request }
            switch AttentionScreen.matrix(self) {
            case .success(let matrix):
                let who = attention.allUsers ? "all users" : selectedUser.map { data.userIDs[$0] } ?? "no user"
                let head = AttentionScreen.headTitle(self)
                let edited = attention.allUsers ? "" : whatIfSuffix
                let name = "mist-attention-\(attention.allUsers ? "all-users" : userID)\(edited)-\(ExportNames.safe(head))-\(attention.view.title).csv"
                let s = data.sceneCount
                return .success((ExportContent.attention(matrix: matrix),
                                 "the attention matrix (\(s)×\(s), \(who), \(head), \(attention.view.title) view)\(attention.allUsers ? "" : whatIfNote)", name))
            case .failure(.noModel):
                // Without a model the screen shows the planted matrix alone (when the data has one).
                let s = data.sceneCount
                guard let truth = data.dataset.truth, truth.transfer.count == s, truth.transfer.allSatisfy({ $0.count == s }) else {
                    return .failure(ExportRefusal("no attention to export: there is no model yet (train one on screen 5)"))
                }
                return .success((ExportContent.attention(matrix: truth.transfer.flatMap { $0.map(Float.init) }),
                                 "the planted matrix (\(s)×\(s), truth.json)", "mist-attention-planted.csv"))
            case .failure(.computing): return .failure(ExportRefusal("the average over all users is still being computed: export it when it is shown"))
            case .failure(.noUser): return .failure(ExportRefusal("no user selected: pick one on the Users screen (1)"))
            }
        case .transfer:
            guard let context = model else { return .failure(ExportRefusal("no transfer to export: there is no model yet (train one on screen 5)")) }
            guard let u = selectedUser, let trace = context.trace, let explanation = context.explanation else {
                return .failure(ExportRefusal("no user selected: pick one on the Users screen (1)"))
            }
            let s = data.sceneCount, t = trace.target
            let edges = (0..<s).map { explanation.attention.average[t * s + $0] }
            let target = data.dataset.scenes[t].id
            return .success((ExportContent.transfer(user: u, trace: trace, edges: edges, step: transfer.step, beta: context.model.hyperparameters.beta,
                                                    whatIf: shownEdits),
                             "the transfer trace of \(data.userIDs[u]) into \(target)\(whatIfNote)",
                             "mist-transfer-\(userID)\(whatIfSuffix)-\(ExportNames.safe(target)).json"))
        case .training:
            let comparison = model?.comparison ?? []
            guard !training.epochs.isEmpty || !comparison.isEmpty else {
                return .failure(ExportRefusal("nothing to export yet: train (t) for the validation table, evaluate (e) for the test table"))
            }
            var what = "the validation table (\(training.epochs.count) epochs)"
            if !comparison.isEmpty { what += " and the test table (\(comparison.count) rows, beside it as …-test)" }
            return .success((ExportContent.training(epochs: training.epochs, comparison: comparison), what, "mist-validation.csv"))
        case .cases: return casesExportRequest()
        }
    }

    /// Ctrl-S: opens the path prompt with a default name and asks the runner for a free one.
    mutating func beginExport() -> [Effect] {
        switch exportRequest() {
        case .failure(let refusal): return say(refusal.reason, isError: true)
        case .success(let request): return beginExport(request)
        }
    }

    /// Opens the path prompt for `request` (Ctrl-S's, or the what-if edits' `E`).
    mutating func beginExport(_ request: (content: ExportContent, what: String, name: String)) -> [Effect] {
        let id = nextID()
        export = ExportFlow(job: ExportJob(id: id, path: request.name, content: request.content, what: request.what),
                            stage: .typing(TextInput(request.name)))
        return [.proposeExportPath(name: request.name, id: id)]
    }

    /// The key map while an export asks something (nil when none does).
    var exportKeyMap: KeyMap<Action>? {
        guard let export else { return nil }
        return export.isTyping ? KeyMaps.textEntry : KeyMaps.confirmOverwrite
    }

    /// Keys while exporting: typing the path, or answering the overwrite question.
    mutating func handleExport(_ key: Key, action: Action?) -> [Effect] {
        guard var flow = export else { return [] }
        switch flow.stage {
        case .typing(var input):
            switch action {
            case .confirm?:
                let path = input.text.trimmingCharacters(in: .whitespaces)
                guard !path.isEmpty else { return say("type a file name to export to (Esc cancels)", isError: true) }
                flow.job.path = path
                flow.job.overwrite = false
                export = nil
                return [.writeExport(flow.job)]
            case .cancel?:
                export = nil
                return say("export cancelled")
            default:
                input.handle(key)
                flow.stage = .typing(input)
                export = flow
            }
        case .confirmingOverwrite:
            switch action {
            case .confirm?:
                flow.job.overwrite = true
                export = nil
                return [.writeExport(flow.job)]
            case .cancel?:
                // Back to the path, to choose another name.
                flow.stage = .typing(TextInput(flow.job.path))
                export = flow
            default: break
            }
        }
        return []
    }

    /// The runner found a free name for the prompt: it replaces the default unless already edited.
    mutating func applyProposedExportPath(_ path: String, id: Int) {
        guard var flow = export, flow.job.id == id, case .typing(let input) = flow.stage, input.text == flow.job.path else { return }
        flow.job.path = path
        flow.stage = .typing(TextInput(path))
        export = flow
    }

    /// `y` on the Attention screen: the matrix on screen as TSV, to the terminal's clipboard.
    mutating func copyMatrix() -> [Effect] {
        switch exportRequest() {
        case .success(let request):
            let s = data.sceneCount, ids = data.dataset.scenes.map(\.id)
            switch request.content {
            case .attention(let matrix):
                return [.copyToClipboard(text: AttentionExport.text(matrix: matrix, sceneIDs: ids, format: .tsv), what: "the attention matrix (\(s)×\(s), TSV)")]
            case .cohortComparison(let table):
                return [.copyToClipboard(text: table.text(sceneIDs: ids, format: .tsv), what: "the cohort comparison (\(s * s) cells, TSV)")]
            default: return []
            }
        case .failure(let refusal): return say(refusal.reason, isError: true)
        }
    }

    /// `M`: mouse capture off (the terminal's own selection works) or back on.
    mutating func toggleMouseCapture() -> [Effect] {
        mouseCapture.toggle()
        let text = mouseCapture
            ? "mouse on: click tabs, rows, cells and headers, the wheel scrolls (M turns it off)"
            : "mouse off: the terminal's own selection and copy work (M turns the mouse back on)"
        return [.setMouseCapture(mouseCapture)] + say(text)
    }
}

/// Why Ctrl-S has nothing to write on this screen.
struct ExportRefusal: Error, Equatable {
    let reason: String
    init(_ reason: String) { self.reason = reason }
}

enum ExportNames {
    /// A piece of a file name: letters (any script), digits, "-", "_" and "." kept, the rest "-".
    static func safe(_ text: String) -> String {
        String(text.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." ? $0 : "-" })
    }
}

/// The status line's prompt while typing the export's path: what is written, when it fits.
func exportPromptLabel(_ job: ExportJob, width: Int) -> String {
    let full = " export \(job.what) to: "
    return full.displayWidth <= width / 2 ? full : " export to: "
}

/// The question before replacing files (lazygit's confirmation), answered with the keys of
/// `KeyMaps.confirmOverwrite`.
func exportOverwriteDialog(_ job: ExportJob, existing: [String]) -> ConfirmDialog {
    let names = existing.joined(separator: " and ")
    let choices = KeyMaps.confirmOverwrite.bindings.map { "\($0.keys[0]) \($0.description)" }.joined(separator: " · ")
    return ConfirmDialog(title: "Replace?", message: "\(names) already exists. Replace it with \(job.what)?", choices: choices)
}
