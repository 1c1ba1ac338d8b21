import TerminalUI

/// The key maps of every screen and mode. `update` dispatches keys through `keyMap(for:)` and the
/// help overlay lists the same map, so help can never drift from behaviour; docs/EXPLORER.md is
/// checked against these maps by a test.
public enum KeyMaps {
    /// Keys that work on every screen (after the screen's own keys, which may shadow them).
    public static let global = KeyMap<Action>([
        KeyBinding([.tab], "next screen", action: .nextScreen, section: "Screens"),
        KeyBinding([.backTab], "previous screen", action: .previousScreen, section: "Screens"),
        KeyBinding((1...6).map { .character(Character(String($0))) }, "jump to a screen", action: .jumpToScreen, label: "1–6", section: "Screens"),
        KeyBinding([.character("?")], "show or hide this help", action: .help, section: "General"),
        KeyBinding([.character("!")], "message log: every notice and error with its time and whole text", action: .messageLog, section: "General"),
        KeyBinding([.escape], "back to the users list", action: .back, section: "General"),
        KeyBinding([.character("q"), .ctrlC], "quit (asks while training runs)", action: .quit, section: "General"),
        KeyBinding([.control("s")], "export what the screen shows as data (asks the file name)", action: .export, section: "General"),
        KeyBinding([.character("M")], "mouse off / on (off: the terminal's own selection works)", action: .toggleMouse, section: "General"),
    ])

    static let movement = KeyMap<Action>([
        KeyBinding([.up, .character("k")], "move up", action: .up, section: "Move"),
        KeyBinding([.down, .character("j")], "move down", action: .down, section: "Move"),
        KeyBinding([.pageUp], "page up", action: .pageUp, section: "Move"),
        KeyBinding([.pageDown], "page down", action: .pageDown, section: "Move"),
        KeyBinding([.character("g"), .home], "first row", action: .top, section: "Move"),
        KeyBinding([.character("G"), .end], "last row", action: .bottom, section: "Move"),
    ])

    public static let users = movement.merged(with: KeyMap([
        KeyBinding([.enter], "open the user's interests", action: .select, section: "Users"),
        KeyBinding([.character("/")], "search by id or name (! in front: the others)", action: .search, section: "Users"),
        KeyBinding([.character("s"), .right, .character("l")], "sort by the next column", action: .sortNext, section: "Users"),
        KeyBinding([.character("S"), .left, .character("h")], "sort by the previous column", action: .sortPrevious, section: "Users"),
        KeyBinding([.character("r")], "reverse the sort order", action: .reverseSort, section: "Users"),
        KeyBinding([.character("f")], "filter: next active scene", action: .filterScene, section: "Users"),
        KeyBinding([.character("F")], "clear filter, cohort and search", action: .clearFilter, section: "Users"),
        KeyBinding([.character("c")], "cohort: filter by an expression (docs/COHORTS.md; ! in front inverts)", action: .cohortFilter, section: "Users"),
        KeyBinding([.character("N")], "name: save the cohort applied as @name", action: .nameCohort, section: "Users"),
    ]))

    public static let interests = KeyMap<Action>([
        KeyBinding([.up, .character("k")], "previous user", action: .up, section: "Interests"),
        KeyBinding([.down, .character("j")], "next user", action: .down, section: "Interests"),
        KeyBinding([.left, .character("h")], "scroll scenes left", action: .left, section: "Interests"),
        KeyBinding([.right, .character("l")], "scroll scenes right", action: .right, section: "Interests"),
        whatIfEntry,
    ])

    public static let attention = KeyMap<Action>([
        KeyBinding([.up, .character("k")], "cursor up (target)", action: .up, section: "Heatmap"),
        KeyBinding([.down, .character("j")], "cursor down (target)", action: .down, section: "Heatmap"),
        KeyBinding([.left, .character("h")], "cursor left (source)", action: .left, section: "Heatmap"),
        KeyBinding([.right, .character("l")], "cursor right (source)", action: .right, section: "Heatmap"),
        KeyBinding([.character("a")], "next head / head average", action: .nextHead, section: "Heatmap"),
        KeyBinding([.character("v")], "view: plain, off-diagonal, hidden-target", action: .nextView, section: "Heatmap"),
        KeyBinding([.character("u")], "this user / average of all users (from a cohort: this user)", action: .togglePopulation, section: "Heatmap"),
        KeyBinding([.character("d")], "compare: planted or learned − planted beside it", action: .toggleDifference, section: "Heatmap"),
        KeyBinding([.character("x")], "stop averaging (all users or cohorts)", action: .stop, section: "Heatmap"),
        KeyBinding([.character("["), .pageUp], "previous user", action: .pageUp, section: "Heatmap"),
        KeyBinding([.character("]"), .pageDown], "next user", action: .pageDown, section: "Heatmap"),
        KeyBinding([.character("c")], "cohort: its users' average attention (an expression or @name)", action: .cohortFilter, section: "Heatmap"),
        KeyBinding([.character("C")], "compare cohorts: the cohort (else all users) with a second one, A − B", action: .compareCohorts, section: "Heatmap"),
        KeyBinding([.character("N")], "name: save the cohort shown (else the Users filter) as @name", action: .nameCohort, section: "Heatmap"),
        KeyBinding([.character("y")], "copy the matrix as TSV to the clipboard (OSC 52)", action: .copyMatrix, section: "Heatmap"),
        whatIfEntry,
    ])

    public static let transfer = KeyMap<Action>([
        KeyBinding([.character("t"), .down, .character("j")], "next target scene", action: .nextTarget, section: "Transfer"),
        KeyBinding([.character("T"), .up, .character("k")], "previous target scene", action: .previousTarget, section: "Transfer"),
        KeyBinding([.right, .character("l"), .character("n")], "next step k", action: .stepForward, section: "Transfer"),
        KeyBinding([.left, .character("h"), .character("p")], "previous step k", action: .stepBack, section: "Transfer"),
        KeyBinding([.character(" ")], "play / stop stepping", action: .play, section: "Transfer"),
        KeyBinding([.character("["), .pageUp], "previous user", action: .pageUp, section: "Transfer"),
        KeyBinding([.character("]"), .pageDown], "next user", action: .pageDown, section: "Transfer"),
        whatIfEntry,
    ])

    public static let training = KeyMap<Action>([
        KeyBinding([.up, .character("k")], "previous setting", action: .up, section: "Settings"),
        KeyBinding([.down, .character("j")], "next setting", action: .down, section: "Settings"),
        KeyBinding([.left, .character("h")], "decrease the setting", action: .left, section: "Settings"),
        KeyBinding([.right, .character("l")], "increase the setting", action: .right, section: "Settings"),
        KeyBinding([.enter], "type a value for the setting", action: .editField, section: "Settings"),
        KeyBinding([.character("t")], "start training", action: .startTraining, section: "Training"),
        KeyBinding([.character(" ")], "pause / resume", action: .pauseOrResume, section: "Training"),
        KeyBinding([.character("x")], "stop training (keeps the best epoch) or cancel an evaluation", action: .stop, section: "Training"),
        KeyBinding([.character("e")], "evaluate on the test cases beside popularity", action: .evaluate, section: "Training"),
        KeyBinding([.character("b")], "evaluate beside every baseline (trains them: slow)", action: .evaluateBaselines, section: "Training"),
        KeyBinding([.character("w")], "save the model to a checkpoint (asks the path)", action: .saveCheckpoint, section: "Training"),
        KeyBinding([.character("o")], "load a checkpoint (asks the path)", action: .loadCheckpoint, section: "Training"),
        KeyBinding([.character("R")], "runs: list, overlaid curves and HParams table (again: the settings)", action: .toggleRuns, section: "Runs"),
    ])

    public static let cases = movement.merged(with: KeyMap([
        KeyBinding([.enter], "open the case: its user on Transfer, the case's scene hidden (what-if)", action: .select, section: "Cases"),
        KeyBinding([.character("f")], "filter: all, wins, losses, ties", action: .filterOutcome, section: "Cases"),
        KeyBinding([.character("/")], "search by user id or name", action: .search, section: "Cases"),
        KeyBinding([.character("s"), .right, .character("l")], "sort by the next column", action: .sortNext, section: "Cases"),
        KeyBinding([.character("S"), .left, .character("h")], "sort by the previous column", action: .sortPrevious, section: "Cases"),
        KeyBinding([.character("r")], "reverse the sort order", action: .reverseSort, section: "Cases"),
        KeyBinding([.character("F")], "clear filter and search", action: .clearFilter, section: "Cases"),
        KeyBinding([.character("e")], "rank the cases again for the model in use", action: .rankCases, section: "Cases"),
        KeyBinding([.character("x")], "stop ranking", action: .stop, section: "Cases"),
    ]))

    /// The Training screen while the run list has the keys (`R`).
    public static let runList = KeyMap<Action>([
        KeyBinding([.up, .character("k")], "previous run", action: .up, section: "Runs"),
        KeyBinding([.down, .character("j")], "next run", action: .down, section: "Runs"),
        KeyBinding([.character("g"), .home], "first run", action: .top, section: "Runs"),
        KeyBinding([.character("G"), .end], "last run", action: .bottom, section: "Runs"),
        KeyBinding([.character("m")], "mark or unmark the run: marked runs are overlaid in the charts", action: .markRun, section: "Runs"),
        KeyBinding([.character("s")], "sort the runs by the next column", action: .sortRuns, section: "Runs"),
        KeyBinding([.character("r")], "reverse the sort order", action: .reverseSort, section: "Runs"),
        KeyBinding([.enter], "load the run: its model and its history", action: .editField, section: "Runs"),
    ])

    /// While "overwrite?" is asked after `w`.
    public static let confirmSaveOverwrite = KeyMap<Action>([
        KeyBinding([.character("y"), .enter], "overwrite the file", action: .confirm, section: "Overwrite?"),
        KeyBinding([.character("n"), .escape], "keep the file, save nothing", action: .cancel, section: "Overwrite?"),
    ])

    /// While typing a search or a value: characters edit, these keys finish.
    public static let textEntry = KeyMap<Action>([
        KeyBinding([.enter], "accept", action: .confirm, section: "Typing"),
        KeyBinding([.escape], "cancel", action: .cancel, section: "Typing"),
    ])

    /// While the message log is open.
    public static let messageLog = KeyMap<Action>([
        KeyBinding([.up, .character("k")], "scroll up", action: .up, section: "Messages"),
        KeyBinding([.down, .character("j")], "scroll down", action: .down, section: "Messages"),
        KeyBinding([.pageUp], "page up", action: .pageUp, section: "Messages"),
        KeyBinding([.pageDown], "page down", action: .pageDown, section: "Messages"),
        KeyBinding([.character("g"), .home], "oldest message", action: .top, section: "Messages"),
        KeyBinding([.character("G"), .end], "newest message", action: .bottom, section: "Messages"),
        KeyBinding([.character("!"), .escape], "close the log", action: .messageLog, section: "Messages"),
    ])

    /// While the quit question is shown.
    public static let confirmQuit = KeyMap<Action>([
        KeyBinding([.character("y"), .character("q"), .enter], "quit (stops training)", action: .confirm, section: "Quit?"),
        KeyBinding([.character("n"), .escape], "keep going", action: .cancel, section: "Quit?"),
    ])

    /// While Ctrl-S asks whether to replace a file that exists.
    public static let confirmOverwrite = KeyMap<Action>([
        KeyBinding([.character("y")], "replace the file", action: .confirm, section: "Overwrite?"),
        KeyBinding([.character("n"), .escape], "keep it and choose another name", action: .cancel, section: "Overwrite?"),
    ])

    /// The keys only `screen` has.
    public static func own(_ screen: Screen) -> KeyMap<Action> {
        switch screen {
        case .users: return users
        case .interests: return interests
        case .attention: return attention
        case .transfer: return transfer
        case .training: return training
        case .cases: return cases
        }
    }

    /// The map of a screen: its own keys, then the global keys (a screen's key shadows a global one).
    public static func screen(_ screen: Screen) -> KeyMap<Action> {
        own(screen).merged(with: global)
    }
}
