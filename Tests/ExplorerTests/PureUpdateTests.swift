import Foundation
import Synchronization
import InterestData
@testable import InterestModel
import TerminalUI
import Testing
@testable import Explorer

/// `update` is pure: driven with messages, it returns the new state and the exact effects to carry
/// out, as data, without a terminal, threads or a training session (bubbletea's model).
@Suite struct PureUpdateTests {
    /// A state on the Training screen with the tiny settings the runtime tests train with.
    static func trainingScreen(withModel: Bool = false) -> AppState {
        var state = Fixtures.state(width: 100, height: 30, withModel: withModel)
        state.training.form = HyperparameterForm(tiny)
        Fixtures.press(.character("5"), into: &state)
        return state
    }

    static let tiny: Hyperparameters = {
        var h = Hyperparameters()
        h.dimension = 4; h.heads = 1; h.historyLength = 5; h.batchSize = 64; h.maxEpochs = 1; h.threads = 1
        return h
    }()

    static func summary(bestEpoch: Int, reason: TrainingStopReason = .reachedMaxEpochs) -> TrainingSummary {
        TrainingSummary(reason: reason, epochs: [], bestEpoch: bestEpoch, bestValidationNDCG10: 0.2, seconds: 1, examplesPerSecond: 1)
    }

    @Test func trainingIsStartedPausedResumedAndStoppedByEffects() {
        var state = Self.trainingScreen()
        #expect(Fixtures.press(.character("t"), into: &state)[0]
                == [.startTraining(run: 1, hyperparameters: Self.tiny, splitSeed: Split.defaultSeed)])
        #expect(state.training.run == 1 && state.training.phase == .preparing)
        // Space means nothing until the run has started.
        #expect(Fixtures.press(.character(" "), into: &state)[0] == [])
        #expect(update(&state, .training(.started(examples: 100, stepsPerEpoch: 2, maxEpochs: 1), run: 1)) == [])
        #expect(state.training.phase == .running)
        // The phase changes when the run reports it, not when the key is pressed.
        #expect(Fixtures.press(.character(" "), into: &state)[0] == [.pauseTraining(run: 1)])
        #expect(state.training.phase == .running)
        _ = update(&state, .training(.paused, run: 1))
        #expect(state.training.phase == .paused)
        #expect(Fixtures.press(.character(" "), into: &state)[0] == [.resumeTraining(run: 1)])
        _ = update(&state, .training(.resumed, run: 1))
        #expect(Fixtures.press(.character("x"), into: &state)[0] == [.cancelTraining(run: 1)])
        #expect(state.training.phase == .stopping)
        // A second x asks nothing more; t is refused while the run winds down.
        #expect(Fixtures.press(.character("x"), into: &state)[0] == [])
        #expect(Fixtures.press(.character("t"), into: &state)[0].allSatisfy { !$0.isJob })
        #expect(state.status?.text == "training is already running")
    }

    @Test func lateEventsOfAnOldRunAreIgnored() {
        var state = Self.trainingScreen()
        Fixtures.press(.character("t"), .character("x"), into: &state)
        _ = update(&state, .trainingEnded(Fixtures.model, Self.summary(bestEpoch: 0, reason: .stoppedByUser), run: 1))
        #expect(!state.training.isActive && state.model == nil)
        #expect(Fixtures.press(.character("t"), into: &state)[0]
                == [.startTraining(run: 2, hyperparameters: Self.tiny, splitSeed: Split.defaultSeed)])
        let before = state
        let progress = TrainingProgress(epoch: 1, maxEpochs: 1, step: 1, stepsPerEpoch: 2, loss: 0.5, epochLoss: 0.5,
                                        examplesPerSecond: 1, secondsToEpochEnd: 1, secondsToMaxEpochs: 1, elapsedSeconds: 1)
        #expect(update(&state, .training(.step(progress), run: 1)) == [])
        #expect(update(&state, .trainingEnded(Fixtures.model, Self.summary(bestEpoch: 1), run: 1)) == [])
        #expect(state == before)
    }

    @Test func theEndOfARunInstallsTheModelAndEvaluatesIt() throws {
        var state = Self.trainingScreen()
        Fixtures.press(.character("t"), into: &state)
        let effects = update(&state, .trainingEnded(Fixtures.model, Self.summary(bestEpoch: 1), run: 1))
        let context = try #require(state.model)
        #expect(context.model == Fixtures.model && context.origin.hasPrefix("trained here (epoch 1"))
        let id = try #require(context.evaluation)
        #expect(effects == [
            .after(milliseconds: 8000, .clearStatus(id: state.status!.id)),
            .evaluate(EvaluationRequest(id: id, generation: context.generation, model: Fixtures.model, splitSeed: Split.defaultSeed,
                                        splitFingerprint: nil, withBaselines: false)),
        ])
    }

    @Test func xCancelsAComparisonAndItsAnswerEndsIt() throws {
        var state = Self.trainingScreen(withModel: true)
        let start = Fixtures.press(.character("b"), into: &state)[0]
        let context = try #require(state.model)
        let id = try #require(context.evaluation)
        #expect(start == [.evaluate(EvaluationRequest(id: id, generation: context.generation, model: Fixtures.model,
                                                      splitSeed: Split.defaultSeed, splitFingerprint: nil, withBaselines: true))])
        #expect(Fixtures.press(.character("x"), into: &state)[0] == [.cancelEvaluation(id: id)])
        #expect(state.model?.evaluationStatus == "cancelling…")
        // Progress that was already on its way does not hide that it is cancelling.
        _ = update(&state, .evaluationProgress("tuning ease 1/4: epoch 1 (x cancels)", evaluation: id))
        #expect(state.model?.evaluationStatus == "cancelling…")
        #expect(Fixtures.press(.character("x"), into: &state)[0] == [])
        _ = update(&state, .evaluated([], evaluation: id))
        #expect(state.model?.evaluation == nil && state.model?.evaluationStatus == nil)
        // Rows of an evaluation that is not the running one are dropped.
        let rows = TrainingSnapshotTests.comparisonRows()
        _ = update(&state, .evaluated(rows, evaluation: id))
        #expect(state.model?.comparison.isEmpty == true)
    }

    @Test func quittingWhileTrainingAsksAndThenCancelsThroughEffects() {
        var state = Self.trainingScreen()
        Fixtures.press(.character("t"), into: &state)
        #expect(Fixtures.press(.character("q"), into: &state)[0] == [])
        #expect(state.isConfirmingQuit)
        #expect(Fixtures.press(.character("y"), into: &state)[0] == [.cancelTraining(run: 1), .quit])
    }

    @Test func quittingWhileEvaluatingOrAveragingCancelsThem() throws {
        var state = Self.trainingScreen(withModel: true)
        Fixtures.press(.character("e"), .character("3"), .character("u"), into: &state)
        let context = try #require(state.model)
        let id = try #require(context.evaluation)
        #expect(Fixtures.press(.character("q"), into: &state)[0]
                == [.cancelEvaluation(id: id), .cancelPopulationAttention(generation: context.generation), .quit])
    }

    @Test func xStopsTheAverageOverAllUsers() throws {
        var state = Fixtures.state(width: 100, height: 30)
        Fixtures.press(.character("3"), into: &state)
        let generation = try #require(state.model?.generation)
        #expect(Fixtures.press(.character("u"), into: &state)[0] == [.computePopulationAttention(generation: generation, model: Fixtures.model)])
        _ = update(&state, .populationProgress(done: 256, total: 1000, generation: generation))
        #expect(Fixtures.frame(state).text.contains("averaging attention over all users: 256 of 1000 (x stops)"))
        let stop = Fixtures.press(.character("x"), into: &state)[0]
        #expect(stop.first == .cancelPopulationAttention(generation: generation))
        #expect(state.model?.populationStatus == nil && !state.attention.allUsers)
        // Asking again starts it again (nothing was kept).
        #expect(Fixtures.press(.character("u"), into: &state)[0] == [.computePopulationAttention(generation: generation, model: Fixtures.model)])
    }

    @Test func saveAndLoadAreEffectsWithTheirPaths() throws {
        var state = Self.trainingScreen(withModel: true)
        Fixtures.press(.character("w"), .control("u"), into: &state)
        for c in "/tmp/m.safetensors" { Fixtures.press(.character(c), into: &state) }
        let context = try #require(state.model)
        // Enter first checks the path (does it exist? is it the shipped sample's?); a new file is then written.
        #expect(Fixtures.press(.enter, into: &state)[0] == [.checkSavePath(path: "/tmp/m.safetensors")])
        #expect(update(&state, .savePathChecked(path: "/tmp/m.safetensors", exists: false, refusal: nil))
                == [.saveCheckpoint(path: "/tmp/m.safetensors", model: context.model, splitSeed: context.splitSeed,
                                    splitFingerprint: nil, summary: nil)])
        #expect(Fixtures.press(.character("o"), .enter, into: &state)[1] == [.loadCheckpoint(path: "/tmp/m.safetensors")])
    }

    /// The state is a value: the same messages from the same state give equal states (and equal
    /// effects), and a different message gives a different state.
    @Test func theSameMessagesGiveEqualStates() {
        let start = Fixtures.state(width: 100, height: 30)
        let messages: [Message] = [.key(.character("3")), .key(.down), .key(.character("a")), .key(.character("5")), .key(.right),
                                   .key(.character("t")), .training(.started(examples: 10, stepsPerEpoch: 1, maxEpochs: 1), run: 1),
                                   .key(.character("1")), .key(.down), .key(.enter), .failed("oops")]
        var a = start, b = start
        let effectsA = messages.map { update(&a, $0) }
        let effectsB = messages.map { update(&b, $0) }
        #expect(a == b)
        #expect(effectsA == effectsB)
        #expect(a != start)
        _ = update(&b, .key(.down))
        #expect(a != b)
    }
}

/// The runtime carries out the effects with real jobs and reports through messages.
@Suite struct EffectRunnerTests {
    /// Collects what a runner posts, from its worker threads.
    final class Inbox: Sendable {
        let messages = Mutex<[Message]>([])
        func send(_ message: Message) { messages.withLock { $0.append(message) } }
        var all: [Message] { messages.withLock { $0 } }

        /// Waits (up to 60 s) until a message matches.
        func wait(for match: (Message) -> Bool) -> Bool {
            let deadline = ContinuousClock.now + .seconds(60)
            while ContinuousClock.now < deadline {
                if all.contains(where: match) { return true }
                Thread.sleep(forTimeInterval: 0.005)
            }
            return false
        }
    }

    @Test func aTinyTrainingRunsToTheEndAndTheStateTakesItsModel() throws {
        let inbox = Inbox()
        let runner = EffectRunner(data: Fixtures.data, send: inbox.send)
        var state = PureUpdateTests.trainingScreen()
        let start = Fixtures.press(.character("t"), into: &state)[0]
        runner.execute(start)
        #expect(runner.waitUntilIdle())
        let messages = inbox.all
        guard case let .trainingEnded(model, summary, run)? = messages.last else { Issue.record("no .trainingEnded: \(messages.count) messages"); return }
        #expect(run == 1 && summary.bestEpoch == 1 && summary.reason == .reachedMaxEpochs)
        #expect(model.hyperparameters == PureUpdateTests.tiny)
        guard case .training(.started(_, _, maxEpochs: 1), run: 1)? = messages.first else { Issue.record("no .started first"); return }
        #expect(messages.contains { if case .training(.step, run: 1) = $0 { return true } else { return false } })
        var effects: [Effect] = []
        for message in messages { effects += update(&state, message) }
        #expect(state.training.phase == .finished(summary))
        #expect(state.model?.model == model)
        #expect(effects.contains { if case .evaluate(let r) = $0 { return r.model == model } else { return false } })
    }

    @Test func cancellingARunningTrainingEndsItWithTheReason() {
        let inbox = Inbox()
        let runner = EffectRunner(data: Fixtures.data, send: inbox.send)
        var h = PureUpdateTests.tiny
        h.maxEpochs = 50
        runner.execute(.startTraining(run: 7, hyperparameters: h, splitSeed: Split.defaultSeed))
        #expect(inbox.wait { if case .training(.step, run: 7) = $0 { return true } else { return false } })
        runner.execute(.pauseTraining(run: 7))
        #expect(inbox.wait { $0 == .training(.paused, run: 7) })
        runner.execute(.cancelTraining(run: 7))
        #expect(runner.waitUntilIdle())
        guard case let .trainingEnded(_, summary, run: 7)? = inbox.all.last else { Issue.record("no end"); return }
        #expect(summary.reason == .stoppedByUser)
    }

    @Test func aStopBeforeTheSessionExistsIsKept() {
        let inbox = Inbox()
        let runner = EffectRunner(data: Fixtures.data, send: inbox.send)
        var h = PureUpdateTests.tiny
        h.maxEpochs = 50
        runner.execute([.startTraining(run: 1, hyperparameters: h, splitSeed: Split.defaultSeed), .cancelTraining(run: 1)])
        #expect(runner.waitUntilIdle())
        guard case let .trainingEnded(_, summary, run: 1)? = inbox.all.last else { Issue.record("no end"); return }
        #expect(summary.reason == .stoppedByUser && summary.bestEpoch == 0)
    }

    @Test func evaluationReportsRowsAndACancelledComparisonReportsNone() throws {
        let inbox = Inbox()
        let runner = EffectRunner(data: Fixtures.data, send: inbox.send)
        let request = EvaluationRequest(id: 3, generation: 1, model: Fixtures.model, splitSeed: Split.defaultSeed,
                                        splitFingerprint: nil, withBaselines: false)
        runner.execute(.evaluate(request))
        #expect(runner.waitUntilIdle())
        guard case let .evaluated(rows, evaluation: 3)? = inbox.all.last else { Issue.record("no rows"); return }
        #expect(Set(rows.map(\.model)) == ["popularity", Comparison.name(of: Fixtures.model.hyperparameters)])

        let cancelled = Inbox()
        let second = EffectRunner(data: Fixtures.data, send: cancelled.send)
        var tuned = request
        tuned.id = 4
        tuned.withBaselines = true
        second.execute([.evaluate(tuned), .cancelEvaluation(id: 4)])
        #expect(second.waitUntilIdle())
        #expect(cancelled.all.suffix(2) == [.evaluated([], evaluation: 4), .failed("comparison cancelled")])
    }

    /// A small generated dataset (160 users) and a fresh model on it: averaging is slow in debug
    /// builds, so the chunked average is checked here rather than on the 1000 sample users.
    static let small: (data: ExplorerData, model: TransferModel) = {
        let directory = NSTemporaryDirectory() + "mist-runner-small-\(getpid())"
        try! SyntheticGenerator.generate(GeneratorParameters(seed: 11, users: 160, itemsPerScene: 24, meanInteractionsPerUser: 16))
            .write(to: directory)
        let dataset = try! Dataset.load(from: directory)
        try? FileManager.default.removeItem(atPath: directory)
        var h = Hyperparameters.v1
        h.seed = 7
        let parameters = ModelParameters(hyperparameters: h, itemCount: dataset.itemCount, topicCount: dataset.topicCount, sceneCount: dataset.sceneCount)
        return (ExplorerData(dataset: dataset, directoryPath: directory), TransferModel(parameters: parameters, dataset: dataset))
    }()

    @Test func attentionOverAllUsersInChunksMatchesOneCall() throws {
        let (data, model) = Self.small
        // All users in one chunk: exactly `averageAttention` over everyone (the runner makes that one call).
        let inbox = Inbox()
        let single = EffectRunner(data: data, send: inbox.send)
        single.execute(.computePopulationAttention(generation: 5, model: model))
        #expect(single.waitUntilIdle())
        guard case let .populationAttention(whole, 5)? = inbox.all.last else { Issue.record("no summary"); return }
        #expect(whole.users > 0)

        let chunked = Inbox()
        let runner = EffectRunner(data: data, populationChunk: 50, send: chunked.send)
        runner.execute(.computePopulationAttention(generation: 5, model: model))
        #expect(runner.waitUntilIdle())
        let progress = chunked.all.compactMap { if case let .populationProgress(done, total, 5) = $0 { return [done, total] } else { return nil } }
        #expect(progress == [[0, 160], [50, 160], [100, 160], [150, 160]])
        guard case let .populationAttention(summary, 5)? = chunked.all.last else { Issue.record("no summary"); return }
        #expect(summary.users == whole.users)
        #expect(zip(summary.average, whole.average).allSatisfy { abs($0 - $1) < 1e-5 })
        #expect(zip(summary.hiddenTarget, whole.hiddenTarget).allSatisfy { abs($0 - $1) < 1e-5 })
    }

    @Test func aCancelledAverageReportsNothingMore() {
        let (data, model) = Self.small
        let inbox = Inbox()
        let runner = EffectRunner(data: data, populationChunk: 20, send: inbox.send)
        runner.execute([.computePopulationAttention(generation: 2, model: model), .cancelPopulationAttention(generation: 2)])
        #expect(runner.waitUntilIdle())
        #expect(!inbox.all.contains { if case .populationAttention = $0 { return true } else { return false } })
    }
}
