import InterestData
@testable import InterestModel
import TerminalUI
import Testing
@testable import Explorer

@Suite struct TrainingScreenTests {
    static func progress(step: Int, loss: Float) -> TrainingProgress {
        TrainingProgress(epoch: 1, maxEpochs: 4, step: step, stepsPerEpoch: 10, loss: loss, epochLoss: loss, examplesPerSecond: 1234,
                         secondsToEpochEnd: 65, secondsToMaxEpochs: 600, elapsedSeconds: 3)
    }

    @Test(arguments: [(80, 24), (132, 40)])
    func showsProgressLossAndEpochs(width: Int, height: Int) {
        var state = Fixtures.state(width: width, height: height)
        Fixtures.press(.character("5"), .character("t"), into: &state)
        let run = state.training.run
        _ = update(&state, .training(.started(examples: 2560, stepsPerEpoch: 10, maxEpochs: 4), run: run))
        for (i, loss) in [Float(0.69), 0.6, 0.5].enumerated() {
            _ = update(&state, .training(.step(Self.progress(step: i + 1, loss: loss)), run: run))
        }
        // Events of another run are ignored.
        _ = update(&state, .training(.step(Self.progress(step: 9, loss: 9)), run: run - 1))
        #expect(state.training.stepLosses == [0.69, 0.6, 0.5])
        var frame = Fixtures.frame(state)
        #expect(frame.text.contains("epoch 1/4 · step 3/10"))
        #expect(frame.text.contains("1234 examples/s"))
        #expect(frame.text.contains("epoch ends in 1m 05s"))
        #expect(frame.text.contains("step 3 loss 0.5000"))
        // The loss chart is drawn in braille.
        #expect(frame.lines.contains { $0.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) } })

        let scores = RankingMetrics.cutoffs.map { _ in RankingScores(hitRate: 0.5, precision: 0.05, recall: 0.4, ndcg: 0.25) }
        let report = EpochReport(epoch: 1, meanLoss: 0.55, validation: scores, validationNDCG10: 0.25, isBest: true, seconds: 4, examplesPerSecond: 640)
        _ = update(&state, .training(.epochEnded(report), run: run))
        frame = Fixtures.frame(state)
        #expect(frame.text.contains("0.2500"))
        #expect(frame.text.contains("best"))
        _ = update(&state, .training(.paused, run: run))
        #expect(Fixtures.frame(state).text.contains("paused (Space resumes)"))
    }

    @Test func withoutColourTheLossChartUsesBlocks() {
        var state = Fixtures.state()
        Fixtures.press(.character("5"), .character("t"), into: &state)
        for (i, loss) in [Float(0.7), 0.5, 0.6, 0.4].enumerated() {
            _ = update(&state, .training(.step(Self.progress(step: i + 1, loss: loss)), run: state.training.run))
        }
        let frame = Fixtures.frame(state, colorMode: .none)
        #expect(!frame.lines.contains { $0.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) } })
        #expect(frame.lines.contains { $0.contains("▀") || $0.contains("▄") || $0.contains("█") })
    }

    @Test func finishedTrainingReplacesTheModelEverywhere() {
        var state = Fixtures.state(width: 132, height: 40, withModel: false)
        Fixtures.press(.character("5"), .character("t"), into: &state)
        let run = state.training.run
        let summary = TrainingSummary(reason: .earlyStopped, epochs: [], bestEpoch: 3, bestValidationNDCG10: 0.31, seconds: 10, examplesPerSecond: 100)
        _ = update(&state, .trainingEnded(Fixtures.model, summary, run: run))
        #expect(!state.training.isActive)
        #expect(state.model?.model == Fixtures.model)
        #expect(state.model?.explanation != nil)
        Fixtures.press(.character("3"), into: &state)
        #expect(!Fixtures.frame(state).text.contains("No model yet"))
        #expect(Fixtures.frame(state).line(0).contains("trained here (epoch 3"))
    }

    @Test func formStepsAndTypedValues() {
        var state = Fixtures.state()
        Fixtures.press(.character("5"), into: &state)
        Fixtures.press(.right, into: &state)
        #expect(state.training.form.values.dimension == 40)
        // → on heads goes through the same checks as typing: 3 does not divide d = 32, so it
        // skips to 4.
        Fixtures.press(.left, .down, .right, into: &state)
        #expect(state.training.form.values.heads == 4)
        #expect(state.training.form.values.problems().isEmpty)
        // 31 is not a multiple of 4 heads: typing it as the dimension is refused with the reason.
        Fixtures.press(.up, .enter, into: &state)
        #expect(state.training.form.editing?.text == "32")
        Fixtures.press(.backspace, .backspace, .character("3"), .character("1"), .enter, into: &state)
        #expect(state.training.form.values.dimension == 32)
        #expect(state.status?.text.contains("not a multiple") == true)
        Fixtures.press(.enter, .backspace, .backspace, .character("3"), .character("6"), .enter, into: &state)
        #expect(state.training.form.values.dimension == 36)
        #expect(Fixtures.frame(state).text.contains("◂ 36 ▸"))
        // Choices cycle.
        for _ in 0..<5 { Fixtures.press(.down, into: &state) }
        Fixtures.press(.right, into: &state)
        #expect(state.training.form.values.attention == .additive)
    }

    @Test func formRefusesHugeTypedValuesAndStepsNeverOverflow() {
        var state = Fixtures.state()
        Fixtures.press(.character("5"), .enter, into: &state)
        Fixtures.press(.backspace, .backspace, into: &state)
        for c in "9223372036854775806" { Fixtures.press(.character(c), into: &state) }
        Fixtures.press(.enter, into: &state)
        #expect(state.training.form.values.dimension == 32)
        #expect(state.status?.text.contains("1…1024") == true)
        // At the top of the range, → stays there and says why.
        state.training.form.values.dimension = 1024
        Fixtures.press(.right, into: &state)
        #expect(state.training.form.values.dimension == 1024)
        // A value from elsewhere (a checkpoint) beyond the range steps back into it, no overflow.
        state.training.form.values.dimension = Int.max - 1
        Fixtures.press(.right, into: &state)
        #expect(state.training.form.values.dimension <= 1024)
    }

    @Test func saveWithoutAModelExplainsWhy() {
        var state = Fixtures.state(withModel: false)
        Fixtures.press(.character("5"), .character("w"), into: &state)
        #expect(state.status?.isError == true)
        #expect(state.status?.text.contains("no model to save") == true)
    }
}

@Suite struct EvaluationTests {
    @Test func evaluationRowsShowBesideTheBaselines() throws {
        var state = Fixtures.state(width: 132, height: 40)
        Fixtures.press(.character("5"), into: &state)
        let effects = Fixtures.press(.character("e"), into: &state)[0]
        let id = try #require(state.model?.evaluation)
        #expect(effects == [.evaluate(EvaluationRequest(id: id, generation: state.model!.generation, model: Fixtures.model,
                                                        splitSeed: Split.defaultSeed, splitFingerprint: nil, withBaselines: false))])
        #expect(Fixtures.frame(state).text.contains("evaluating on the test cases…"))
        // A second request while one runs is refused.
        Fixtures.press(.character("e"), into: &state)
        #expect(state.status?.text.contains("already running") == true)

        let dataset = Fixtures.data.dataset
        let split = Split(dataset: dataset, seed: 42)
        let rows = Comparison.rows(model: "popularity", scorer: PopularityBaseline(dataset: dataset, split: split), dataset: dataset, split: split, threads: 1)
        _ = update(&state, .evaluated(rows, evaluation: id))
        let frame = Fixtures.frame(state)
        let warm = try #require(rows.first { $0.cases == "warm" && $0.scene == "all" && $0.k == 10 })
        #expect(frame.text.contains("Test · NDCG@10, HR@10 · warm / cold"))
        #expect(frame.text.contains("popularity"))
        #expect(frame.text.contains(formatNumber(warm.ndcg, decimals: 3)))
        #expect(!frame.text.contains("evaluating on the test cases…"))
    }

    @Test func trainingThatEndsStartsAnEvaluation() {
        var state = Fixtures.state(withModel: false)
        Fixtures.press(.character("5"), .character("t"), into: &state)
        let summary = TrainingSummary(reason: .reachedMaxEpochs, epochs: [], bestEpoch: 1, bestValidationNDCG10: 0.2, seconds: 1, examplesPerSecond: 1)
        let effects = update(&state, .trainingEnded(Fixtures.model, summary, run: state.training.run))
        #expect(effects.contains { if case .evaluate(let request) = $0 { return !request.withBaselines && request.model == Fixtures.model } else { return false } })
        #expect(state.model?.evaluationStatus != nil)
        #expect(state.model?.summary?.bestEpoch == 1)
    }
}
