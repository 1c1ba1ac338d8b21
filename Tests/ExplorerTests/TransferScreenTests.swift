import InterestData
import InterestModel
import TerminalUI
import Testing
@testable import Explorer

@Suite struct TransferScreenTests {
    @Test(arguments: [(80, 24), (132, 40)])
    func stepsThroughIterationsWithSharesAndMoves(width: Int, height: Int) throws {
        var state = Fixtures.state(width: width, height: height)
        Fixtures.press(.character("4"), into: &state)
        let trace = try #require(state.model?.trace)
        #expect(trace.target == 0)
        var frame = Fixtures.frame(state)
        #expect(frame.text.contains("step k = 0 of 2"))
        let first = trace.topItemsByIteration[0][0]
        #expect(frame.text.contains(formatNumber(Double(first.score), decimals: 2)))

        Fixtures.press(.right, into: &state)
        #expect(state.transfer.step == 1)
        frame = Fixtures.frame(state)
        #expect(frame.text.contains("step k = 1 of 2"))
        let top = trace.topItemsByIteration[1][0]
        // Shares add up to the score minus the bias (MODEL-SPEC section 3).
        #expect(abs(top.shares.reduce(0, +) + top.bias - top.score) < 1e-3)
        #expect(frame.text.contains(formatNumber(Double(top.shares[0]), decimals: 2)))
        // Moves against step 0: each row shows =, ↑n, ↓n or new.
        let moves = frame.lines.filter { $0.contains("=") || $0.contains("↑") || $0.contains("↓") || $0.contains("new") }
        #expect(!moves.isEmpty)
        Fixtures.press(.right, .right, into: &state)
        #expect(state.transfer.step == 2)
        Fixtures.press(.character("h"), into: &state)
        #expect(state.transfer.step == 1)
    }

    /// The scene graph picture: each source node's row carries its label, its change at step k
    /// and its edge weight drawn with the stroke of that weight; the target sits at the junction.
    @Test(arguments: [(80, 24), (132, 40)])
    func sceneGraphShowsNodesEdgeWeightsAndTheStepsChange(width: Int, height: Int) throws {
        var state = Fixtures.state(width: width, height: height)
        Fixtures.press(.character("4"), .character("t"), into: &state)
        let trace = try #require(state.model?.trace)
        let attention = try #require(state.model?.explanation?.attention)
        let labels = Fixtures.data.sceneLabels, t = trace.target
        func weight(_ source: Int) -> Double { Double(attention.value(attention.average, target: t, source: source)) }
        func graphRow(_ frame: Buffer, scene: Int) -> String? {
            frame.lines.first { $0.hasPrefix("│" + labels[scene] + " ") && $0.contains(" " + formatNumber(weight(scene), decimals: 2) + " ") }
        }
        func checkGraph(step k: Int) throws -> Buffer {
            let frame = Fixtures.frame(state)
            let note = { (scene: Int) in k == 0 ? "Z⁰" : "Δ" + formatNumber(Double(trace.change[k - 1][scene]), decimals: 3) }
            for source in 0..<4 where source != t {
                let row = try #require(graphRow(frame, scene: source), "no graph row for \(labels[source]) at k = \(k)")
                #expect(row.contains(labels[source] + " " + note(source)))
                #expect(row.contains(FanInGraph.stroke(for: weight(source)) + " " + formatNumber(weight(source), decimals: 2)))
            }
            let targetRow = try #require(frame.lines.first { $0.contains("─▶ [\(labels[t])]") })
            #expect(targetRow.contains("[\(labels[t])] \(note(t)) ↻ \(formatNumber(weight(t), decimals: 2))"))
            #expect(frame.text.contains(FanInGraph.legend()))
            return frame
        }
        let atZero = try checkGraph(step: 0)
        Fixtures.press(.right, into: &state)
        let atOne = try checkGraph(step: 1)
        Fixtures.press(.right, into: &state)
        let atTwo = try checkGraph(step: 2)
        #expect(atZero.lines != atOne.lines && atOne.lines != atTwo.lines)
        // The node list with sparklines stays where the window leaves room for it.
        #expect(atTwo.text.contains("M = what the score uses after K steps) and node change") == (height == 40))
        // Without colour the edges keep their strokes and weights.
        let plain = Fixtures.frame(state, colorMode: .none)
        #expect(plain.lines.first { $0.contains("─▶ [\(labels[t])]") } != nil)
    }

    @Test func targetSwitchRecomputesTheTrace() throws {
        var state = Fixtures.state(width: 132, height: 40)
        Fixtures.press(.character("4"), .character("t"), into: &state)
        #expect(state.transfer.target == 1)
        #expect(state.model?.trace?.target == 1)
        #expect(Fixtures.frame(state).text.contains("into \(Fixtures.data.dataset.scenes[1].name)"))
        Fixtures.press(.character("T"), .character("T"), into: &state)
        #expect(state.transfer.target == 3)
    }

    @Test func playAdvancesOnTicksUntilTheLastStep() {
        var state = Fixtures.state()
        Fixtures.press(.character("4"), into: &state)
        let commands = Fixtures.press(.character(" "), into: &state)
        guard case .after(_, .playTick(let id))? = commands[0].first, commands[0].count == 1 else { Issue.record("play schedules a tick"); return }
        #expect(Fixtures.frame(state).text.contains("▶ playing"))
        _ = update(&state, .playTick(id: id))
        #expect(state.transfer.step == 1)
        _ = update(&state, .playTick(id: id))
        #expect(state.transfer.step == 2 && state.transfer.playID == nil)
        // A stale tick does nothing.
        _ = update(&state, .playTick(id: id))
        #expect(state.transfer.step == 2)
    }

    /// Step 0 says what Z⁰ is for the model on screen: v1's `W_v z`, v3's three terms (the whole
    /// screen with a fresh v3 model is a snapshot at both sizes).
    @Test(arguments: [(80, 24), (200, 60)])
    func stepZeroNamesTheTermsOfTheModelsInitialState(width: Int, height: Int) throws {
        var state = Fixtures.state(width: 200, height: 60)
        Fixtures.press(.character("4"), into: &state)
        #expect(Fixtures.frame(state).text.contains("every node holds its own state Z⁰ = W_v z; the target"))
        let dataset = Fixtures.data.dataset
        let v3 = TransferModel(parameters: ModelParameters(hyperparameters: Hyperparameters(), itemCount: dataset.itemCount,
                                                           topicCount: dataset.topicCount, sceneCount: dataset.sceneCount),
                               dataset: dataset)
        state.install(v3, origin: "v3", splitSeed: Split.defaultSeed)
        #expect(state.transfer.step == 0)
        #expect(Fixtures.frame(state).text.contains("every node holds its own state Z⁰ = W_v z + m + q; the target"))
        _ = update(&state, .resized(width: width, height: height))
        Snapshot.expect(Fixtures.frame(state), named: "transfer-v3-step0-\(width)x\(height)")
    }

    /// A model with fewer iterations than the step on screen (trained here or loaded with `o`)
    /// brings the step back into range instead of indexing past the trace.
    @Test func installingAModelWithFewerIterationsClampsTheStep() throws {
        var state = Fixtures.state(width: 132, height: 40)
        Fixtures.press(.character("4"), .right, .right, into: &state)
        #expect(state.transfer.step == 2)
        var h = Hyperparameters()
        h.iterations = 1
        let dataset = Fixtures.data.dataset
        let shallow = TransferModel(parameters: ModelParameters(hyperparameters: h, itemCount: dataset.itemCount,
                                                                topicCount: dataset.topicCount, sceneCount: dataset.sceneCount),
                                    dataset: dataset)
        state.install(shallow, origin: "shallow", splitSeed: Split.defaultSeed)
        #expect(state.transfer.step == 1)
        #expect(Fixtures.frame(state).text.contains("step k = 1 of 1"))
    }
}
