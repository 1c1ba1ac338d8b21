import Autograd
@testable import InterestModel

/// Tests set chosen values into a model's weights (worked examples, non-zero biases).
extension ModelParameters {
    mutating func set(_ parameter: KeyPath<ModelParameters, Parameter>, _ scalars: [Float]) {
        weights.load(scalars, into: self[keyPath: parameter])
    }
}

extension TransferModel {
    /// The same model with `parameter`'s values replaced.
    mutating func set(_ parameter: KeyPath<ModelParameters, Parameter>, _ scalars: [Float]) {
        var changed = weights
        changed.load(scalars, into: parameters[keyPath: parameter])
        self = withWeights(changed)
    }

    /// The values of one parameter.
    func value(_ parameter: KeyPath<ModelParameters, Parameter>) -> [Float] { weights[parameters[keyPath: parameter]].scalars }
}
