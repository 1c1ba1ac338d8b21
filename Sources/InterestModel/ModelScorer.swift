import Autograd
import InterestData

extension TransferModel: CaseScorer {
    /// Scores through the same forward pass as training, on a non-recording tape.
    public func scores(for cases: ArraySlice<EvaluationCase>, in dataset: Dataset) -> [[Float]] {
        guard !cases.isEmpty else { return [] }
        var batch = ContextBatch(sceneCount: sceneCount, historyLength: hyperparameters.historyLength)
        for case_ in cases { batch.append(interactions: case_.history, of: dataset) }
        // The evaluator already runs chunks on both cores: keep each chunk's products on its thread.
        let tape = Tape(reading: parameters.weights, recording: false, threads: 1)
        let pass = forward(batch, on: tape)
        let interests = pass.targetInterests(cases.map { Int($0.scene) }, on: tape).value
        let d = dimension, vectors = itemVectorTable()
        return cases.enumerated().map { b, case_ in
            let f = Array(interests.scalars[(b * d)..<((b + 1) * d)])
            return scores(interest: f, items: dataset.itemsByScene[Int(case_.scene)].map { Int($0) }, vectors: vectors)
        }
    }
}
