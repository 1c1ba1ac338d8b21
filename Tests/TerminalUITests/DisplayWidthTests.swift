import Testing
@testable import TerminalUI

@Suite struct DisplayWidthTests {
    @Test func asciiIsOneColumnPerCharacter() {
        #expect("hello".displayWidth == 5)
        #expect("".displayWidth == 0)
    }

    @Test func cjkHangulAndFullwidthAreTwoColumns() {
        #expect("科技".displayWidth == 4)
        #expect("新闻 news".displayWidth == 9)
        #expect("한국".displayWidth == 4)
        #expect("ＡＢ".displayWidth == 4)  // fullwidth forms
        #expect("ｶﾀ".displayWidth == 2)  // halfwidth katakana stay narrow
    }

    @Test func combiningMarksAndZeroWidthTakeNothing() {
        #expect("e\u{301}".displayWidth == 1)  // é as e + combining acute
        #expect("a\u{200B}b".displayWidth == 2)
        #expect("\u{7}".displayWidth == 0)
    }

    @Test func emojiAreWide() {
        #expect("🙂".displayWidth == 2)
        #expect("👍🏽".displayWidth == 2)  // with skin tone modifier: one cluster
        #expect("❤️".displayWidth == 2)  // text-default heart + VS16
        #expect("❤".displayWidth == 1)
    }

    @Test func boxAndBlockGlyphsAreNarrow() {
        #expect("┌─┐│▁▂▃█░▒▓⣿…→".displayWidth == 14)
    }

    @Test func fittingMeasuresColumnsNotCharacters() {
        #expect(TextFit.truncate("科技新闻", to: 5) == "科技")
        #expect(TextFit.ellipsize("科技新闻", to: 5) == "科技…")
        #expect(TextFit.pad("科技", to: 6) == "科技  ")
        #expect(TextFit.pad("42", to: 5, alignment: .right) == "   42")
        #expect(TextFit.pad("ab", to: 6, alignment: .center) == "  ab  ")
    }
}
