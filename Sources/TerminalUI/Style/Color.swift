/// A terminal colour, independent of what the terminal can show. The backend (and colour-aware
/// widgets) map it down to the `ColorMode` in use with `resolved(for:)`.
public enum Color: Hashable, Sendable {
    /// The terminal's own foreground or background (curses colour -1).
    case `default`
    /// One of the 16 ANSI colours: 0–7 normal, 8–15 bright.
    case ansi(UInt8)
    /// An entry of the xterm 256-colour palette.
    case indexed(UInt8)
    /// A true colour, shown as the nearest 256-palette entry.
    case rgb(UInt8, UInt8, UInt8)

    public static let black = Color.ansi(0)
    public static let red = Color.ansi(1)
    public static let green = Color.ansi(2)
    public static let yellow = Color.ansi(3)
    public static let blue = Color.ansi(4)
    public static let magenta = Color.ansi(5)
    public static let cyan = Color.ansi(6)
    public static let white = Color.ansi(7)
    public static let brightBlack = Color.ansi(8)
    public static let brightRed = Color.ansi(9)
    public static let brightGreen = Color.ansi(10)
    public static let brightYellow = Color.ansi(11)
    public static let brightBlue = Color.ansi(12)
    public static let brightMagenta = Color.ansi(13)
    public static let brightCyan = Color.ansi(14)
    public static let brightWhite = Color.ansi(15)
    public static let gray = Color.brightBlack

    /// This colour as the terminal in `mode` can show it: `.default` when there is no colour,
    /// the nearest of 8 or 16 ANSI colours, or a palette index for 256 colours.
    public func resolved(for mode: ColorMode) -> Color {
        switch (self, mode) {
        case (.default, _), (_, .none): return .default
        case (.ansi(let n), .basic8): return .ansi(n & 7)
        case (.ansi, _): return self
        case (.indexed(let n), .indexed256): return .indexed(n)
        case (.rgb(let r, let g, let b), .indexed256): return .indexed(Palette.nearestIndex(r, g, b))
        case (_, .basic8), (_, .basic16):
            guard let (r, g, b) = rgbValue else { return .default }
            return .ansi(Palette.nearestANSI(r, g, b, count: mode == .basic8 ? 8 : 16))
        }
    }

    /// The colour's approximate RGB value (xterm's palette), or nil for `.default`.
    public var rgbValue: (UInt8, UInt8, UInt8)? {
        switch self {
        case .default: return nil
        case .ansi(let n): return Palette.rgb(ofIndex: n & 15)
        case .indexed(let n): return Palette.rgb(ofIndex: n)
        case .rgb(let r, let g, let b): return (r, g, b)
        }
    }

    /// Perceived brightness 0…1 (Rec. 601 luma); used to pick readable text on a background.
    public var luminance: Double {
        guard let (r, g, b) = rgbValue else { return 0 }
        return (0.299 * Double(r) + 0.587 * Double(g) + 0.114 * Double(b)) / 255
    }

    /// Black or white, whichever reads better on this colour as a background.
    public var contrastingText: Color { luminance > 0.5 ? .black : .brightWhite }
}

/// What colours the terminal can show, chosen once at startup by the backend.
public enum ColorMode: Hashable, Sendable, CaseIterable {
    /// No colour (`NO_COLOR` is set, or the terminal has none): attributes and glyphs only.
    case none
    /// The 8 basic ANSI colours.
    case basic8
    /// The 16 ANSI colours.
    case basic16
    /// The xterm 256-colour palette.
    case indexed256

    /// Picks the mode from the terminal's colour count and the `NO_COLOR` convention
    /// (https://no-color.org: set and non-empty disables colour).
    public static func detect(colorCount: Int, noColor: String?) -> ColorMode {
        if let noColor, !noColor.isEmpty { return .none }
        if colorCount >= 256 { return .indexed256 }
        if colorCount >= 16 { return .basic16 }
        if colorCount >= 8 { return .basic8 }
        return .none
    }

    public var hasColor: Bool { self != .none }
}

/// The xterm palette, for mapping between colour spaces.
enum Palette {
    static let ansiRGB: [(UInt8, UInt8, UInt8)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]
    static let cubeLevels: [UInt8] = [0, 95, 135, 175, 215, 255]

    static func rgb(ofIndex n: UInt8) -> (UInt8, UInt8, UInt8) {
        if n < 16 { return ansiRGB[Int(n)] }
        if n >= 232 {
            let level = UInt8(8 + 10 * (Int(n) - 232))
            return (level, level, level)
        }
        let i = Int(n) - 16
        return (cubeLevels[i / 36], cubeLevels[(i / 6) % 6], cubeLevels[i % 6])
    }

    static func distance(_ a: (UInt8, UInt8, UInt8), _ b: (UInt8, UInt8, UInt8)) -> Int {
        let dr = Int(a.0) - Int(b.0), dg = Int(a.1) - Int(b.1), db = Int(a.2) - Int(b.2)
        return dr * dr + dg * dg + db * db
    }

    /// Nearest 256-palette entry among the colour cube and the gray ramp (not the 16 ANSI
    /// colours, whose RGB values vary between terminals). Chromatic colours stay in the cube:
    /// plain RGB distance would turn dark saturated colours (viridis' purple) into grays.
    static func nearestIndex(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
        func level(_ c: UInt8) -> Int { c < 48 ? 0 : c < 115 ? 1 : (Int(c) - 35) / 40 }
        let cube = UInt8(16 + 36 * level(r) + 6 * level(g) + level(b))
        let spread = Int(max(r, g, b)) - Int(min(r, g, b))
        guard spread <= 24 else { return cube }
        let average = (Int(r) + Int(g) + Int(b)) / 3
        let grayStep = min(23, max(0, (average - 3) / 10))
        let gray = UInt8(232 + grayStep)
        let target = (r, g, b)
        return distance(rgb(ofIndex: cube), target) <= distance(rgb(ofIndex: gray), target) ? cube : gray
    }

    static func nearestANSI(_ r: UInt8, _ g: UInt8, _ b: UInt8, count: Int) -> UInt8 {
        var best: UInt8 = 0
        var bestDistance = Int.max
        for i in 0..<count {
            let d = distance(ansiRGB[i], (r, g, b))
            if d < bestDistance { bestDistance = d; best = UInt8(i) }
        }
        return best
    }
}
