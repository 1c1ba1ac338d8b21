/// Maps a value in 0…1 to a colour in every colour mode, and to a shade glyph when there is
/// no colour, so heatmaps and legends stay readable on any terminal.
public struct ColorScale: Hashable, Sendable {
    /// RGB stops, evenly spaced from 0 to 1 (`interpolated`, for true-colour uses).
    public var stops: [Color]
    /// Palette entries for 256-colour terminals, from low to high: chosen by hand so brightness
    /// rises steadily (quantising the RGB stops to the 6×6×6 cube does not keep the order).
    public var indexed256: [UInt8]
    /// Colours for 16-colour terminals, from low to high.
    public var basic16: [Color]
    /// Colours for 8-colour terminals, from low to high.
    public var basic8: [Color]

    public init(stops: [Color], indexed256: [UInt8], basic16: [Color], basic8: [Color]) {
        self.stops = stops
        self.indexed256 = indexed256
        self.basic16 = basic16
        self.basic8 = basic8
    }

    /// Sequential scale from dark blue through teal and green to yellow (viridis): low values
    /// recede, high values stand out, and it stays ordered for colour-blind readers.
    public static let viridis = ColorScale(
        stops: [.rgb(68, 1, 84), .rgb(59, 82, 139), .rgb(33, 145, 140), .rgb(94, 201, 98), .rgb(253, 231, 37)],
        indexed256: [53, 54, 24, 25, 31, 36, 72, 77, 113, 149, 185, 226],
        basic16: [.blue, .brightBlue, .cyan, .green, .brightGreen, .yellow, .brightYellow],
        basic8: [.blue, .cyan, .green, .yellow])

    /// Diverging scale: blue for low, neutral in the middle, red for high (changes, deltas).
    public static let diverging = ColorScale(
        stops: [.rgb(33, 102, 172), .rgb(146, 197, 222), .rgb(230, 230, 230), .rgb(244, 165, 130), .rgb(178, 24, 43)],
        indexed256: [25, 32, 74, 153, 254, 223, 216, 203, 160, 124],
        basic16: [.blue, .brightBlue, .white, .brightRed, .red],
        basic8: [.blue, .cyan, .white, .yellow, .red])

    /// Shade glyphs from low to high for colourless terminals.
    public static let shades = ["░", "▒", "▓", "█"]

    /// The shade glyph for `t` (clamped to 0…1): quartiles map to ░ ▒ ▓ █.
    public static func shade(_ t: Double) -> String {
        shades[min(shades.count - 1, Int(BarGlyphs.clamp(t) * Double(shades.count)))]
    }

    /// The colour for `t` (clamped to 0…1) as `mode` shows it, or nil when there is no colour.
    public func color(_ t: Double, mode: ColorMode) -> Color? {
        let t = BarGlyphs.clamp(t)
        func pick(_ list: [Color]) -> Color { list[min(list.count - 1, Int(t * Double(list.count)))] }
        switch mode {
        case .none: return nil
        case .basic8: return pick(basic8)
        case .basic16: return pick(basic16)
        case .indexed256:
            return indexed256.isEmpty ? interpolated(t).resolved(for: .indexed256) : pick(indexed256.map { .indexed($0) })
        }
    }

    /// The RGB colour at `t` between the two nearest stops.
    public func interpolated(_ t: Double) -> Color {
        guard stops.count > 1 else { return stops.first ?? .default }
        let position = BarGlyphs.clamp(t) * Double(stops.count - 1)
        let i = min(stops.count - 2, Int(position))
        let f = position - Double(i)
        guard let a = stops[i].rgbValue, let b = stops[i + 1].rgbValue else { return stops[i] }
        func mix(_ x: UInt8, _ y: UInt8) -> UInt8 { UInt8((Double(x) + (Double(y) - Double(x)) * f).rounded()) }
        return .rgb(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
    }
}
