import Testing
@testable import TerminalUI

@Suite struct SafeTextTests {
    @Test func controlCharactersAreShownNotObeyed() {
        #expect(SafeText.printable("a\u{1B}]0;title\u{07}b\u{1B}[2J\rc") == "a\\u{1B}]0;title\\u{07}b\\u{1B}[2J\\u{0D}c")
        #expect(SafeText.printable("\u{9B}x\u{202E}y\u{7F}") == "\\u{9B}x\\u{202E}y\\u{7F}")
        #expect(SafeText.printable("新闻 news\ttab 🎉") == "新闻 news\ttab 🎉")
        #expect(SafeText.printableLines("one\u{1B}\ntwo") == "one\\u{1B}\ntwo")
    }
}
