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

struct TrainingSessionTests {
    @Test func runsEpochsAndReportsInOrder() {
        let dataset = TrainingData.make()
        let session = TrainingSession(dataset: dataset, split: Split(dataset: dataset, seed: 3), hyperparameters: TrainingData.hyperparameters())
        let log = EventLog()
        let summary = session.run { log.add($0) }
        let events = log.all
        guard case .started(let examples, let steps, 4) = events.first else { Issue.record("no start event"); return }
        #expect(examples == session.examples.count && steps == (examples + 7) / 8)
        #expect(events.filter { if case .epochEnded = $0 { return true } else { return false } }.count == 4)
        #expect(events.last == .finished(summary))
        #expect(summary.reason == .reachedMaxEpochs && summary.epochs.count == 4)
        #expect(summary.bestEpoch == summary.epochs.max { $0.validationNDCG10 < $1.validationNDCG10 }!.epoch)
        // The same seed gives the same training, whatever the thread timing.
        let again = TrainingSession(dataset: dataset, split: Split(dataset: dataset, seed: 3), hyperparameters: TrainingData.hyperparameters()).run()
        #expect(again.epochs.map(\.meanLoss) == summary.epochs.map(\.meanLoss))
    }

    @Test func pauseResumeAndStopFromAnotherThread() async {
        let dataset = TrainingData.make()
        var h = TrainingData.hyperparameters()
        h.maxEpochs = 50
        let session = TrainingSession(dataset: dataset, split: Split(dataset: dataset, seed: 3), hyperparameters: h)
        let log = EventLog()
        let summary = await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(returning: session.run { event in
                    log.add(event)
                    switch event {
                    case .step(let p) where p.epoch == 1 && p.step == 1:
                        // Another thread pauses; while paused, a third resumes, then asks to stop.
                        DispatchQueue.global().sync { session.pause() }
                    case .paused:
                        DispatchQueue.global().asyncAfter(deadline: .now() + 0.05) { session.resume() }
                    case .epochEnded(let r) where r.epoch == 2:
                        DispatchQueue.global().sync { session.stop() }
                    default: break
                    }
                })
            }
        }
        let events = log.all
        #expect(events.contains(.paused) && events.contains(.resumed))
        #expect(summary.reason == .stoppedByUser)
        #expect(summary.epochs.count == 2)
    }

    @Test func divergingLossStopsWithAMessageAndFiniteWeights() {
        let dataset = TrainingData.make()
        var h = TrainingData.hyperparameters()
        h.learningRate = 1e30  // the first update throws every weight to ±1e30
        let session = TrainingSession(dataset: dataset, split: Split(dataset: dataset, seed: 3), hyperparameters: h)
        let initial = session.model.parameters.all.map(\.value.scalars)
        let summary = session.run()
        guard case .diverged(let message) = summary.reason else { Issue.record("did not diverge: \(summary.reason)"); return }
        #expect(message.contains("epoch 1, step 2") && message.contains("the initial weights"), "\(message)")
        #expect(session.model.parameters.all.map(\.value.scalars) == initial)
        #expect(session.model.parameters.all.allSatisfy { $0.value.scalars.allSatisfy { abs($0) < 1e3 } })
    }
}
