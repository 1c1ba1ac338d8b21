/// What the run loop needs from a terminal. `Terminal` is the curses implementation; tests
/// drive `Program` with a scripted device and no terminal at all.
public protocol TerminalDevice: AnyObject {
    /// Current size in columns and rows.
    var size: (width: Int, height: Int) { get }
    /// The colours frames are drawn with.
    var colorMode: ColorMode { get }
    /// Shows `buffer`, writing only what changed since the previous call.
    func draw(_ buffer: Buffer)
    /// The next input event, waiting up to the device's poll interval when `wait` is true
    /// (not at all otherwise); nil when nothing arrived.
    func pollEvent(wait: Bool) -> Event?
    /// Restores the terminal; safe to call more than once.
    func stop()
    /// Whether the terminal has gone away (its pty hung up, input closed): the run loop ends
    /// instead of polling a dead input forever, which returns at once and spins a core.
    var inputClosed: Bool { get }
}

extension TerminalDevice {
    public var inputClosed: Bool { false }
}
