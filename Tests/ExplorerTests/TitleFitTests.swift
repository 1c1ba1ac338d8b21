import InterestData
import InterestModel
import TerminalUI
import Testing
@testable import Explorer

/// Issue 10: titles cut with "…" at words, and the file name of a checkpoint preferred to its folder.
@Suite struct TitleFitTests {
    /// At 80×24 the subtitle lost its ")" and the top bar read "model: sample-…": titles are cut
    /// at words with "…", and a checkpoint path shows its file name.
    @Test func titlesAreCutAtWordsAndPreferTheFileName() {
        var state = Fixtures.state()
        state.model?.origin = Fixtures.sampleDirectory + "/model.safetensors"
        Fixtures.press(.character("3"), into: &state)
        let frame = Fixtures.frame(state)
        // Six tabs padded take 73 of 80 columns; unpadded (61) they leave 17 beside them: the
        // file name without its extension. Clicks find the tabs where they are drawn.
        #expect(frame.line(0).hasPrefix("1 Users│2 Interests│3 Attention│4 Transfer│5 Training│6 Cases"), "\(frame.line(0))")
        #expect(frame.line(0).hasSuffix("model: model"))
        var clicked = state
        _ = update(&clicked, .mouse(.press(x: 58, y: 0)))
        #expect(clicked.screen == .cases, "column 58 is in \"6 Cases\" on the unpadded bar")
        var wider = state
        _ = update(&wider, .resized(width: 100, height: 24))
        #expect(Fixtures.frame(wider).line(0).hasSuffix("model: model.safetensors"))
        // The top bar, the block title and the maps' titles (the words below wrap, so a
        // parenthesis may close on the next line there).
        for y in 0..<3 {
            let line = frame.line(y)
            #expect(line.filter { $0 == "(" }.count == line.filter { $0 == ")" }.count, "unbalanced: \(line)")
        }
        #expect(TextFit.ellipsizeWords("learned (row = target, column = source)", to: 30) == "learned (row = target, column…")
        #expect(TextFit.ellipsizeWords("Attention · u0001 王磊 Wang Lei · head average", to: 30) == "Attention · u0001 王磊 Wang…")
        #expect(modelOriginText("sample-data/model.safetensors", width: 20) == "model.safetensors")
        // A block title too long for its border is cut at a word, with "…".
        var buffer = Buffer(width: 30, height: 3)
        buffer.render(Block("Interests · u0001 王磊 Wang Lei · city: 杭州 Hangzhou", borders: .rounded), in: buffer.area)
        #expect(buffer.line(0) == "╭ Interests · u0001 王磊… ───╮")
    }
}
