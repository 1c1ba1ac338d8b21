import Foundation
import Synchronization
import InterestData
import InterestModel
import TerminalUI
@testable import Explorer

/// Shared test data: the bundled sample data (1000 users, 4 scenes with CJK names, truth.json)
/// and a freshly initialised model (seeded, so every value on screen is reproducible).
enum Fixtures {
    static let sampleDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("sample-data").path

    static let data: ExplorerData = {
        let dataset = try! Dataset.load(from: sampleDirectory)
        return ExplorerData(dataset: dataset, directoryPath: sampleDirectory)
    }()

    static let model: TransferModel = {
        var h = Hyperparameters.v1
        h.seed = 7
        let dataset = data.dataset
        let parameters = ModelParameters(hyperparameters: h, itemCount: dataset.itemCount, topicCount: dataset.topicCount, sceneCount: dataset.sceneCount)
        return TransferModel(parameters: parameters, dataset: dataset)
    }()

    /// A state sized like a terminal of `width`×`height`, with or without the model.
    static func state(width: Int = 80, height: Int = 24, withModel: Bool = true) -> AppState {
        var state = AppState(data: data, model: withModel ? model : nil, modelOrigin: withModel ? "test model" : "")
        _ = update(&state, .resized(width: width, height: height))
        return state
    }

    static func frame(_ state: AppState, colorMode: ColorMode = .indexed256) -> Buffer {
        var buffer = Buffer(width: state.width, height: state.height, colorMode: colorMode)
        render(state, into: &buffer)
        return buffer
    }

    /// Applies keys in order and returns the effects of each.
    @discardableResult
    static func press(_ keys: Key..., into state: inout AppState) -> [[Effect]] {
        keys.map { update(&state, .key($0)) }
    }

    /// Carries out `effects` with a real `EffectRunner` (worker threads, as in the program), waits
    /// for its workers to finish and returns what they posted, in order.
    static func perform(_ effects: [Effect], data: ExplorerData = Fixtures.data) -> [Message] {
        let sent = Mutex<[Message]>([])
        let runner = EffectRunner(data: data, send: { message in sent.withLock { $0.append(message) } })
        runner.execute(effects)
        _ = runner.waitUntilIdle()
        return sent.withLock { $0 }
    }
}

extension Effect {
    var isQuit: Bool { self == .quit }
    /// The effect starts background work (everything but timers and quit).
    var isJob: Bool {
        switch self {
        case .after, .quit: return false
        default: return true
        }
    }
}
