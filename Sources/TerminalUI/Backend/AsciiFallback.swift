/// ASCII stand-ins for the symbols the widgets draw, used when the locale is not UTF-8 and
/// curses cannot show anything else: box drawing becomes `+ - |`, block elements and shades
/// `#`, braille dots `.`, arrows `< > ^ v`, and any other non-ASCII character `?`.
public enum AsciiFallback {
    public static func scalar(for symbol: String) -> Unicode.Scalar {
        guard let first = symbol.unicodeScalars.first else { return " " }
        let v = first.value
        if v >= 0x20 && v < 0x7F { return first }
        switch v {
        case 0x2500, 0x2501, 0x2504, 0x2505, 0x2508, 0x2509, 0x254C, 0x254D, 0x2550, 0x2574, 0x2576, 0x2578, 0x257A: return "-"
        case 0x2502, 0x2503, 0x2506, 0x2507, 0x250A, 0x250B, 0x254E, 0x254F, 0x2551, 0x2575, 0x2577, 0x2579, 0x257B: return "|"
        case 0x2500...0x257F: return "+"
        case 0x2580...0x259F, 0x25A0...0x25A1: return "#"
        case 0x2800...0x28FF: return v == 0x2800 ? " " : "."
        case 0x2190, 0x25C0, 0x25C2, 0x25C4: return "<"
        case 0x2192, 0x25B6, 0x25B8, 0x25BA: return ">"
        case 0x2191, 0x25B2, 0x25B4: return "^"
        case 0x2193, 0x25BC, 0x25BE: return "v"
        case 0x00B7, 0x2022, 0x2219, 0x22C5: return "."
        case 0x2026: return "~"
        case 0x2713, 0x2714: return "*"
        case 0x2717, 0x2718: return "x"
        default: return "?"
        }
    }
}
