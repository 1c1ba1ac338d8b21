import CNCursesW
import Synchronization

extension Terminal {
    /// The mouse events mist asks curses for: the left button and the wheel (buttons 4 and 5).
    static var capturedMouseEvents: mmask_t {
        mist_button4_pressed() | mist_button5_pressed() | mist_button1_pressed()
    }

    /// Turns mouse reporting on or off (`M` in the explorer). Off, the terminal gets its clicks
    /// back: drag selects text and the terminal copies it, as in any shell. Only while a terminal
    /// is open, on the UI thread (curses is not thread-safe); otherwise it does nothing.
    public static func setMouseCapture(_ on: Bool) {
        guard TerminalRestore.cursesActive.load(ordering: .sequentiallyConsistent) != 0 else { return }
        mousemask(on ? capturedMouseEvents : 0, nil)
    }
}
