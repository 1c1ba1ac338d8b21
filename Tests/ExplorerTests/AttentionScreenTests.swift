import InterestData
import InterestModel
import TerminalUI
import Testing
@testable import Explorer

@Suite struct AttentionScreenTests {
    /// The cursor cell of the learned heatmap: its value in brackets, coloured from the scale.
    @Test(arguments: [(80, 24), (132, 40)])
    func cursorCellShowsItsValueAndColour(width: Int, height: Int) throws {
        var state = Fixtures.state(width: width, height: height)
        Fixtures.press(.character("3"), .down, .right, .right, into: &state)
        #expect(state.screen == .attention)
        #expect(state.attention.row == 1 && state.attention.column == 2)
        let matrix = try AttentionScreen.matrix(state).get()
        let value = Double(matrix[1 * 4 + 2])
        let expected = matrix[1 * 4 + 2] == 0 ? "[0.00]" : "[\(formatNumber(value, decimals: 2))]"
        let frame = Fixtures.frame(state)
        let position = try #require(frame.find(expected))
        let cell = frame[position.x + 1, position.y]
        #expect(cell.background == ColorScale.viridis.color(value, mode: .indexed256))
        #expect(cell.attributes.contains(.bold))
        // The cell sits in the target row 科技 and the source column 娱乐.
        let labels = Fixtures.data.sceneLabels
        #expect(frame.line(position.y).contains(labels[1]))
        // The sentence under the map says the same in words.
        #expect(frame.text.contains("\(labels[2]) → \(labels[1]): \(formatNumber(value, decimals: 2)) of attention, head average"))
    }

    @Test func headsViewsAndPopulationSwitch() throws {
        var state = Fixtures.state(width: 132, height: 40)
        Fixtures.press(.character("3"), .character("a"), into: &state)
        #expect(state.attention.head == 0)
        let head = try AttentionScreen.matrix(state).get()
        #expect(head == state.model!.explanation!.attention.heads[0])
        #expect(Fixtures.frame(state).text.contains("of attention, head 1"))
        Fixtures.press(.character("a"), .character("a"), into: &state)
        #expect(state.attention.head == nil)

        Fixtures.press(.character("v"), into: &state)
        #expect(state.attention.view == .offDiagonal)
        let off = try AttentionScreen.matrix(state).get()
        #expect(off == state.model!.explanation!.attention.offDiagonal)
        #expect((0..<4).allSatisfy { off[$0 * 4 + $0] == 0 })
        Fixtures.press(.character("v"), into: &state)
        #expect(try AttentionScreen.matrix(state).get() == state.model!.explanation!.attention.hiddenTarget)
        #expect(Fixtures.frame(state).text.contains("hidden-target view"))

        // All users: a background job, then the average arrives as a message.
        let effects = Fixtures.press(.character("u"), into: &state)[0]
        #expect(effects == [.computePopulationAttention(generation: state.model!.generation, model: Fixtures.model)])
        #expect(Fixtures.frame(state).text.contains("averaging attention over all users"))
        let summary = Fixtures.model.averageAttention(in: Fixtures.data.dataset, split: nil, users: Array(0..<50))
        _ = update(&state, .populationAttention(summary, generation: state.model!.generation))
        #expect(try AttentionScreen.matrix(state).get() == summary.hiddenTarget)
        #expect(Fixtures.frame(state).text.contains("Averaged over 50 users"))
        // A result for an older model is ignored.
        _ = update(&state, .populationAttention(summary, generation: state.model!.generation - 1))
    }

    @Test func plantedMatrixIsShownBesideTheLearnedOne() {
        var state = Fixtures.state(width: 132, height: 40)
        Fixtures.press(.character("3"), into: &state)
        let frame = Fixtures.frame(state)
        #expect(frame.text.contains("planted (truth.json, plain view"))
        let truth = Fixtures.data.dataset.truth!.transfer
        #expect(frame.text.contains("[\(formatNumber(truth[0][0], decimals: 2))]"))
        #expect(frame.text.contains("Planted share for this cell: \(formatNumber(truth[0][0], decimals: 2))"))
    }

    @Test func withoutColourTheCursorCellIsReversedWithAShade() throws {
        var state = Fixtures.state()
        Fixtures.press(.character("3"), into: &state)
        let frame = Fixtures.frame(state, colorMode: .none)
        let value = Double(try AttentionScreen.matrix(state).get()[0])
        let position = try #require(frame.find("[" + ColorScale.shade(value) + formatNumber(value, decimals: 2) + "]"))
        #expect(frame[position.x, position.y].attributes.contains(.reverse))
        #expect(frame[position.x, position.y].background == .default)
    }

    /// No model yet, but the data has truth.json: the planted matrix with the cursor on it, the
    /// cursor cell in words, and still how to get a model.
    @Test(arguments: [(80, 24), (132, 40)])
    func withoutAModelThePlantedMatrixIsShownWithTheCursor(width: Int, height: Int) throws {
        var state = Fixtures.state(width: width, height: height, withModel: false)
        Fixtures.press(.character("3"), .down, .right, .right, into: &state)
        let truth = try #require(Fixtures.data.dataset.truth).transfer
        let labels = Fixtures.data.sceneLabels
        let frame = Fixtures.frame(state)
        #expect(frame.text.contains("No model yet"))
        #expect(frame.text.contains("planted (truth.json"))
        let value = truth[1][2]
        let position = try #require(frame.find("[\(formatNumber(value, decimals: 2))]"))
        #expect(frame[position.x + 1, position.y].background == ColorScale.viridis.color(value, mode: .indexed256))
        #expect(frame.line(position.y).contains(labels[1]))
        #expect(frame.text.contains("planted: \(labels[2]) → \(labels[1]): \(formatNumber(value, decimals: 2))"))
        #expect(frame.text.contains("\(Int((value * 100).rounded()))% of the interest that drives choices in \(Fixtures.data.dataset.scenes[1].name)"))
        // Moving the cursor onto the diagonal explains what a scene keeps.
        Fixtures.press(.left, into: &state)
        let diagonal = Fixtures.frame(state, colorMode: .none)
        #expect(diagonal.text.contains("planted: \(labels[1]) → \(labels[1]): \(formatNumber(truth[1][1], decimals: 2))"))
        #expect(diagonal.text.contains("the diagonal"))
        let cell = try #require(diagonal.find("[" + ColorScale.shade(truth[1][1]) + formatNumber(truth[1][1], decimals: 2) + "]"))
        #expect(diagonal[cell.x, cell.y].attributes.contains(.reverse))
    }

    @Test func withoutAModelItSaysHowToGetOne() {
        var state = Fixtures.state(withModel: false)
        Fixtures.press(.character("3"), into: &state)
        let text = Fixtures.frame(state).text
        #expect(text.contains("No model yet"))
        #expect(text.contains("--model"))
        Fixtures.press(.character("4"), into: &state)
        #expect(Fixtures.frame(state).text.contains("No model yet"))
    }

    /// `mean` transfer has no per-head attention: `a` must not claim to show "head 1" while the
    /// matrix is the average.
    @Test func headKeyStaysOnTheAverageWhenTheModelHasNoHeads() throws {
        var state = Fixtures.state(width: 132, height: 40)
        var h = Hyperparameters()
        h.transfer = .mean
        let dataset = Fixtures.data.dataset
        let mean = TransferModel(parameters: ModelParameters(hyperparameters: h, itemCount: dataset.itemCount,
                                                             topicCount: dataset.topicCount, sceneCount: dataset.sceneCount),
                                 dataset: dataset)
        state.install(mean, origin: "mean", splitSeed: Split.defaultSeed)
        Fixtures.press(.character("3"), .character("a"), into: &state)
        #expect(state.attention.head == nil)
        #expect(Fixtures.frame(state).text.contains("head average"))
    }
}
