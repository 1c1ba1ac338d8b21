import InterestModel
import TerminalUI

/// The smallest window the explorer draws into; below it the too-small message shows.
public let minimumWindowSize = (width: 64, height: 18)

/// Draws the whole frame for `state`: tabs, the current screen, the status line and overlays.
/// Pure: the same state always gives the same buffer.
public func render(_ state: AppState, into buffer: inout Buffer) {
    let tooSmall = TooSmallMessage(minimumWidth: minimumWindowSize.width, minimumHeight: minimumWindowSize.height)
    if tooSmall.applies(toWidth: buffer.width, height: buffer.height) {
        buffer.render(tooSmall)
        return
    }
    let rows = buffer.area.rows(.length(1), .fill, .length(1))
    renderTabs(state, in: rows[0], into: &buffer)
    let body = rows[1]
    switch state.screen {
    case .users: buffer.render(UsersScreen(state: state), in: body)
    case .interests: buffer.render(InterestsScreen(state: state), in: body)
    case .attention: buffer.render(AttentionScreen(state: state), in: body)
    case .transfer: buffer.render(TransferScreen(state: state), in: body)
    case .training: buffer.render(TrainingScreen(state: state), in: body)
    case .cases: buffer.render(CasesScreen(state: state), in: body)
    }
    renderStatusLine(state, in: rows[2], into: &buffer)
    if state.showsHelp {
        let keys = state.whatIfHelpKeyMap
            ?? (state.screen == .training && state.runs.isFocused ? KeyMaps.runList.merged(with: KeyMaps.screen(.training)) : KeyMaps.screen(state.screen))
        // The keys every screen shares give way first in a small window (they are the same everywhere).
        buffer.render(HelpOverlay(keys, title: "Keys: \(state.screen.title)", droppable: ["Screens", "General"],
                                  droppedNote: "Tab 1–6 ? ! q Ctrl-S M: every screen"), in: body)
    }
    if let export = state.export, case .confirmingOverwrite(let existing) = export.stage {
        buffer.render(exportOverwriteDialog(export.job, existing: existing), in: body)
    }
    if let picker = state.whatIf?.picker { buffer.render(WhatIfPickerView(state: state, picker: picker), in: body) }
    if state.showsLog { buffer.render(MessageLogView(state: state), in: body) }
    if state.isConfirmingQuit {
        let choices = KeyMaps.confirmQuit.bindings.map { "\($0.keys[0]) \($0.description)" }.joined(separator: " · ")
        buffer.render(ConfirmDialog(title: "Quit?", message: "Training is running. Quit anyway?", choices: choices), in: body)
    }
    if let path = state.runs.confirmingOverwrite {
        let choices = KeyMaps.confirmSaveOverwrite.bindings.map { "\($0.keys[0]) \($0.description)" }.joined(separator: " · ")
        buffer.render(ConfirmDialog(title: "Overwrite?", message: "\(path) exists. Write the model over it?", choices: choices), in: body)
    }
}

/// The tab bar, with the model's state at the right ("model: trained here" / "training 42%").
func renderTabs(_ state: AppState, in area: Rect, into buffer: inout Buffer) {
    let tabs = tabBar(state.screen, width: area.width)
    buffer.render(tabs, in: area)
    let text: String
    let style: Style
    switch state.training.phase {
    case .preparing: text = "preparing training…"; style = .fg(.yellow)
    case .running: text = "training \(Int(state.training.fraction * 100))%"; style = .fg(.green)
    case .paused: text = "training paused"; style = .fg(.yellow)
    case .stopping: text = "stopping training…"; style = .fg(.yellow)
    default:
        if let session = state.whatIf {
            // What-if stands out on every screen: what the model screens show is edited.
            text = state.whatIfTabText(session, room: area.width - tabs.displayWidth - 2); style = Style(foreground: .black, background: .yellow, attributes: [.bold])
        } else if let model = state.model { text = "model: \(model.origin)"; style = .dim } else { text = "no model (5 to train)"; style = .fg(.yellow) }
    }
    let room = area.width - tabs.displayWidth - 2
    guard room > 8 else { return }
    // A checkpoint path that does not fit shows its file name; anything else is cut at a word.
    var shown = text
    if text.hasPrefix("model: "), let model = state.model { shown = "model: " + modelOriginText(model.origin, width: room - 7) }
    shown = TextFit.ellipsizeWords(shown, to: room)
    buffer.write(shown, x: area.right - shown.displayWidth, y: area.y, style: style)
}

/// The tabs as drawn at `width` columns (mouse clicks use the same): titles padded by a space
/// each side, or unpadded when that would leave under 20 columns for the model's state beside them
/// (six tabs take 73 columns padded, 61 unpadded).
func tabBar(_ screen: Screen, width: Int) -> Tabs {
    let padded = Tabs(Screen.allCases.map(\.tabTitle), selected: screen.rawValue)
    guard width - padded.displayWidth < 20 else { return padded }
    return Tabs(Screen.allCases.map(\.tabTitle), selected: screen.rawValue, padding: 0)
}

/// The bottom line: the latest status message, or the main keys of the screen.
func renderStatusLine(_ state: AppState, in area: Rect, into buffer: inout Buffer) {
    if let export = state.export, case .typing(let input) = export.stage {
        buffer.render(TextField(input, prompt: exportPromptLabel(export.job, width: area.width)), in: area)
        return
    }
    if renderCohortStatus(state, in: area, into: &buffer) { return }
    if let prompt = state.pathPrompt {
        let label = prompt.purpose == .save ? " save the model to: " : " load a checkpoint from: "
        buffer.render(TextField(prompt.input, prompt: label), in: area)
        return
    }
    if let status = state.status {
        // Shortened to fit; the message log (`!`) keeps the whole text.
        let text = statusLineText(status.text, width: max(0, area.width - 2))
        buffer.write(Line(" " + text, style: status.isError ? Style(foreground: .brightWhite, background: .red) : .reverse), in: area)
        return
    }
    // Hints come from the active key map (what the keys really do), the most useful first, as
    // many whole hints as fit (StatusHints.swift).
    buffer.write(Line(" " + statusHints(state, width: max(0, area.width - 1)), style: .dim), in: area)
}
