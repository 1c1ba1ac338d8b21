import TerminalUI

extension KeyMaps {
    /// Every key of every screen and mode as Markdown tables, generated from the same maps that
    /// dispatch keys. docs/EXPLORER.md embeds this text and a test checks it is current;
    /// `mist explore --keys-markdown` prints it.
    public static func markdown() -> String {
        var sections: [(title: String, map: KeyMap<Action>)] = [("Every screen", global)]
        for screen in Screen.allCases {
            sections.append(("\(screen.rawValue + 1) \(screen.title)", own(screen)))
        }
        sections.append(("5 Training, while the run list has the keys (R)", runList))
        sections.append(("2–4 Interests, Attention, Transfer in what-if mode (W)", whatIf))
        sections.append(("While the what-if picker is open (+, -, ~, H)", whatIfPicker))
        sections.append(("While typing (search, a setting's value)", textEntry))
        sections.append(("While typing a cohort (c, C)", cohortEntry))
        sections.append(("While \"replace the saved cohort?\" is asked (N)", confirmReplaceCohort))
        sections.append(("While the quit question is shown", confirmQuit))
        sections.append(("While the message log is open (`!`)", messageLog))
        sections.append(("While the overwrite question is shown (Ctrl-S)", confirmOverwrite))
        sections.append(("While \"overwrite?\" is asked (w)", confirmSaveOverwrite))
        var text = ""
        for (title, map) in sections {
            text += "### \(title)\n\n| Keys | Action |\n|---|---|\n"
            for binding in map.bindings {
                let keys = binding.keysText.replacingOccurrences(of: "|", with: "\\|")
                text += "| `\(keys)` | \(binding.description) |\n"
            }
            text += "\n"
        }
        return text
    }
}
