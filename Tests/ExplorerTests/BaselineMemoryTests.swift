import InterestData
@testable import InterestModel
import TerminalUI
import Testing
@testable import Explorer

@Suite struct BaselineMemoryTests {
    /// The explorer's `b` trains the baselines and ablations with the model's own settings: a
    /// model whose settings would need far more memory than the machine allows (batch 65 536 with
    /// L = 1000, each in range) is refused with the reason before anything starts. (`mist
    /// evaluate --model` trains the ablations with the model's architecture but the comparison's
    /// own batch size, and checks the memory of those settings.)
    @Test func explorerBaselinesRefuseSettingsThatDoNotFit() {
        var h = Hyperparameters()
        h.batchSize = 65_536
        h.historyLength = 1000
        h.dimension = 256
        let dataset = Fixtures.data.dataset
        let model = TransferModel(parameters: ModelParameters(hyperparameters: h, itemCount: dataset.itemCount,
                                                              topicCount: dataset.topicCount, sceneCount: dataset.sceneCount),
                                  dataset: dataset)
        var state = AppState(data: Fixtures.data, model: model, modelOrigin: "crafted")
        _ = update(&state, .resized(width: 132, height: 40))
        Fixtures.press(.character("5"), into: &state)
        let effects = Fixtures.press(.character("b"), into: &state)[0]
        #expect(!effects.contains { $0.isJob })
        #expect(state.status?.text.contains("of memory") == true, "\(state.status?.text ?? "no status")")
        #expect(state.model?.evaluationStatus == nil)
    }
}
