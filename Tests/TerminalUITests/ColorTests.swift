import Testing
@testable import TerminalUI

@Suite struct ColorTests {
    @Test func modeFromTerminalAndNoColor() {
        #expect(ColorMode.detect(colorCount: 256, noColor: nil) == .indexed256)
        #expect(ColorMode.detect(colorCount: 256, noColor: "1") == ColorMode.none)
        #expect(ColorMode.detect(colorCount: 256, noColor: "") == .indexed256)  // empty means unset
        #expect(ColorMode.detect(colorCount: 16, noColor: nil) == .basic16)
        #expect(ColorMode.detect(colorCount: 8, noColor: nil) == .basic8)
        #expect(ColorMode.detect(colorCount: 0, noColor: nil) == ColorMode.none)
    }

    @Test func colorsDegradeToWhatTheModeShows() {
        #expect(Color.rgb(255, 0, 0).resolved(for: .indexed256) == .indexed(196))
        #expect(Color.rgb(255, 0, 0).resolved(for: .basic16) == .ansi(9))
        #expect(Color.rgb(200, 0, 0).resolved(for: .basic8) == .red)
        #expect(Color.brightRed.resolved(for: .basic8) == .red)
        #expect(Color.indexed(21).resolved(for: .basic8) == .blue)  // pure blue of the cube
        #expect(Color.indexed(244).resolved(for: .indexed256) == .indexed(244))
        #expect(Color.red.resolved(for: .none) == .default)
        #expect(Color.rgb(128, 128, 128).resolved(for: .indexed256) == .indexed(244))
    }

    @Test func contrastingTextIsReadable() {
        #expect(Color.indexed(226).contrastingText == .black)  // bright yellow
        #expect(Color.indexed(17).contrastingText == .brightWhite)  // dark blue
    }
}

@Suite struct ColorScaleTests {
    @Test func rgbMapsToChromaticCubeEntries() {
        #expect(Color.rgb(68, 1, 84).resolved(for: .indexed256) == .indexed(53))  // not a gray
        #expect(Color.rgb(100, 100, 104).resolved(for: .indexed256) == .indexed(241))  // near-neutral: gray ramp
    }

    @Test func viridisStaysChromaticIn256Colours() {
        // Every step of the scale is a colour-cube entry (16…231), never a gray (232…255).
        for i in 0...20 {
            guard case .indexed(let n) = ColorScale.viridis.color(Double(i) / 20, mode: .indexed256)! else {
                Issue.record("not a palette index"); continue
            }
            #expect((16...231).contains(n), "t=\(Double(i) / 20) → \(n)")
        }
        #expect(ColorScale.viridis.color(0, mode: .indexed256) == .indexed(53))  // dark purple
        #expect(ColorScale.viridis.color(1, mode: .indexed256) == .indexed(226))  // yellow
    }

    @Test func scaleIsOrderedByBrightness() {
        let lows = (0...24).map { ColorScale.viridis.color(Double($0) / 24, mode: .indexed256)!.luminance }
        #expect(lows == lows.sorted())
    }

    @Test func shadesByQuartile() {
        #expect([0, 0.24, 0.25, 0.5, 0.74, 0.75, 1].map(ColorScale.shade) == ["░", "░", "▒", "▓", "▓", "█", "█"])
        #expect(ColorScale.viridis.color(0.5, mode: .none) == nil)
    }
}
