import TerminalUI

/// The hints of the status line for the active key map: as many whole hints as fit in `width`
/// columns, chosen by priority, shown in the map's order. While typing only the typing keys
/// show (never "q quit": q types a q). Otherwise "? help" (it lists the rest) and "q quit"
/// always stay, then by priority: the screen's keys with letters, its arrow keys (which everyone
/// guesses), "! messages".
func statusHints(_ state: AppState, width: Int) -> String {
    let separator = " · "
    let map = state.activeKeyMap
    // Any key map other than the screen's own (a question, the log, typing a search or a path,
    // the export prompt, …) shows its own keys only: "q quit" there would be wrong.
    // (A map that adds keys to the screen's, like the run list's, is not modal.)
    let isModal = !Set(KeyMaps.screen(state.screen).bindings.map(\.description)).isSubset(of: Set(map.bindings.map(\.description)))
    var required: [String] = []
    var optional: [(text: String, rank: Int)] = []
    if isModal {
        for binding in map.bindings {
            optional.append((hint(binding), optional.count))
        }
        if (state.users.isSearching || state.cases.isSearching || state.whatIf?.picker != nil) && !state.showsLog && !state.isConfirmingQuit { optional.insert(("typing filters the list", -1), at: 0) }
    } else {
        required = ["? help", "q quit"]
        // The run list's keys first while it has the focus (its map is merged over the screen's).
        // So do the what-if keys in what-if mode.
        let focused = (state.screen == .training && state.runs.isFocused ? KeyMaps.runList.bindings : [])
            + (state.showsWhatIf ? KeyMaps.whatIf.bindings : [])
        var seenKeys = Set<Key>()
        let own = (focused + KeyMaps.own(state.screen).bindings).filter { $0.section != "Move" && !$0.isHelpOnly }
            .filter { seenKeys.insert($0.keys[0]).inserted }  // a key the run list took is not the screen's any more
        let arrows: Set<Key> = [.up, .down, .left, .right]
        let letters = own.filter { !arrows.contains($0.keys[0]) }, arrowKeys = own.filter { arrows.contains($0.keys[0]) }
        for binding in letters { optional.append((hint(binding), optional.count)) }
        for binding in arrowKeys { optional.append((hint(binding), optional.count)) }
        optional.append(("! messages", optional.count))
    }
    // Greedy by rank: a hint that does not fit is skipped, smaller ones after it may still fit.
    var used = required.map(\.displayWidth).reduce(0, +) + max(0, required.count - 1) * separator.count
    var chosen = Set<Int>()
    for (index, item) in optional.enumerated().sorted(by: { $0.element.rank < $1.element.rank }) {
        let cost = item.text.displayWidth + (used == 0 ? 0 : separator.count)
        if used + cost <= width { used += cost; chosen.insert(index) }
    }
    let shown = optional.enumerated().filter { chosen.contains($0.offset) }.map(\.element.text)
    let screenHints = shown.filter { $0 != "! messages" }
    let tail = required + shown.filter { $0 == "! messages" }
    return (screenHints + tail).joined(separator: separator)
}

/// "t start training", "↑↓ previous / next user": the first key and the description up to its
/// first parenthesis (the help overlay has the rest).
private func hint(_ binding: KeyBinding<Action>) -> String {
    let key = binding.keyLabel ?? binding.keys[0].description
    var description = binding.description
    // Up to a parenthesis or a colon: "v view", "f filter".
    for mark in [" (", ":"] {
        if let cut = description.range(of: mark) { description = String(description[..<cut.lowerBound]) }
    }
    return "\(key) \(description)"
}
