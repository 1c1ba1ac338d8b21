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

@Suite struct DisplayWidthFastPathTests {
    /// The scalar fast path must agree with the grapheme path wherever it applies.
    @Test func simpleScalarsAreSingleGraphemesOfTheSameWidth() {
        let samples = "Aé·科技新闻한국어ひらがなカタカナΩЖжё─│┌█▓░⣿←→≤≥、。（）…—"
        for scalar in samples.unicodeScalars {
            #expect(DisplayWidth.isSimple(scalar), "\(scalar)")
            #expect(DisplayWidth.of(Character(scalar)) == DisplayWidth.of(scalar))
        }
        // Scalars that combine with their neighbours are never simple.
        for v: UInt32 in [0x301, 0x200D, 0xFE0F, 0x1F3FB, 0x1F1E6, 0x11A8, 0x0A, 0x7F] {
            #expect(!DisplayWidth.isSimple(Unicode.Scalar(v)!), "U+\(String(v, radix: 16))")
        }
    }

    @Test func bufferWritesTheSameWithOrWithoutTheFastPath() {
        var fast = Buffer(width: 12, height: 1)
        fast.write("科技 Жж ─█", x: 0, y: 0)
        var slow = Buffer(width: 12, height: 1)
        slow.write("科技 Жж ─█e\u{301}", x: 0, y: 0)  // the combining mark forces the grapheme path
        #expect(fast.lines == ["科技 Жж ─█  "])
        #expect(slow.lines == ["科技 Жж ─█e\u{301} "])
        #expect(Array(fast.cells.prefix(10)) == Array(slow.cells.prefix(10)))
    }
}
