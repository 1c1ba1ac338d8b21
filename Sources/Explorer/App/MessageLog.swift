import InterestModel
import TerminalUI

/// One message of the log: when it was said, its whole text, and whether it was an error.
public struct LogEntry: Sendable, Equatable {
    /// Seconds since 1970 (UTC), from `AppState.clock`.
    public var time: Double
    public var text: String
    public var isError: Bool

    public init(time: Double, text: String, isError: Bool) {
        self.time = time
        self.text = text
        self.isError = isError
    }

    /// "23:59:07" (UTC; the log's title says so).
    public var clockText: String {
        let seconds = Int(time.rounded(.down)) % 86_400
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(two(seconds / 3600)):\(two(seconds / 60 % 60)):\(two(seconds % 60))"
    }
}

/// What a status message is about, when that can go away before its timer: the status line
/// clears as soon as the cause is gone.
public enum StatusCause: Sendable, Equatable {
    /// A value of the Training form was refused (typed, ←/→, or `t` with settings that do not go
    /// together); these were the form's values then. Gone when the values change, or when the
    /// next edit of a value ends without a new error.
    case setting(Hyperparameters)
    /// Nothing to work on without a model; gone when there is one.
    case noModel
}

/// What `update` compares before and after a message to give an error its cause and to clear a
/// status whose cause is gone.
struct StatusContext {
    var statusID: Int?
    var screen: Screen
    var wasEditingSetting: Bool
    var keyedTrainingForm: Bool

    init(_ state: AppState, _ message: Message) {
        statusID = state.status?.id
        screen = state.screen
        wasEditingSetting = state.training.form.editing != nil
        var form = false
        if case .key(let key) = message, state.screen == .training, !state.showsHelp, !state.showsLog,
           !state.isConfirmingQuit, state.pathPrompt == nil {
            let action = state.activeKeyMap.action(for: key)
            form = wasEditingSetting || action.map { [Action.left, .right, .startTraining].contains($0) } ?? false
        }
        keyedTrainingForm = form
    }
}

extension AppState {
    /// After a message: an error the message raised gets its cause (a refused setting, no model),
    /// and then loses its timer, since it stays until the cause is gone; a status whose cause is
    /// gone clears.
    mutating func settleStatus(after before: StatusContext, effects: inout [Effect]) {
        guard var current = status else { return }
        if current.id != before.statusID, current.isError, current.cause == nil {
            if before.keyedTrainingForm {
                current.cause = .setting(training.form.values)
            } else if model == nil, current.text.hasPrefix("no model") {
                current.cause = .noModel
            }
            if current.cause != nil {
                status = current
                let id = current.id
                effects.removeAll { effect in
                    if case .after(_, let message) = effect, message == .clearStatus(id: id) { return true }
                    return false
                }
                return
            }
        }
        switch current.cause {
        case .setting(let values)?:
            let editEnded = before.wasEditingSetting && training.form.editing == nil && current.id == before.statusID
            if training.form.values != values || editEnded { status = nil }
        case .noModel?:
            if model != nil { status = nil }
        case nil: break
        }
    }

    /// Keys while the message log is open: scroll it, `!` or Esc closes it.
    mutating func handleLog(_ key: Key) -> [Effect] {
        let total = MessageLogView.lineCount(self), page = max(1, MessageLogView.visibleLines(self))
        let last = max(0, total - page)
        let top = min(logScroll, last)
        switch KeyMaps.messageLog.action(for: key) {
        case .up?: logScroll = max(0, top - 1)
        case .down?: logScroll = top + 1 >= last ? Int.max : top + 1
        case .pageUp?: logScroll = max(0, top - page)
        case .pageDown?: logScroll = top + page >= last ? Int.max : top + page
        case .top?: logScroll = 0
        case .bottom?: logScroll = Int.max
        case .messageLog?, .back?: showsLog = false
        default: break
        }
        return []
    }
}

/// The message log over the screen: every notice and error with its time (UTC) and whole text,
/// wrapped, newest last, scrollable.
struct MessageLogView: Widget {
    let state: AppState

    /// The area the log takes in a window of the state's size (the body, below the tabs).
    static func area(_ state: AppState) -> Rect {
        Rect(x: 0, y: 1, width: state.width, height: max(0, state.height - 2))
    }

    /// The log's lines at `width` columns: "23:59:07  error  text", the text wrapped under itself.
    static func paragraph(_ state: AppState, width: Int) -> Paragraph {
        guard !state.log.isEmpty else { return Paragraph([Line("no messages yet: notices and errors appear here with their time", style: .dim)], wrap: true) }
        let indent = 17  // "23:59:07  error  "
        var lines: [Line] = []
        for entry in state.log {
            let style: Style = entry.isError ? .fg(.red) : .plain
            let wrapped = Paragraph([Line(entry.text, style: style)], wrap: true).visualLines(width: max(1, width - indent))
            for (i, line) in wrapped.enumerated() {
                let head = i == 0
                    ? [Span(entry.clockText + "  ", style: .dim), Span(entry.isError ? "error  " : "       ", style: entry.isError ? .fg(.red) : .dim)]
                    : [Span(String(repeating: " ", count: indent))]
                lines.append(Line(head + line.spans))
            }
        }
        return Paragraph(lines)
    }

    static func inner(_ state: AppState) -> Rect { Block("", borders: .rounded).inner(of: area(state)) }
    static func lineCount(_ state: AppState) -> Int { paragraph(state, width: inner(state).width).visualLines(width: inner(state).width).count }
    static func visibleLines(_ state: AppState) -> Int { inner(state).height }

    func render(in area: Rect, into buffer: inout Buffer) {
        buffer.fill(area, with: " ")
        let block = Block("Messages · \(state.log.count) · time UTC · ↑↓ scroll · ! or Esc closes", borders: .rounded)
        buffer.render(block, in: area)
        let inner = block.inner(of: area)
        var paragraph = Self.paragraph(state, width: inner.width)
        let total = paragraph.visualLines(width: inner.width).count
        paragraph.scroll = min(state.logScroll, max(0, total - inner.height))
        buffer.render(paragraph, in: inner)
        if total > inner.height {
            buffer.render(Scrollbar(count: total, offset: paragraph.scroll, visible: inner.height),
                          in: Rect(x: area.right - 1, y: inner.y, width: 1, height: inner.height))
        }
    }
}

/// The status line's text for a message: the whole text when it fits, else cut with "…" at a
/// word boundary and pointing at the log, where the whole text is.
func statusLineText(_ text: String, width: Int) -> String {
    let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
    if flat.displayWidth <= width { return flat }
    let pointer = " (! full text)"
    guard width > pointer.displayWidth + 8 else { return TextFit.ellipsize(flat, to: width) }
    return wordEllipsize(flat, to: width - pointer.displayWidth) + pointer
}
