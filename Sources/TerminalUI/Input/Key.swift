/// A key press, independent of curses.
public enum Key: Hashable, Sendable, CustomStringConvertible {
    /// A printable character, any script ("q", "/", "é", "科").
    case character(Character)
    /// Ctrl plus a letter, lowercased: Ctrl-C is `.control("c")`.
    case control(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, tab, backTab, backspace, delete, insert
    /// F1…F12 as `.function(1)`…
    case function(Int)

    public static let ctrlC = Key.control("c")

    /// How help screens show the key: "q", "↑", "PgDn", "Shift-Tab", "Ctrl-C", "F1", "Space".
    public var description: String {
        switch self {
        case .character(" "): return "Space"
        case .character(let c): return String(c)
        case .control(let c): return "Ctrl-\(String(c).uppercased())"
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .backspace: return "Backspace"
        case .delete: return "Del"
        case .insert: return "Ins"
        case .function(let n): return "F\(n)"
        }
    }
}

/// Mouse input the explorer uses: the wheel (scrolls lists) and a left click position.
public enum MouseEvent: Hashable, Sendable {
    case wheelUp(x: Int, y: Int)
    case wheelDown(x: Int, y: Int)
    case press(x: Int, y: Int)
}

/// Something the terminal reports.
public enum Event: Hashable, Sendable {
    case key(Key)
    case mouse(MouseEvent)
    /// The window now has this many columns and rows.
    case resize(width: Int, height: Int)
}

extension Key {
    /// The key for a character read from the terminal in raw mode, mapping the control bytes
    /// (Enter is CR or LF, Tab is 9, Backspace is 127 or 8, Esc is 27, Ctrl-letters are 1–26).
    public static func fromCharacter(_ scalar: Unicode.Scalar) -> Key? {
        switch scalar.value {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26: return .control(Character(Unicode.Scalar(scalar.value + 96)!))
        case 0..<32: return nil
        default: return .character(Character(scalar))
        }
    }
}
