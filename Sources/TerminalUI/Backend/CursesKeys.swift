import CNCursesW

/// Maps what `get_wch` returns to `Event`s: pure, so it is tested without a terminal.
enum CursesKeys {
    /// The event for a function-key code (`get_wch` returned KEY_CODE_YES), or nil for codes
    /// the explorer does not use. KEY_MOUSE and KEY_RESIZE are handled by the caller.
    static func key(forKeyCode code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME, KEY_FIND: return .home  // vt220-style keypads send Find/Select for Home/End
        case KEY_END, KEY_SELECT: return .end
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_IC: return .insert
        case (KEY_F0 + 1)...(KEY_F0 + 24): return .function(Int(code - KEY_F0))
        default: return nil
        }
    }

    /// The event for a character (`get_wch` returned OK).
    static func key(forCharacter value: UInt32) -> Key? {
        guard let scalar = Unicode.Scalar(value) else { return nil }
        return Key.fromCharacter(scalar)
    }

    /// The wheel or click a mouse event state describes.
    static func mouse(state: mmask_t, x: Int, y: Int) -> MouseEvent? {
        if state & mist_button4_pressed() != 0 { return .wheelUp(x: x, y: y) }
        if state & mist_button5_pressed() != 0 { return .wheelDown(x: x, y: y) }
        if state & (mist_button1_pressed() | mist_button1_clicked()) != 0 { return .press(x: x, y: y) }
        return nil
    }
}
