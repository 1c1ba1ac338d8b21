import InterestData
import InterestModel
import TerminalUI

/// The explorer's update: the only place state changes. Pure apart from the explanations it
/// recomputes (deterministic forward passes); slow work goes out as `Command.task`s whose results
/// come back as messages.
public func update(_ state: inout AppState, _ message: Message) -> Command<Message> {
    switch message {
    case .key(let key): return state.handle(key)
    case .mouse(let mouse): return state.handle(mouse)
    case let .resized(width, height):
        state.width = width
        state.height = height
        state.users.scroll.select(state.users.scroll.selected, count: state.users.count, visibleRows: state.usersVisibleRows)
        return .none
    case let .training(event, run):
        guard run == state.training.run else { return .none }
        state.training.apply(event)
        return .none
    case let .trainingReady(session, run):
        guard run == state.training.run else { session.cancel(); return .none }
        state.training.session = session
        if state.training.phase == .stopping { session.cancel() }
        return .none
    case let .trainingEnded(model, summary, run):
        guard run == state.training.run else { return .none }
        state.training.apply(.finished(summary))
        guard summary.bestEpoch > 0 else {
            return state.say("training ended before a full epoch (\(summary.reason)); the model is unchanged", seconds: 8)
        }
        state.install(model, origin: "trained here (epoch \(summary.bestEpoch), val NDCG@10 \(formatNumber(summary.bestValidationNDCG10, decimals: 3)))",
                      splitSeed: Split.defaultSeed, summary: summary)
        // Test metrics beside the popularity baseline, right away (a few seconds at most).
        return .batch([state.say("training ended: \(summary.reason); every screen now uses the new model", seconds: 8),
                       state.evaluate(withBaselines: false)])
    case let .populationAttention(summary, generation):
        guard state.model?.generation == generation else { return .none }
        state.model?.population = summary
        return .none
    case .checkpointSaved(let path):
        return state.say("saved the model to \(path)")
    case let .checkpointLoaded(model, info, path):
        state.install(model, origin: path, splitSeed: info.splitSeed ?? Split.defaultSeed, splitFingerprint: info.splitFingerprint)
        state.training.form = HyperparameterForm(info.hyperparameters)
        return state.say("loaded \(path)")
    case let .evaluationProgress(text, generation):
        if state.model?.generation == generation, state.model?.evaluationStatus != nil { state.model?.evaluationStatus = text }
        return .none
    case let .evaluated(rows, generation):
        guard state.model?.generation == generation else { return .none }
        state.model?.comparison = rows
        state.model?.evaluationStatus = nil
        state.model?.evaluationCancel = nil
        return .none
    case .failed(let text):
        return state.say(text, isError: true, seconds: 10)
    case .playTick(let id):
        return state.advancePlay(id: id)
    case .clearStatus(let id):
        if state.status?.id == id { state.status = nil }
        return .none
    }
}


extension AppState {
    /// The key map that handles keys right now: a dialog's, the text entry's, or the screen's.
    public var activeKeyMap: KeyMap<Action> {
        if isConfirmingQuit { return KeyMaps.confirmQuit }
        if users.isSearching || training.form.editing != nil || pathPrompt != nil { return KeyMaps.textEntry }
        return KeyMaps.screen(screen)
    }

    mutating func handle(_ key: Key) -> Command<Message> {
        if showsHelp {
            if key == .escape || KeyMaps.global.action(for: key) == .help { showsHelp = false }
            return .none
        }
        let action = activeKeyMap.action(for: key)
        if isConfirmingQuit {
            switch action {
            case .confirm?:
                training.session?.cancel()
                return .quit
            case .cancel?: isConfirmingQuit = false
            default: break
            }
            return .none
        }
        if users.isSearching { return editSearch(key, action: action) }
        if training.form.editing != nil { return editField(key, action: action) }
        if pathPrompt != nil { return editPath(key, action: action) }
        guard let action else { return .none }
        switch action {
        case .help: showsHelp = true; return .none
        case .quit:
            if training.isActive { isConfirmingQuit = true; return .none }
            return .quit
        case .nextScreen: show(Screen(rawValue: (screen.rawValue + 1) % Screen.allCases.count)!)
        case .previousScreen: show(Screen(rawValue: (screen.rawValue + Screen.allCases.count - 1) % Screen.allCases.count)!)
        case .jumpToScreen:
            if case .character(let c) = key, let digit = c.wholeNumberValue, let target = Screen(rawValue: digit - 1) { show(target) }
        case .back: if screen != .users { show(.users) }
        default:
            switch screen {
            case .users: return handleUsers(action)
            case .interests: return handleInterests(action)
            case .attention: return handleAttention(action)
            case .transfer: return handleTransfer(action)
            case .training: return handleTraining(action)
            }
        }
        return .none
    }

    /// Switches screens; leaving the users table explains the user under its cursor.
    mutating func show(_ target: Screen) {
        if screen == .users, target != .users, let u = users.selectedUser { select(user: u) }
        screen = target
    }

    mutating func handle(_ mouse: MouseEvent) -> Command<Message> {
        guard !showsHelp, !isConfirmingQuit, screen == .users else { return .none }
        switch mouse {
        case .wheelUp: users.scroll.scroll(by: -3, count: users.count, visibleRows: usersVisibleRows)
        case .wheelDown: users.scroll.scroll(by: 3, count: users.count, visibleRows: usersVisibleRows)
        case .press: break
        }
        return .none
    }

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
