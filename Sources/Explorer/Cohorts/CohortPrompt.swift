import InterestData
import TerminalUI

/// The cohort text entry shared by the Users screen's filter (`c`) and the Attention screen's
/// cohort prompts (`c`, `C`): the expression typed so far, its live user count or where it is
/// wrong, and Up/Down recalling the saved cohorts (docs/COHORTS.md).
public struct CohortPrompt: Sendable, Equatable {
    public var input = TextInput()
    /// "412 users · Enter applies", or where the expression is wrong.
    public var preview = ""
    public var isError = false
    /// Which saved cohort Up/Down showed last (nil: what was typed).
    var recalled: Int?

    public init(_ text: String = "") { input = TextInput(text) }

    /// A cohort as typed: a leading `!` inverts it (k9s), and `@name` stands for a saved cohort.
    struct Parsed {
        var cohort: Cohort
        var inverted: Bool
        /// As typed (without `!`): `@name` stays the name, for titles.
        var label: String
    }

    /// Parses `text` (after `!` and `@name`); the error text names the position, or the named
    /// cohorts file and the known names. nil for an empty expression.
    static func parse(_ text: String, data: ExplorerData, named: NamedCohortsState) -> Result<Parsed, PromptError>? {
        var expression = text.trimmingCharacters(in: .whitespaces)
        let inverted = expression.hasPrefix("!")
        if inverted { expression = String(expression.dropFirst()).trimmingCharacters(in: .whitespaces) }
        guard !expression.isEmpty else { return nil }
        do {
            let cohort = try Cohort(parsing: try named.resolve(expression), in: data.dataset)
            return .success(Parsed(cohort: cohort, inverted: inverted, label: expression))
        } catch let error as CohortError {
            return .failure(PromptError(text: "\(error)"))
        } catch {
            return .failure(PromptError(text: "\(error)"))
        }
    }

    struct PromptError: Error, Equatable { var text: String }

    /// Counts the users of the expression typed so far (a live count, as the issue asks), or
    /// says where it is wrong; counting a million users takes a fraction of a second.
    mutating func refresh(data: ExplorerData, named: NamedCohortsState, action: String = "Enter applies") {
        switch Self.parse(input.text, data: data, named: named) {
        case nil:
            preview = "type an expression, e.g. city = 杭州 Hangzhou and inactive in 新闻"
            isError = false
        case .success(let parsed)?:
            let inside = parsed.cohort.users(in: data.cohortFacts).count
            let n = parsed.inverted ? data.directory.userCount - inside : inside
            preview = "\(n) users" + (parsed.inverted ? " (not in it)" : "") + " · \(action)"
            isError = false
        case .failure(let error)?:
            // Positions count from the expression's start, after a leading "!".
            preview = error.text
            isError = true
        }
    }

    /// Up (`delta` −1) and Down (+1) step through the saved cohorts, as `@name`; past either end
    /// the field is left empty to type a new one.
    mutating func recall(_ delta: Int, named: NamedCohortsState) {
        let count = named.cohorts.entries.count
        guard count > 0 else { return }
        let next: Int? = switch recalled {
        case nil: delta < 0 ? count - 1 : 0
        case let index?: index + delta
        }
        if let next, (0..<count).contains(next) {
            recalled = next
            input.set("@" + named.cohorts.entries[next].name)
        } else {
            recalled = nil
            input.set("")
        }
    }

    /// Typing: the key edits the text; the preview follows.
    mutating func type(_ key: Key, data: ExplorerData, named: NamedCohortsState, action: String = "Enter applies") {
        let before = input.text
        input.handle(key)
        if input.text != before { recalled = nil; refresh(data: data, named: named, action: action) }
    }
}

/// The prompt drawn in one row: the field, and beside it the live count (or the error in red)
/// and how many saved cohorts Up/Down recall.
struct CohortPromptRow: Widget {
    let prompt: CohortPrompt
    let label: String
    let saved: Int

    func render(in area: Rect, into buffer: inout Buffer) {
        let recall = saved > 0 ? " · ↑↓ \(saved) saved" : ""
        let note = prompt.preview + recall
        // The count or the error gets up to three fifths: an error must be readable.
        let parts = area.columns(.fill, .length(min(area.width * 3 / 5, max(12, note.displayWidth + 2))), spacing: 1)
        buffer.render(TextField(prompt.input, prompt: label, placeholder: "expression, @name (! inverts)"), in: parts[0])
        buffer.write(Line(note, style: prompt.isError ? .fg(.red) : .dim), in: parts[1])
    }
}

extension KeyMaps {
    /// While typing a cohort: the text entry's keys and the recall of saved cohorts.
    public static let cohortEntry = textEntry.merged(with: KeyMap([
        KeyBinding([.up], "previous saved cohort (@name)", action: .up, section: "Typing"),
        KeyBinding([.down], "next saved cohort", action: .down, section: "Typing"),
    ]))
}
