import InterestData
import InterestModel
import TerminalUI

/// The explorer's whole state: one value, changed only by `update`, drawn only by `render`.
/// It holds values only (no sessions, flags or threads: those live in `EffectRunner`), so two
/// states can be compared and a state can be kept as a snapshot.
public struct AppState: Sendable, Equatable {
    public let data: ExplorerData
    public var screen: Screen = .users
    public var width = 80
    public var height = 24
    public var showsHelp = false
    public var isConfirmingQuit = false
    public var status: StatusMessage?
    public var users: UsersView
    /// The user the Interests, Attention and Transfer screens explain.
    public var selectedUser: Int?
    public var model: ModelContext?
    /// First scene panel shown on the Interests screen when not all fit.
    public var interestScroll = 0
    public var attention = AttentionCursor()
    public var transfer = TransferCursor()
    public var training: TrainingPanel
    /// Where `w` saves and `o` loads (the last path used).
    public var checkpointPath: String
    /// The path being typed after `w` or `o`.
    public var pathPrompt: PathPrompt?
    /// Ctrl-S in progress (its path prompt or overwrite question), nil otherwise.
    public var export: ExportFlow?
    /// Whether mist receives mouse events (`M` turns this off so the terminal selects text).
    public var mouseCapture = true
    /// Frames are drawn without colour (NO_COLOR): heatmap cells are one column wider, which mouse
    /// clicks must know.
    public var noColor = false
    /// The recorded runs and the Training screen's run list (RunsPanel.swift).
    public var runs = RunsPanel()
    /// The Cases screen: the cold-case report and its table (Cases/CasesPanel.swift).
    public var cases = CasesPanel()
    /// What-if mode (`W`): the edits of the selected user's history, never written to the dataset.
    public var whatIf: WhatIfSession?
    /// Attention of cohorts (`c`, `C` on Attention), the saved cohorts, and `N` naming one (Cohorts/).
    public var attentionCohorts = AttentionCohorts()
    public var namedCohorts = NamedCohortsState()
    public var namingCohort: CohortNaming?
    /// Counter for ids of status messages, plays and model generations.
    var counter = 0
    /// Every notice and error said since the start, oldest first, full text (the message log, `!`).
    public var log: [LogEntry] = []
    /// The message log is open over the screen.
    public var showsLog = false
    /// First wrapped line the message log shows; `Int.max` follows the newest.
    public var logScroll = Int.max
    /// Wall-clock time of the message being handled, seconds since 1970 (UTC): set by the run loop
    /// before each update, so `update` stays pure; 0 in tests. Log entries are stamped with it.
    public var clock: Double = 0

    public init(data: ExplorerData, model: TransferModel? = nil, modelOrigin: String = "", modelSplitSeed: UInt64? = nil, modelSplitFingerprint: String? = nil, checkpointPath: String? = nil) {
        self.data = data
        users = UsersView(userCount: data.directory.userCount)
        selectedUser = data.directory.userCount > 0 ? 0 : nil
        training = TrainingPanel(hyperparameters: model?.hyperparameters ?? Hyperparameters())
        self.checkpointPath = checkpointPath ?? data.directoryPath + "/model.safetensors"
        if let model {
            install(model, origin: modelOrigin, splitSeed: modelSplitSeed ?? Split.defaultSeed, splitFingerprint: modelSplitFingerprint)
        }
    }

    /// Makes `model` the one every screen explains.
    public mutating func install(_ model: TransferModel, origin: String, splitSeed: UInt64, splitFingerprint: String? = nil,
                                 summary: TrainingSummary? = nil) {
        counter += 1
        self.model = ModelContext(model: model, generation: counter, origin: origin, splitSeed: splitSeed,
                                  splitFingerprint: splitFingerprint, summary: summary)
        // The new model may have fewer graph iterations than the step on screen.
        transfer.step = min(transfer.step, model.hyperparameters.iterations)
        refreshExplanations()
    }

    /// Recomputes the selected user's explanation and transfer trace (one small forward pass each).
    ///
    /// This runs inside `update` on purpose: the forward passes are pure (deterministic, no IO,
    /// no shared mutable state) and take about a millisecond for one user, so the screens show the
    /// new user in the same frame instead of flashing an empty one while an effect runs.
    public mutating func refreshExplanations() {
        guard var context = model else { return }
        defer { model = context }
        context.whatIfBefore = nil
        guard let u = selectedUser else { context.explanation = nil; context.trace = nil; context.inferred = [:]; return }
        let target = min(transfer.target, data.sceneCount - 1)
        var events = context.model.events(of: context.model.profile(ofUser: u, in: data.dataset, split: nil), in: data.dataset)
        // What-if: the screens show the edited history; the user's own is kept as "before".
        if let session = whatIf, session.user == u, case .success(let edited) = context.model.editedEvents(of: u, session.edits, in: data.dataset) {
            context.whatIfBefore = WhatIfBefore(explanation: context.model.explain(user: u, events: events),
                                                trace: context.model.traceTransfer(events: events, target: target, count: recommendationCount, in: data.dataset))
            events = edited
        }
        let explanation = context.model.explain(user: u, events: events)
        context.explanation = explanation
        // What the model infers in the scenes without history (shown as such on Interests).
        context.inferred = [:]
        if !events.isEmpty {
            for scene in explanation.scenes where !scene.isActive {
                context.inferred[scene.scene] = context.model.inferredInterest(events: events, scene: scene.scene, count: 3, in: data.dataset)
            }
        }
        context.trace = context.model.traceTransfer(events: events, target: target, count: recommendationCount, in: data.dataset)
    }

    /// Shows `text` in the status line; returns the timer effect that clears it later.
    /// Every message is also kept, with its time and full text, in the message log.
    mutating func say(_ text: String, isError: Bool = false, seconds: Int = 5) -> [Effect] {
        counter += 1
        status = StatusMessage(id: counter, text: text, isError: isError)
        log.append(LogEntry(time: clock, text: text, isError: isError))
        return [.after(milliseconds: seconds * 1000, .clearStatus(id: counter))]
    }

    mutating func nextID() -> Int { counter += 1; return counter }
}

/// The checkpoint path being typed, and what Enter will do with it.
public struct PathPrompt: Sendable, Equatable {
    public enum Purpose: Sendable, Equatable { case save, load }
    public var purpose: Purpose
    public var input: TextInput
}

/// A line at the bottom that reports what just happened ("saved model.safetensors").
public struct StatusMessage: Sendable, Equatable {
    public var id: Int
    public var text: String
    public var isError: Bool
    /// What the message is about, when it can go away: the status line clears as soon as the
    /// cause is gone (a refused setting fixed), not only when its timer runs out.
    public var cause: StatusCause?

    public init(id: Int, text: String, isError: Bool, cause: StatusCause? = nil) {
        self.id = id
        self.text = text
        self.isError = isError
        self.cause = cause
    }
}
