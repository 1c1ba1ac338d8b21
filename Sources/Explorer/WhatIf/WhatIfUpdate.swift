import InterestData
import InterestModel
import TerminalUI

/// What-if mode's part of `update`: entering and leaving, the pickers, undo and reset, the export
/// of the edits. Pure like the rest of `update`; the model's before and after are computed in
/// `refreshExplanations`, the one place explanations are computed.
extension AppState {
    /// Handles a what-if key; nil when `action` is not one (the screen handles it then).
    mutating func handleWhatIf(_ action: Action) -> [Effect]? {
        guard let session = whatIf, showsWhatIf else {
            return action == .whatIf ? enterWhatIf() : nil
        }
        switch action {
        case .whatIf: return leaveWhatIf()
        case .addItem: return openPicker(.addItem)
        case .removeInteraction: return openPicker(.removeInteraction)
        case .flipSentiment: return openPicker(.flipSentiment)
        case .hideScene: return openPicker(.hideScene)
        case .undoEdit:
            guard let last = session.edits.last else { return say("no edit to undo") }
            whatIf?.edits.removeLast()
            refreshExplanations()
            return say("undid: \(describe(last)) (\(whatIf?.title ?? ""))")
        case .resetEdits:
            guard !session.edits.isEmpty else { return say("no edits to reset") }
            whatIf?.edits = []
            refreshExplanations()
            return say("reset: every edit dropped; the screens show the user's own history again")
        case .exportEdits: return exportEdits()
        // Averages never include the edits: on Attention what-if shows this user only.
        case .togglePopulation where screen == .attention, .cohortFilter where screen == .attention, .compareCohorts where screen == .attention:
            return say("what-if shows this user's edited attention: leave it (W) for all users or a cohort")
        // The keys that change the user on each screen (`where` binds each pattern on its own).
        case .up where screen == .interests, .down where screen == .interests: return refuseUserChange()
        case .pageUp where screen != .interests, .pageDown where screen != .interests: return refuseUserChange()
        default: return nil
        }
    }

    private mutating func refuseUserChange() -> [Effect] {
        say("what-if edits this user's history: leave it (W) before choosing another user")
    }

    mutating func enterWhatIf() -> [Effect] {
        guard model != nil else { return say("what-if needs a model: train one on screen 5 or load a checkpoint", isError: true) }
        guard let u = selectedUser else { return say("no user selected: pick one on the Users screen (1)", isError: true) }
        let stopped = startWhatIf(user: u)
        // Short enough for 80 columns: the keys are also in the hints and the help.
        return stopped + say("what-if \(data.userIDs[u]): + add, - remove, ~ flip, H hide a scene; the data is never changed", seconds: 8)
    }

    /// Starts what-if on `user` with `edits` (a cold case starts with its scene hidden). The
    /// Attention screen goes back to this user: averages never include the edits.
    mutating func startWhatIf(user: Int, edits: [WhatIfEdit] = []) -> [Effect] {
        var session = WhatIfSession(user: user)
        session.edits = edits
        whatIf = session
        let stopped = attentionCohorts.mode != nil ? cancelCohortJob() : []
        attention.allUsers = false
        attentionCohorts.mode = nil
        refreshExplanations()
        return stopped
    }

    mutating func leaveWhatIf() -> [Effect] {
        let count = whatIf?.edits.count ?? 0
        whatIf = nil
        refreshExplanations()
        return say(count == 0 ? "left what-if" : "left what-if: the \(count) edit\(count == 1 ? " is" : "s are") discarded (never written to the dataset)")
    }

    /// After every message: choosing another user (Users screen, mouse) ends the session, saying so.
    mutating func settleWhatIf() -> [Effect] {
        guard let session = whatIf, session.user != selectedUser else { return [] }
        whatIf = nil
        let count = session.edits.count
        return say("left what-if: another user is selected" + (count == 0 ? "" : "; the \(count) edit\(count == 1 ? " is" : "s are") discarded"))
    }

    private mutating func openPicker(_ kind: WhatIfPicker.Kind) -> [Effect] {
        guard let session = whatIf, let context = model else { return [] }
        var events: [HistoryEvent] = []
        if kind == .removeInteraction || kind == .flipSentiment {
            guard case .success(let edited) = context.model.editedEvents(of: session.user, session.edits, in: data.dataset), !edited.isEmpty else {
                return say("the edited history has no interactions to \(kind == .removeInteraction ? "remove" : "flip")")
            }
            events = edited
        }
        whatIf?.picker = WhatIfPicker(kind: kind, scene: min(transfer.target, data.sceneCount - 1), interactions: events, in: data.dataset)
        // The status line gives way to the picker's keys at once (the message stays in the log, `!`).
        status = nil
        return []
    }

    /// Rows of the picker's list on screen (the page for PgUp/PgDn).
    var pickerVisibleRows: Int { WhatIfPickerView.listRows(body: Rect(x: 0, y: 1, width: width, height: max(0, height - 2))) }

    /// Keys while the picker is open: moving, choosing, the options; everything else types.
    mutating func handleWhatIfPicker(_ key: Key, action: Action?) -> [Effect] {
        guard var picker = whatIf?.picker else { return [] }
        let rows = pickerVisibleRows
        switch action {
        case .up?: picker.scroll.move(by: -1, count: picker.rows.count, visibleRows: rows)
        case .down?: picker.scroll.move(by: 1, count: picker.rows.count, visibleRows: rows)
        case .pageUp?: picker.scroll.page(-1, count: picker.rows.count, visibleRows: rows)
        case .pageDown?: picker.scroll.page(1, count: picker.rows.count, visibleRows: rows)
        case .cancel?: whatIf?.picker = nil; return []
        case .confirm?: return choose(in: picker)
        case .nextPickerScene?, .previousPickerScene?:
            guard picker.kind == .addItem else { return [] }
            let s = data.sceneCount
            picker.scene = (picker.scene + (action == .nextPickerScene ? 1 : s - 1)) % s
            picker.refilter(in: data.dataset)
        case .nextSentiment?:
            guard picker.kind == .addItem else { return [] }
            picker.sentiment = picker.sentiment > 0 ? 0 : picker.sentiment == 0 ? -1 : 1
        default:
            guard picker.query.handle(key) else { return [] }
            picker.refilter(in: data.dataset)
        }
        whatIf?.picker = picker
        return []
    }

    /// Enter in the picker: the edit for the selected row, checked against the edited history.
    private mutating func choose(in picker: WhatIfPicker) -> [Effect] {
        guard let session = whatIf, let context = model else { return [] }
        guard let row = picker.selected else { return say("nothing matches the search: change it, or Esc closes the picker") }
        var edits = session.edits
        switch picker.kind {
        case .addItem: edits.append(.add(item: Int32(row), feedback: picker.sentiment))
        case .removeInteraction: edits.append(.remove(item: Int32(row)))
        case .flipSentiment: edits.append(.setSentiment(item: Int32(row), feedback: flipped(picker.feedback(of: row) ?? 0)))
        case .hideScene:
            // A toggle: showing a hidden scene drops its hide edit (the later edits never need the
            // scene hidden, so they still apply).
            if session.hides(scene: row) { edits.removeAll { $0 == .hide(scene: row) } } else { edits.append(.hide(scene: row)) }
        }
        if case .failure(let error) = context.model.editedEvents(of: session.user, edits, in: data.dataset) {
            return say("cannot make this edit: \(error.reason)", isError: true)
        }
        let text = edits.count > session.edits.count ? describe(edits[edits.count - 1]) : "showed \(data.dataset.scenes[row].name) again"
        whatIf?.edits = edits
        whatIf?.picker = nil
        refreshExplanations()
        return say("\(text) (\(whatIf?.title ?? ""); U undoes)")
    }

    /// One edit in words: "added news-12 (+1)", "hid 新闻".
    func describe(_ edit: WhatIfEdit) -> String {
        let dataset = data.dataset
        switch edit {
        case let .add(item, feedback): return "added \(dataset.itemID(item)) (\(sentimentText(feedback)))"
        case .remove(let item): return "removed \(dataset.itemID(item))"
        case let .setSentiment(item, feedback): return "set \(dataset.itemID(item)) to \(sentimentText(feedback))"
        case .hide(let scene): return "hid \(dataset.scenes[scene].name)"
        }
    }

    /// `E`: the edits as the JSON `mist recommend --what-if` reads, through the Ctrl-S prompt.
    private mutating func exportEdits() -> [Effect] {
        guard let session = whatIf, !session.edits.isEmpty else { return say("no edits to export yet (+, -, ~ or H makes one)") }
        let user = data.userIDs[session.user], scene = data.dataset.scenes[min(transfer.target, data.sceneCount - 1)].id
        let what = "the \(session.edits.count) what-if edits of \(user) (replay: mist recommend --user \(user) --scene \(scene) --what-if FILE)"
        return beginExport((ExportContent.whatIf(edits: session.edits), what, "mist-whatif-\(ExportNames.safe(user)).json"))
    }
}
