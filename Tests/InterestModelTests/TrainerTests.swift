import Dispatch
import Foundation
import InterestData
import Synchronization
import Testing
@testable import InterestModel

/// A dataset with enough users for a split with validation cases: 12 users, each with 8
/// interactions over the 3 scenes of the tiny item set.
enum TrainingData {
    static func make() -> Dataset {
        var rows: [(Int32, Int32, Int8)] = []
        for u in 0..<12 {
            for j in 0..<8 { rows.append((Int32(u), Int32((u * 5 + j * 4) % 9), j % 5 == 4 ? -1 : 1)) }
        }
        return TinyDataset.make(rows: rows)
    }

    static func hyperparameters() -> Hyperparameters {
        var h = TinyModel.hyperparameters()
        h.batchSize = 8
        h.maxEpochs = 4
        h.patience = 10
        return h
    }
}

/// Events collected from the training thread.
final class EventLog: Sendable {
    let events = Mutex<[TrainingEvent]>([])
    func add(_ event: TrainingEvent) { events.withLock { $0.append(event) } }
    var all: [TrainingEvent] { events.withLock { $0 } }
}

struct TrainerTests {
    @Test func runsEpochsAndReportsInOrder() {
        let dataset = TrainingData.make()
        let trainer = Trainer(dataset: dataset, split: Split(dataset: dataset, seed: 3), hyperparameters: TrainingData.hyperparameters())
        let log = EventLog()
        let summary = trainer.train(observer: { log.add($0) }).summary
        let events = log.all
        guard case .started(let examples, let steps, 4) = events.first else { Issue.record("no start event"); return }
        #expect(examples == trainer.examples.count && steps == (examples + 7) / 8)
        #expect(events.filter { if case .epochEnded = $0 { return true } else { return false } }.count == 4)
        #expect(events.last == .finished(summary))
        #expect(summary.reason == .reachedMaxEpochs && summary.epochs.count == 4)
        #expect(summary.bestEpoch == summary.epochs.max { $0.validationNDCG10 < $1.validationNDCG10 }!.epoch)
        // The same seed gives the same training, whatever the thread timing.
        let again = Trainer(dataset: dataset, split: Split(dataset: dataset, seed: 3), hyperparameters: TrainingData.hyperparameters()).train().summary
        #expect(again.epochs.map(\.meanLoss) == summary.epochs.map(\.meanLoss))
    }

    /// The task driver: events arrive through the stream, the control actor pauses and resumes,
    /// `cancel()` stops between steps, and the outcome keeps the best epoch.
    @Test func pauseResumeAndCancelATrainingTask() async {
        let dataset = TrainingData.make()
        var h = TrainingData.hyperparameters()
        h.maxEpochs = 10_000  // never reached: the test cancels
        h.patience = 10_000
        // Paused before it starts, so the first thing the task does is wait: no race with the test.
        let control = TrainingControl()
        control.pause()
        let job = Trainer(dataset: dataset, split: Split(dataset: dataset, seed: 3), hyperparameters: h).start(control: control)
        var events: [TrainingEvent] = []
        for await event in job.events {
            events.append(event)
            switch event {
            case .paused: job.resume()
            case .epochEnded(let r) where r.epoch == 2: job.cancel()
            default: break
            }
        }
        let outcome = await job.outcome
        #expect(events.first.map { if case .started = $0 { true } else { false } } == true)
        #expect(Array(events.dropFirst().prefix(2)) == [.paused, .resumed])
        #expect(outcome.summary.reason == .stoppedByUser && outcome.isResumable)
        // The task may finish a few steps after the request (the stream runs ahead of the test).
        #expect(outcome.summary.epochs.count >= 2)
        #expect(events.last == .finished(outcome.summary))
        // The model holds the best epoch's weights.
        #expect(outcome.model.weights == outcome.state.best!.weights)
    }

    @Test func divergingLossStopsWithAMessageAndFiniteWeights() {
        let dataset = TrainingData.make()
        var h = TrainingData.hyperparameters()
        h.learningRate = 1e30  // the first update throws every weight to ±1e30
        let trainer = Trainer(dataset: dataset, split: Split(dataset: dataset, seed: 3), hyperparameters: h)
        let outcome = trainer.train()
        guard case .diverged(let message) = outcome.summary.reason else { Issue.record("did not diverge: \(outcome.summary.reason)"); return }
        #expect(message.contains("epoch 1, step 2") && message.contains("the initial weights"), "\(message)")
        #expect(outcome.model.weights == trainer.model.weights)
        #expect(!outcome.isResumable)
    }
}
