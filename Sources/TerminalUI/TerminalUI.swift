// TerminalUI: a small ratatui/bubbletea-style toolkit. It knows nothing about the model.
//
// HOW AN APP USES IT
//
//   struct State { var scroll = ScrollState(); var size = (0, 0); var showsHelp = false }
//   enum Message: Sendable { case key(Key), resized(Int, Int), lossUpdated([Double]) }
//   enum Action { case up, down, help, quit }
//
//   let keys = KeyMap<Action>([
//       KeyBinding([.up, .character("k")], "move up", action: .up, section: "Move"),
//       KeyBinding([.down, .character("j")], "move down", action: .down, section: "Move"),
//       KeyBinding([.character("?")], "help", action: .help),
//       KeyBinding([.character("q"), .ctrlC], "quit", action: .quit),
//   ])
//
//   let program = Program<State, Message, NoEffect>(
//       minimumSize: (80, 24),
//       update: { state, message in ...; return .none },        // pure; effects are Commands
//       render: { state, buffer in                               // pure; draws the whole frame
//           let rows = buffer.area.rows(.length(1), .fill, .length(1))
//           buffer.render(Tabs(["1 Users", "2 Interests"], selected: 0), in: rows[0])
//           let block = Block("Users")
//           buffer.render(block, in: rows[1])
//           buffer.render(Table(columns: ..., rowCount: n, scroll: state.scroll) { i in ... },
//                         in: block.inner(of: rows[1]))
//           if state.showsHelp { buffer.render(HelpOverlay(keys, title: "Keys")) }
//       },
//       message: { event, state in
//           switch event {
//           case .key(let key): return .key(key)      // update looks the key up: keys.action(for:)
//           case .resize(let w, let h): return .resized(w, h)
//           case .mouse: return nil
//           }
//       })
//   let final = try program.run(State())   // restores the terminal on every way out
//
// PIECES (one file each)
//   Geometry/   Rect, Constraint (.length/.percentage/.fill), Rect.rows/columns/split.
//   Text/       DisplayWidth (pure-Swift wcwidth: CJK/emoji = 2, combining = 0), TextFit
//               (truncate/ellipsize/pad by display width), Span and Line (styled text).
//   Style/      Color (.default, .ansi(0–15), .indexed(0–255), .rgb → nearest), ColorMode
//               (.none for NO_COLOR, .basic8, .basic16, .indexed256), Style (a patch: nil
//               colours keep what the cell has), ColorScale (viridis/diverging + ░▒▓█ shades).
//   Buffer/     Cell (symbol, width, fg, bg, attributes; wide graphemes + continuation cell),
//               Buffer (write clipped by display width, setStyle, fill, erase; `lines`, `text`,
//               `find`, `self[x, y]` for tests; `colorMode` so widgets degrade).
//   Widgets/    Block, Paragraph, BarChart (labelled horizontal bars), Scrollbar, Table (+ ScrollState, rows from a closure: only visible rows
//               are built), Tabs, HorizontalBar/Sparkline/BarGlyphs (eighth blocks), LineChart
//               (braille or half-block canvas), Heatmap, ProgressBar, HelpOverlay (from a
//               KeyMap), TooSmallMessage.
//   Input/      Key, MouseEvent, Event; KeyMap (dispatch and help from the same bindings);
//               TextInput (line editing state) for TextField.
//   Also:       ConfirmDialog, StatusBar (Widgets/ConfirmDialog.swift), TextField (Input/).
//   Backend/    Terminal (the only curses code), CellDiff (changed runs, testable without a
//               terminal), TerminalDevice (what the run loop needs), TerminalRestore (signals).
//   Program/    Program (the run loop), Command (.none/.quit/.batch/.after/.send/.effect: data),
//               Mailbox.
//
// RULES
//   - Only the UI thread calls curses. Commands are data: `.effect(E)` goes to the program's
//     `perform` handler, which owns the app's threads or tasks; they report through
//     `program.mailbox.send`, and the loop drains the mailbox every tick (≤ 50 ms).
//   - Run the UI process with SWIFT_BACKTRACE=enable=no: Swift's backtracer would otherwise
//     compete with TerminalRestore's crash handlers for the tty. (Checked here: with our
//     handlers installed after start-up the terminal is restored either way.)
//   - While curses owns the screen, standard error is captured and replayed after the terminal
//     is restored (warnings cannot corrupt a frame; a crash message shows after the crash).
//     Standard output is curses' own: never print to it while the program runs.
//   - Events are mapped to messages with the state current when each is handled, and a burst of
//     input, mailbox messages and due timers is handled before one redraw.
//   - Tests render widgets into `Buffer(width:height:colorMode:)` and compare `lines` exactly.
