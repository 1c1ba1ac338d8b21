import Foundation
import InterestData
import InterestModel
import TerminalUI
@testable import Explorer

/// The sample data with its trained model (sample-data/model.safetensors), so what-if edits move
/// real recommendations; user u0001 is explained.
enum WhatIfFixtures {
    static let model: TransferModel = {
        let (model, _) = try! Checkpoint.load(from: URL(fileURLWithPath: Fixtures.sampleDirectory + "/model.safetensors"), dataset: Fixtures.data.dataset)
        return model
    }()

    static let user = Int(Fixtures.data.dataset.userIndex(id: "u0001")!)

    static func state(width: Int = 80, height: Int = 24, data: ExplorerData = Fixtures.data, model: TransferModel = model) -> AppState {
        var state = AppState(data: data, model: model, modelOrigin: "sample model")
        _ = update(&state, .resized(width: width, height: height))
        state.select(user: Int(data.dataset.userIndex(id: "u0001")!))
        // On a model screen already: leaving Users would explain the user under its cursor instead.
        state.screen = .interests
        return state
    }

    /// Types `text` key by key.
    static func type(_ text: String, into state: inout AppState) {
        for c in text { _ = update(&state, .key(.character(c))) }
    }

    /// The item id's index in the sample data.
    static func item(_ id: String) -> Int32 { Fixtures.data.dataset.items.ids.index(of: id)! }
    static func scene(_ id: String) -> Int { Int(Fixtures.data.dataset.sceneIndex(id: id)!) }
}
