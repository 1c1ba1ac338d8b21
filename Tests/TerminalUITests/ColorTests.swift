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
