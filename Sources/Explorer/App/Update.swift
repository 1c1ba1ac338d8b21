import InterestData
import InterestModel
import TerminalUI

/// The explorer's update: the only place state changes, and pure: the new state and the effects
/// to carry out depend only on the old state and the message. Slow or outside work (training,
/// evaluation, averaging, files) goes out as `Effect` values that `EffectRunner` executes; their
/// results come back as messages. The one computation done here is the selected user's
/// explanation (`refreshExplanations`): small deterministic forward passes, pure as well.
public func update(_ state: inout AppState, _ message: Message) -> [Effect] {
    // An error gets its cause, and a status whose cause is gone clears (MessageLog.swift).
    let before = StatusContext(state, message)
    var effects = handleMessage(&state, message)
    effects += state.settleWhatIf()
    state.settleStatus(after: before, effects: &effects)
    return effects
}

private func handleMessage(_ state: inout AppState, _ message: Message) -> [Effect] {
    switch message {
    case .key(let key): return state.handle(key)
    case .mouse(let mouse): return state.handle(mouse)
    case let .resized(width, height):
        state.width = width
        state.height = height
        state.users.scroll.select(state.users.scroll.selected, count: state.users.count, visibleRows: state.usersVisibleRows)
        return []
    case let .training(event, run):
        guard run == state.training.run else { return [] }
        state.training.apply(event)
        return []
    case let .trainingEnded(model, summary, run):
        guard run == state.training.run else { return [] }
        state.training.apply(.finished(summary))
        guard summary.bestEpoch > 0 else {
            return state.say("training ended before a full epoch (\(summary.reason)); the model is unchanged", seconds: 8)
        }
        // A model change abandons work for the old model (its late results are dropped anyway).
        let abandoned = state.cancellationsOfModelWork()
        state.runs.inUse = state.runs.current
        state.install(model, origin: "trained here (epoch \(summary.bestEpoch), val NDCG@10 \(formatNumber(summary.bestValidationNDCG10, decimals: 3)))",
                      splitSeed: Split.defaultSeed, summary: summary)
        // Test metrics beside the popularity baseline, right away (a few seconds at most).
        return abandoned + state.say("training ended: \(summary.reason); every screen now uses the new model", seconds: 8)
            + state.evaluate(withBaselines: false) + state.requestPopulationIfShown() + state.requestColdCasesIfShown()
    case let .populationProgress(done, total, generation):
        guard state.model?.generation == generation, state.model?.populationStatus != nil else { return [] }
        state.model?.populationStatus = "averaging attention over all users: \(done) of \(total) (x stops)"
        return []
    case let .populationAttention(summary, generation):
        guard state.model?.generation == generation else { return [] }
        state.model?.population = summary
        state.model?.populationStatus = nil
        return []
    case let .coldCaseProgress(progress, job):
        state.coldCaseProgressed(progress, job: job)
        return []
    case let .coldCases(report, job):
        return state.receiveColdCases(report, job: job)
    case .cohortProgress, .cohortAttentionComputed:
        return state.handleCohortMessage(message)
    case let .namedCohortsSaved(cohorts, path, name):
        return state.namedCohortsSaved(cohorts, path: path, name: name)
    case .checkpointSaved(let path):
        return state.say("saved the model to \(path)")
    case let .checkpointLoaded(model, info, path):
        let abandoned = state.cancellationsOfModelWork()
        state.install(model, origin: path, splitSeed: info.splitSeed ?? Split.defaultSeed, splitFingerprint: info.splitFingerprint)
        state.training.form = HyperparameterForm(state.settingsAfterLoading(info))
        state.showHistory(ofCheckpoint: path)
        return abandoned + state.say("loaded \(path)") + state.requestPopulationIfShown() + state.requestColdCasesIfShown()
    case let .evaluationProgress(text, id):
        if state.model?.evaluation == id, state.model?.evaluationStatus != "cancelling…" { state.model?.evaluationStatus = text }
        return []
    case let .evaluated(rows, id):
        guard state.model?.evaluation == id else { return [] }
        state.model?.comparison = rows
        state.model?.evaluationStatus = nil
        state.model?.evaluation = nil
        return state.recordTestInRun(rows)
    case .runStarted, .runsListed, .savePathChecked:
        return state.handleRuns(message)
    case .failed(let text):
        return state.say(text, isError: true, seconds: 10)
    case .playTick(let id):
        return state.advancePlay(id: id)
    case .clearStatus(let id):
        if state.status?.id == id { state.status = nil }
        return []
    case let .exportPathProposed(path, id):
        state.applyProposedExportPath(path, id: id)
        return []
    case let .exportNeedsConfirmation(job, existing):
        state.export = ExportFlow(job: job, stage: .confirmingOverwrite(existing: existing))
        return []
    case let .exported(paths, what):
        return state.say("wrote \(what) to \(paths.joined(separator: " and "))", seconds: 10)
    case .copiedToClipboard(let what):
        return state.say("copied \(what) to the terminal's clipboard (OSC 52)")
    }
}

extension AppState {
    /// The key map that handles keys right now: a dialog's, the text entry's, or the screen's.
    public var activeKeyMap: KeyMap<Action> {
        if isConfirmingQuit { return KeyMaps.confirmQuit }
        if showsLog { return KeyMaps.messageLog }
        if let map = exportKeyMap { return map }
        if runs.confirmingOverwrite != nil { return KeyMaps.confirmSaveOverwrite }
        if whatIf?.picker != nil { return KeyMaps.whatIfPicker }
        if let map = namingKeyMap ?? attentionCohortKeyMap { return map }
        if users.isSearching || users.isEditingCohort || cases.isSearching || training.form.editing != nil || pathPrompt != nil { return KeyMaps.textEntry }
        if screen == .training && runs.isFocused { return KeyMaps.runList.merged(with: KeyMaps.screen(.training)) }
        if let map = whatIfKeyMap { return map }
        return KeyMaps.screen(screen)
    }

    mutating func handle(_ key: Key) -> [Effect] {
        if showsHelp {
            if key == .escape || KeyMaps.global.action(for: key) == .help { showsHelp = false }
            return []
        }
        if showsLog { return handleLog(key) }
        let action = activeKeyMap.action(for: key)
        if isConfirmingQuit {
            switch action {
            case .confirm?: return cancellationsOfAllWork() + [.quit]
            case .cancel?: isConfirmingQuit = false
            default: break
            }
            return []
        }
        if export != nil { return handleExport(key, action: action) }
        if runs.confirmingOverwrite != nil { return answerOverwrite(action) }
        if users.isSearching { return editSearch(key, action: action) }
        if namingCohort != nil { return editCohortName(key, action: action) }
        if attentionCohorts.prompt != nil { return editAttentionCohort(key, action: action) }
        if users.isEditingCohort { return editCohort(key, action: action) }
        if cases.isSearching { return editCasesSearch(key, action: action) }
        if training.form.editing != nil { return editField(key, action: action) }
        if pathPrompt != nil { return editPath(key, action: action) }
        if whatIf?.picker != nil { return handleWhatIfPicker(key, action: action) }
        guard let action else { return [] }
        if let effects = handleWhatIf(action) { return effects }
        switch action {
        case .help: showsHelp = true; return []
        case .messageLog: showsLog = true; logScroll = Int.max; return []
        case .quit:
            if training.isActive { isConfirmingQuit = true; return [] }
            return cancellationsOfAllWork() + [.quit]
        case .nextScreen: return show(Screen(rawValue: (screen.rawValue + 1) % Screen.allCases.count)!)
        case .previousScreen: return show(Screen(rawValue: (screen.rawValue + Screen.allCases.count - 1) % Screen.allCases.count)!)
        case .jumpToScreen:
            if case .character(let c) = key, let digit = c.wholeNumberValue, let target = Screen(rawValue: digit - 1) { return show(target) }
        case .back: if screen != .users { return show(.users) }
        case .export: return beginExport()
        case .toggleMouse: return toggleMouseCapture()
        case .copyMatrix: return copyMatrix()
        default:
            switch screen {
            case .users: return handleUsers(action)
            case .interests: return handleInterests(action)
            case .attention: return handleAttention(action)
            case .transfer: return handleTransfer(action)
            case .training: return handleTraining(action)
            case .cases: return handleCases(action)
            }
        }
        return []
    }

    /// A new model while the attention screen shows all users: average for the new model too.
    mutating func requestPopulationIfShown() -> [Effect] {
        (attention.allUsers ? requestPopulationAttention() : []) + requestCohortIfShown()
    }

    /// Effects that stop every job still running: asked for when quitting, so no training or
    /// evaluation thread outlives the program.
    func cancellationsOfAllWork() -> [Effect] {
        (training.isActive ? [.cancelTraining(run: training.run)] : []) + cancellationsOfModelWork()
    }

    /// Effects that stop the jobs working on the model in use (its evaluation, its population
    /// average): asked for when quitting or when another model replaces it.
    func cancellationsOfModelWork() -> [Effect] {
        guard let context = model else { return [] }
        var effects: [Effect] = []
        if let id = context.evaluation { effects.append(.cancelEvaluation(id: id)) }
        if context.populationStatus != nil { effects.append(.cancelPopulationAttention(generation: context.generation)) }
        if let job = cases.job, cases.jobGeneration == context.generation { effects.append(.cancelColdCases(id: job)) }
        if let job = attentionCohorts.job { effects.append(.cancelCohortAttention(id: job)) }
        return effects
    }

    /// Switches screens; leaving the users table explains the user under its cursor. Returns the
    /// work the new screen starts by itself (the Cases screen ranks the cases for a new model).
    @discardableResult
    mutating func show(_ target: Screen) -> [Effect] {
        if screen == .users, target != .users, let u = users.selectedUser { select(user: u) }
        screen = target
        return requestColdCasesIfShown()
    }

    /// Clicks and the wheel: see `Mouse/MouseInput.swift`.
    mutating func handle(_ mouse: MouseEvent) -> [Effect] { handleMouse(mouse) }

    /// Makes `user` the explained user and recomputes what depends on it.
    mutating func select(user: Int) {
        guard user != selectedUser else { return }
        selectedUser = user
        refreshExplanations()
    }

    /// Moves the explained user to the previous or next one in the users table's order.
    mutating func stepUser(_ delta: Int) {
        users.scroll.move(by: delta, count: users.count, visibleRows: usersVisibleRows)
        if let u = users.selectedUser { select(user: u) }
    }
}
