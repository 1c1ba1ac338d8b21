import Testing
@testable import TerminalUI

@Suite struct BarAndSparklineTests {
    @Test func barsUseEighthBlocksAndKeepTheirWidth() {
        #expect(BarGlyphs.bar(0.5, width: 3) == "█▌ ")
        #expect(BarGlyphs.bar(1, width: 2) == "██")
        #expect(BarGlyphs.bar(0, width: 2) == "  ")
        #expect(BarGlyphs.bar(1.0 / 16, width: 2) == "▏ ")
        #expect(BarGlyphs.bar(7, width: 2) == "██")  // clamped
        #expect(BarGlyphs.bar(.nan, width: 1) == " ")
    }

    @Test func sparklineStacksEighthsOverRows() {
        let buffer = Buffer.rendering(Sparkline([1, 2, 3, 4, 5, 6, 7, 8], maximum: 8), width: 8, height: 2)
        #expect(buffer.lines == ["    ▂▄▆█", "▂▄▆█████"])
        #expect(BarGlyphs.sparkline([0, 4, 8]) == " ▄█")
    }

    @Test func sparklineShowsTheNewestValuesWhenTooMany() {
        let buffer = Buffer.rendering(Sparkline([8, 8, 0, 8], maximum: 8), width: 2, height: 1)
        #expect(buffer.lines == [" █"])
    }

    @Test func horizontalBarWidget() {
        let buffer = Buffer.rendering(HorizontalBar(value: 3, maximum: 4, style: .fg(.green)), width: 4, height: 1)
        #expect(buffer.lines == ["███ "])
        #expect(buffer[0, 0].foreground == .green)
    }
}

@Suite struct LineChartTests {
    @Test func brailleDotsFollowTheLine() {
        // Plot is 4×2 cells = 8×8 dots; the line runs from dot (0,7) to (7,0).
        let chart = LineChart([.init("l", values: [0, 1])], yBounds: 0...1, decimals: 0)
        let buffer = Buffer.rendering(chart, width: 6, height: 4)
        #expect(buffer.lines == [
            "1│  ⡠⠊",
            "0│⡠⠊  ",
            " └────",
            "  0  1",
        ])
        // ⡠ = dots 6 and 7: (1,6) and (0,7) of its cell; ⠊ = dots 2 and 4: (0,5) and (1,4).
        #expect(buffer[2, 1].symbol == "\u{2860}")
        #expect(buffer[3, 1].symbol == "\u{280A}")
    }

    @Test func lossCurveWithAxisLabels() {
        let loss = [0.69, 0.5, 0.4, 0.35, 0.3, 0.28, 0.27, 0.26]
        let buffer = Buffer.rendering(LineChart([.init("loss", values: loss, style: .fg(.cyan))]), width: 20, height: 6)
        #expect(buffer.lines == [
            "0.69│⠱⡀             ",
            "0.48│ ⠱⡀            ",
            "    │  ⠈⠒⢄⡀         ",
            "0.26│     ⠈⠉⠒⠤⠤⠤⢄⣀⣀⣀",
            "    └───────────────",
            "     0             7",
        ])
        #expect(buffer[5, 0].foreground == .cyan)
        #expect(buffer[4, 0].attributes == .dim)  // the axis
    }

    @Test func blockFallbackUsesHalfBlocks() {
        let loss = [0.69, 0.5, 0.4, 0.35, 0.3, 0.28, 0.27, 0.26]
        let buffer = Buffer.rendering(LineChart([.init("loss", values: loss)], marker: .block), width: 20, height: 6)
        #expect(buffer.lines[0...3] == [
            "0.69│▀▄             ",
            "0.48│ ▀▄            ",
            "    │   ▀▄          ",
            "0.26│     ▀▀▀▀▄▄▄▄▄▄",
        ])
    }

    @Test func numbersFormatWithoutFoundation() {
        #expect(formatNumber(0.405, decimals: 2) == "0.41" || formatNumber(0.405, decimals: 2) == "0.40")
        #expect(formatNumber(-0.5, decimals: 1) == "-0.5")
        #expect(formatNumber(-0.001, decimals: 2) == "0.00")
        #expect(formatNumber(12, decimals: 0) == "12")
        #expect(formatNumber(3.14159, decimals: 3) == "3.142")
        #expect(formatNumber(1.05, decimals: 2) == "1.05")
    }
}

@Suite struct HeatmapTests {
    static let map = Heatmap(
        values: [[0.62, 0.21, 0.17], [0.33, 0.5, 0.17], [0.1, 0.3, 0.6]],
        rowLabels: ["科技", "新闻", "体育"], columnLabels: ["科技", "新闻", "体育"], range: 0...1, cursor: (0, 0))

    @Test func valuesLabelsAndBackgroundsIn256Colours() {
        let buffer = Buffer.rendering(Self.map, width: 30, height: 6)
        #expect(buffer.lines == [
            "      科技   新闻   体育      ",
            "科技 [0.62]  0.21   0.17      ",
            "新闻  0.33   0.50   0.17      ",
            "体育  0.10   0.30   0.60      ",
            "                              ",
            "0.00                  1.00    ",
        ])
        // The 0.50 cell: its background comes from the scale at 0.5, text contrasts with it.
        let (x, y) = buffer.find("0.50")!
        let expected = ColorScale.viridis.color(0.5, mode: .indexed256)!
        #expect(buffer[x, y].background == expected)
        #expect(buffer[x, y].foreground == expected.contrastingText)
        if case .indexed = expected {} else { Issue.record("256-colour mode must give a palette index") }
        // Low and high values differ, and the gutter between cells stays uncoloured.
        #expect(buffer[buffer.find("0.10")!.x, 3].background != buffer[buffer.find("0.60")!.x, 3].background)
        #expect(buffer[11, 2].background == .default)
        // The cursor cell is bracketed and bold; its row and column labels are underlined.
        #expect(buffer[6, 1].attributes.contains(.bold))
        #expect(buffer[0, 1].attributes.contains(.underline))
        #expect(!buffer[0, 2].attributes.contains(.underline))
        // Legend: a gradient of backgrounds between the ends of the range.
        #expect(buffer[5, 5].background == ColorScale.viridis.color(0, mode: .indexed256))
        #expect(buffer[20, 5].background == ColorScale.viridis.color(1, mode: .indexed256))
    }

    @Test func eightColourModeUsesBasicColours() {
        let buffer = Buffer.rendering(Self.map, width: 30, height: 6, colorMode: .basic8)
        let (x, y) = buffer.find("0.62")!
        #expect(buffer[x, y].background == .green)  // 0.62 falls in the third of four colours
        #expect(buffer[buffer.find("0.10")!.x, 3].background == .blue)
        #expect(buffer[buffer.find("0.10")!.x, 3].foreground == .brightWhite)
    }

    @Test func noColourModeUsesShadesAndNumbers() {
        let buffer = Buffer.rendering(Self.map, width: 30, height: 6, colorMode: .none)
        #expect(buffer.lines == [
            "      科技    新闻    体育    ",
            "科技 [▓0.62]  ░0.21   ░0.17   ",
            "新闻  ▒0.33   ▓0.50   ░0.17   ",
            "体育  ░0.10   ▒0.30   ▓0.60   ",
            "                              ",
            "0.00 ░░░░▒▒▒▒▓▓▓▓████ 1.00    ",
        ])
        #expect(buffer.cells.allSatisfy { $0.background == .default && $0.foreground == .default })
        #expect(buffer[6, 1].attributes.contains(.reverse))  // the cursor still stands out
    }

    @Test func columnsThatDoNotFitAreLeftOutNotSquashed() {
        let buffer = Buffer.rendering(Self.map, width: 18, height: 4)
        // 18 columns: the labels (4 + 1) and one 7-column cell; a second cell would need 19.
        #expect(buffer.lines[1] == "科技 [0.62]       ")
        #expect(!buffer.text.contains("0.2"))
    }
}

@Suite struct ProgressAndHelpTests {
    @Test func progressBarFillsAndCentersItsLabel() {
        let buffer = Buffer.rendering(ProgressBar(fraction: 0.42, label: "epoch 3/10", style: .fg(.green)), width: 30, height: 1)
        #expect(buffer.lines == ["        epoch 3/10 42%        "])
        // 42% of 30 cells: 12 filled cells (reversed), label text over them reversed as well.
        for x in 0..<12 { #expect(buffer[x, 0].attributes.contains(.reverse)) }
        #expect(buffer[11, 0].symbol == "c")
        #expect(!buffer[12, 0].attributes.contains(.reverse))
        #expect(buffer[12, 0].attributes.contains(.bold))
        #expect(buffer[0, 0].foreground == .green)
        #expect(!buffer[29, 0].attributes.contains(.reverse))
    }

    @Test func progressEdgeUsesAnEighthBlock() {
        let buffer = Buffer.rendering(ProgressBar(fraction: 0.3, showsPercentage: false), width: 5, height: 1)
        #expect(buffer.lines == [" ▌   "])  // 1.5 cells: one reversed space, then a half block
        #expect(buffer[0, 0].attributes.contains(.reverse))
    }

    enum Action: Equatable { case up, down, close, quit }
    static let keys = KeyMap<Action>([
        KeyBinding([.up, .character("k")], "move up", action: .up, section: "Move"),
        KeyBinding([.down, .character("j")], "move down", action: .down, section: "Move"),
        KeyBinding([.character("?")], "close help", action: .close),
        KeyBinding([.character("q"), .ctrlC], "quit", action: .quit),
    ])

    @Test func helpOverlayIsBuiltFromTheKeyMap() {
        let buffer = Buffer.rendering(HelpOverlay(Self.keys, title: "Keys: Users"), width: 40, height: 12)
        #expect(buffer.lines[2...9] == [
            "        ╭ Keys: Users ─────────╮        ",
            "        │ Move                 │        ",
            "        │ ↑ k       move up    │        ",
            "        │ ↓ j       move down  │        ",
            "        │                      │        ",
            "        │ ?         close help │        ",
            "        │ q Ctrl-C  quit       │        ",
            "        ╰──── Esc or ? closes ─╯        ",
        ])
        // Every binding appears with its keys, and each key shown dispatches that binding's action.
        for binding in Self.keys.bindings {
            guard let (x, y) = buffer.find(binding.description) else { Issue.record("missing \(binding.description)"); continue }
            #expect(buffer.column(of: binding.keysText, inRow: y)! < x)
            for key in binding.keys { #expect(Self.keys.action(for: key) == binding.action) }
        }
    }

    @Test func helpFlowsIntoColumnsWhenShort() {
        let buffer = Buffer.rendering(HelpOverlay(Self.keys), width: 60, height: 6)
        #expect(buffer.lines[2] == "      │ ↑ k       move up      ?         close help │       ")
    }

    @Test func helpOverlayCoversWhatIsBehindIt() {
        var buffer = Buffer(width: 40, height: 12)
        buffer.fill(buffer.area, with: "x", style: .fg(.red))
        buffer.render(HelpOverlay(Self.keys))
        #expect(buffer[12, 6].symbol == " ")  // the blank row between sections
        #expect(buffer[12, 6].foreground == .default)
        #expect(buffer[0, 4].symbol == "x")
    }
}

@Suite struct BarChartTests {
    @Test func labelledBarsAlignByDisplayWidth() {
        let chart = BarChart([.init("科技", 0.42, style: .fg(.cyan)), .init("news", 0.21), .init("体育", 0, valueText: "none")], maximum: 0.42)
        let buffer = Buffer.rendering(chart, width: 20, height: 3)
        #expect(buffer.lines == [
            "科技 ██████████ 0.42",
            "news █████      0.21",
            "体育            none",
        ])
        #expect(buffer[5, 0].foreground == .cyan)
        #expect(buffer[5, 1].foreground == .default)
    }
}

@Suite struct HelpOverlayLayoutTests {
    @Test func manyBindingsShareTheWidthInColumns() {
        let bindings = (0..<30).map { i in
            KeyBinding([.character(Character(Unicode.Scalar(UInt8(65 + i % 26))))], "a fairly long description number \(i)", action: i)
        }
        let buffer = Buffer.rendering(HelpOverlay(KeyMap(bindings)), width: 80, height: 20)
        // Two columns of 15 rows inside the 80 columns; descriptions cut with "…", keys kept.
        #expect(buffer.lines[2] == "│ A  a fairly long description number…   P  a fairly long description number… │ ")
        #expect(buffer.lines[16].hasPrefix("│ O  a fairly long"))
        #expect(buffer.column(of: "D  a fairly long", inRow: 16)! > 40)  // the 30th binding, second column
    }

    /// When descriptions would be cut to a few letters, droppable sections give way (in order)
    /// and the footer says where they are; with room enough they stay.
    @Test func droppableSectionsGiveWayBeforeDescriptionsBecomeUnreadable() {
        let own = (0..<24).map { i in KeyBinding([.character(Character(Unicode.Scalar(UInt8(65 + i))))], "what this screen's key \(i) does", action: i, section: "Own") }
        let shared = (0..<12).map { i in KeyBinding([.character(Character(Unicode.Scalar(UInt8(97 + i))))], "what a shared key \(i) does", action: 100 + i, section: "Shared") }
        let help = HelpOverlay(KeyMap(own + shared), droppable: ["Shared"], droppedNote: "a–l: every screen")
        let small = Buffer.rendering(help, width: 80, height: 20)
        #expect(!small.text.contains("Shared") && small.text.contains("what this screen's key 23 does"), "\(small.text)")
        #expect(small.text.contains("a–l: every screen · Esc or ? closes"))
        let large = Buffer.rendering(help, width: 200, height: 60)
        #expect(large.text.contains("Shared") && large.text.contains("what a shared key 11 does") && !large.text.contains("every screen"))
    }
}
