import TerminalUI

/// The keys of what-if mode (docs/EXPLORER.md, "What-if"). They avoid every key the three
/// screens already use (a, u, x, h, t, …), so entering what-if never changes what a screen key does.
extension KeyMaps {
    /// `W` on Interests, Attention and Transfer: enter what-if for the selected user.
    static let whatIfEntry = KeyBinding<Action>([.character("W")], "what-if: edit this user's history and see the model react", action: .whatIf, section: "What-if")

    /// In what-if mode, over the screen's own keys (which keep working, except changing the user).
    public static let whatIf = KeyMap<Action>([
        KeyBinding([.character("W"), .escape], "leave what-if (the edits are discarded; E exports them first)", action: .whatIf, section: "What-if"),
        KeyBinding([.character("+")], "add an item: pick it from a scene's catalogue", action: .addItem, section: "What-if"),
        KeyBinding([.character("-")], "remove an interaction: pick it from the user's history", action: .removeInteraction, section: "What-if"),
        KeyBinding([.character("~")], "flip an interaction's sentiment (+ ↔ −, neutral → +)", action: .flipSentiment, section: "What-if"),
        KeyBinding([.character("H")], "hide or show a whole scene", action: .hideScene, section: "What-if"),
        KeyBinding([.character("U")], "undo the last edit", action: .undoEdit, section: "What-if"),
        KeyBinding([.character("R")], "reset: drop every edit", action: .resetEdits, section: "What-if"),
        KeyBinding([.character("E")], "export the edits as JSON for `mist recommend --what-if` (asks the file name)", action: .exportEdits, section: "What-if"),
    ])

    /// The picker of the what-if edits: a modal list with a search field. Characters type into
    /// the search (so no letter is a command here); moving, choosing and the options use keys
    /// that do not type.
    public static let whatIfPicker = KeyMap<Action>([
        // In the status line's order: what to do first, then moving.
        KeyBinding([.enter], "edit (make the edit with the selected row)", action: .confirm, section: "Picker"),
        KeyBinding([.escape], "close (no edit)", action: .cancel, section: "Picker"),
        KeyBinding([.tab], "next scene (adding: whose catalogue is listed)", action: .nextPickerScene, section: "Picker"),
        KeyBinding([.control("f")], "sentiment (adding: +1, 0, −1)", action: .nextSentiment, section: "Picker"),
        KeyBinding([.up], "previous row", action: .up, section: "Picker"),
        KeyBinding([.down], "next row", action: .down, section: "Picker"),
        KeyBinding([.pageUp], "page up", action: .pageUp, section: "Picker"),
        KeyBinding([.pageDown], "page down", action: .pageDown, section: "Picker"),
        KeyBinding([.backTab], "previous scene (adding)", action: .previousPickerScene, section: "Picker"),
    ])
}

extension AppState {
    /// The tab bar's what-if note: as much as fits in `room` columns.
    func whatIfTabText(_ session: WhatIfSession, room: Int) -> String {
        let options = [" \(session.title) · \(data.userIDs[session.user]) ", " \(session.title) ", " what-if: \(session.edits.count) "]
        return options.first { $0.displayWidth <= room } ?? options[options.count - 1]
    }

    /// The screens where what-if shows the edited model (the others show it unchanged).
    var showsWhatIf: Bool { whatIf != nil && [.interests, .attention, .transfer].contains(screen) }

    /// The what-if keys over the screen's, while what-if is shown (nil otherwise).
    var whatIfKeyMap: KeyMap<Action>? {
        showsWhatIf ? KeyMaps.whatIf.merged(with: KeyMaps.screen(screen)) : nil
    }

    /// Help in what-if mode also lists the picker's keys (help cannot open from the picker: `?`
    /// types there).
    var whatIfHelpKeyMap: KeyMap<Action>? {
        guard whatIfKeyMap != nil else { return nil }
        let picker = KeyMaps.whatIfPicker.bindings.map {
            KeyBinding($0.keys, $0.description, action: $0.action, label: $0.keyLabel, section: "What-if picker (+, -, ~, H)", helpOnly: true)
        }
        // The screen's keys that what-if takes over (W, Esc) are not listed twice.
        let taken = Set(KeyMaps.whatIf.bindings.flatMap(\.keys))
        let screenKeys = KeyMaps.screen(screen).bindings.filter { !$0.keys.allSatisfy(taken.contains) }
        return KeyMaps.whatIf.merged(with: KeyMap(picker)).merged(with: KeyMap(screenKeys))
    }
}
