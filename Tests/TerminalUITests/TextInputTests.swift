import Testing
@testable import TerminalUI

@Suite struct TextInputTests {
    @Test func editingKeys() {
        var input = TextInput()
        for c in "科技x" { input.handle(.character(c)) }
        #expect(input.text == "科技x" && input.cursor == 3)
        input.handle(.left)
        input.handle(.backspace)
        #expect(input.text == "科x" && input.cursor == 1)
        input.handle(.home)
        input.handle(.character("a"))
        #expect(input.text == "a科x" && input.cursor == 1)
        input.handle(.delete)
        #expect(input.text == "ax")
        input.handle(.end)
        input.handle(.backspace)
        #expect(input.text == "a" && input.cursor == 1)
        input.handle(.control("u"))
        #expect(input.text == "" && input.cursor == 0)
        input.handle(.backspace)  // nothing to delete: still handled, no crash
        #expect(input.handle(.enter) == false)
        #expect(input.handle(.escape) == false)
    }

    @Test func fieldShowsPromptTextAndCursor() {
        var input = TextInput("科技")
        input.handle(.left)
        let buffer = Buffer.rendering(TextField(input, prompt: "/"), width: 8, height: 1)
        #expect(buffer.lines == ["/科技   "])
        #expect(buffer[3, 0].attributes.contains(.reverse))  // the cursor is on 技
        #expect(!buffer[1, 0].attributes.contains(.reverse))
    }

    @Test func longTextScrollsToKeepTheCursorVisible() {
        let buffer = Buffer.rendering(TextField(TextInput("abcdefghij"), prompt: "> "), width: 8, height: 1)
        #expect(buffer.lines == ["> fghij "])
        #expect(buffer[7, 0].attributes.contains(.reverse))
    }

    @Test func placeholderWhenEmpty() {
        let buffer = Buffer.rendering(TextField(TextInput(), prompt: "/", placeholder: "id or name"), width: 14, height: 1)
        #expect(buffer.lines == ["/id or name   "])
        #expect(buffer[1, 0].attributes == [.dim, .reverse])
    }
}

@Suite struct DialogAndStatusTests {
    @Test func confirmDialogAsksInTheMiddle() {
        var buffer = Buffer(width: 40, height: 9)
        buffer.fill(buffer.area, with: ".")
        buffer.render(ConfirmDialog(title: "Quit", message: "Training is running. Quit anyway?", choices: "y quit · n stay"))
        #expect(Array(buffer.lines[2...6]) == [
            ".╭ Quit ─────────────────────────────╮..",
            ".│ Training is running. Quit anyway? │..",
            ".│                                   │..",
            ".│          y quit · n stay          │..",
            ".╰───────────────────────────────────╯..",
        ])
    }

    @Test func statusBarKeepsTheRightSide() {
        let buffer = Buffer.rendering(StatusBar(left: "users.csv · 1000 users", right: "? help"), width: 20, height: 1)
        #expect(buffer.lines == ["users.csv · 1 ? help"])
        #expect(buffer[0, 0].attributes == .reverse)
    }

    @Test func lineChartLegendNamesEachSeries() {
        let chart = LineChart([.init("train", values: [1, 0], style: .fg(.cyan)), .init("val", values: [1, 1], style: .fg(.yellow))], showsLegend: true)
        let buffer = Buffer.rendering(chart, width: 24, height: 5)
        #expect(buffer.lines[0].hasSuffix("━ train  ━ val"))
        #expect(buffer[buffer.column(of: "━ val", inRow: 0)!, 0].foreground == .yellow)
    }
}
