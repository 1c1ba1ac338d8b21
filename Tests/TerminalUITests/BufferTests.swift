import Testing
@testable import TerminalUI

@Suite struct BufferTests {
    @Test func writeClipsToMaxWidthAndBuffer() {
        var buffer = Buffer(width: 8, height: 2)
        let end = buffer.write("abcdef", x: 1, y: 0, maxWidth: 3)
        #expect(end == 4)
        buffer.write("0123456789", x: 4, y: 1)
        #expect(buffer.lines == [" abc    ", "    0123"])
    }

    @Test func wideCharacterTakesTwoCellsWithAContinuation() {
        var buffer = Buffer(width: 6, height: 1)
        buffer.write("科a", x: 0, y: 0, style: .fg(.red))
        #expect(buffer[0, 0].symbol == "科")
        #expect(buffer[0, 0].width == 2)
        #expect(buffer[1, 0].isContinuation)
        #expect(buffer[1, 0].foreground == .red)
        #expect(buffer[2, 0].symbol == "a")
        #expect(buffer.lines == ["科a   "])
        #expect(buffer.lines[0].displayWidth == 6)
    }

    @Test func wideCharacterThatDoesNotFitBecomesASpace() {
        var buffer = Buffer(width: 4, height: 1)
        buffer.fill(buffer.area, with: ".")
        let end = buffer.write("ab科", x: 0, y: 0, maxWidth: 3)
        #expect(end == 3)
        #expect(buffer.lines == ["ab ."])
        var edge = Buffer(width: 3, height: 1)
        edge.write("x科", x: 1, y: 0)
        #expect(edge.lines == [" x "])
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var buffer = Buffer(width: 4, height: 1)
        buffer.write("科技", x: 0, y: 0)
        buffer.write("x", x: 1, y: 0)  // right half of 科
        #expect(buffer.lines == [" x技"])
        buffer.write("y", x: 2, y: 0)  // left half of 技
        #expect(buffer.lines == [" xy "])
        #expect(!buffer[3, 0].isContinuation)
    }

    @Test func stylesPatchAndKeepBackground() {
        var buffer = Buffer(width: 5, height: 1)
        buffer.setStyle(Style(background: .blue), in: buffer.area)
        buffer.write("hi", x: 0, y: 0, style: Style(foreground: .yellow, attributes: .bold))
        #expect(buffer[0, 0].background == .blue)
        #expect(buffer[0, 0].foreground == .yellow)
        #expect(buffer[0, 0].attributes == .bold)
        #expect(buffer[4, 0].background == .blue)
        #expect(buffer[4, 0].foreground == .default)
    }

    @Test func spansAndAlignedLines() {
        var buffer = Buffer(width: 10, height: 2)
        buffer.write(Line([Span("ab", style: .bold), Span("cd")], alignment: .right), in: buffer.area.row(0))
        buffer.write(Line("mid", alignment: .center), in: buffer.area.row(1))
        #expect(buffer.lines == ["      abcd", "   mid    "])
        #expect(buffer[6, 0].attributes == .bold)
        #expect(buffer[8, 0].attributes == [])
    }

    @Test func findLocatesTextByDisplayColumn() {
        var buffer = Buffer(width: 12, height: 2)
        buffer.write("科技 news", x: 1, y: 1)
        #expect(buffer.find("news")! == (x: 6, y: 1))
        #expect(buffer.text == "\n 科技 news")
    }
}

@Suite struct BufferEdgeTests {
    @Test func textStartingLeftOfTheBufferIsClipped() {
        var buffer = Buffer(width: 5, height: 1)
        buffer.fill(buffer.area, with: ".")
        buffer.write("abc", x: -1, y: 0)
        #expect(buffer.lines == ["bc..."])
        buffer.write("科技x", x: -1, y: 0)  // half of 科 is off screen: its visible half is blank
        #expect(buffer.lines == [" 技x."])
    }

    @Test func writesOutsideTheBufferAreIgnored() {
        var buffer = Buffer(width: 3, height: 1)
        #expect(buffer.write("abc", x: 0, y: 5) == 0)
        buffer.set("x", x: 9, y: 0)
        buffer.setStyle(.bold, in: Rect(x: 5, y: 5, width: 3, height: 3))
        #expect(buffer == Buffer(width: 3, height: 1))
        #expect(Buffer(width: 0, height: 0).lines == [])
    }

    @Test func eraseSplitsWideGraphemesAtItsEdges() {
        var buffer = Buffer(width: 6, height: 1)
        buffer.write("科技新", x: 0, y: 0)
        buffer.erase(Rect(x: 1, y: 0, width: 2, height: 1))  // right half of 科, left half of 技
        #expect(buffer.lines == ["    新"])
        #expect(!buffer[3, 0].isContinuation && buffer[0, 0].width == 1)
        #expect(buffer[4, 0].symbol == "新" && buffer[5, 0].isContinuation)
    }
}
