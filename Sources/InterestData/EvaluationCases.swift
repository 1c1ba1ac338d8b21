/// Derives the evaluation cases from the roles (MODEL-SPEC, Split, "History at evaluation"):
/// - warm test (u, t): targets = t's test items; history = u's train and validation interactions
///   (any scene) before the first test item of (u, t);
/// - validation (u, t): targets = t's validation items; history = u's train interactions before the
///   first validation item of (u, t);
/// - cold (u, t*): targets = the distinct items of u's t* interactions with y ≥ 0; history = u's
///   train and validation interactions in the other scenes;
/// - cold validation (u, t'): the same for a cold-validation user's hidden scene.
/// Cases are ordered by user, then scene.
struct EvaluationCases {
    var warmTest: [EvaluationCase] = []
    var validation: [EvaluationCase] = []
    var cold: [EvaluationCase] = []
    var coldValidation: [EvaluationCase] = []

    init(dataset: Dataset, roles: [Role], hidden: HiddenScenes) {
        let feedback = dataset.interactions.feedback, item = dataset.interactions.item
        let position = dataset.sequencePosition
        for u in 0..<Int32(dataset.userCount) {
            let sequence = dataset.sequence(ofUser: u)
            for t in 0..<Int32(dataset.sceneCount) {
                let history = dataset.history(ofUser: u, scene: t)
                let hiddenKind: CaseKind? = hidden.cold[Int(u)] == t ? .cold : hidden.coldValidation[Int(u)] == t ? .coldValidation : nil
                if let hiddenKind {
                    let targets = Self.distinct(history.lazy.filter { feedback[Int($0)] >= 0 }.map { item[Int($0)] })
                    let inputs = sequence.filter {
                        dataset.interactionScene[Int($0)] != t && (roles[Int($0)] == .train || roles[Int($0)] == .validation)
                    }
                    let hiddenCase = EvaluationCase(user: u, scene: t, kind: hiddenKind, targets: targets, history: inputs)
                    if hiddenKind == .cold { cold.append(hiddenCase) } else { coldValidation.append(hiddenCase) }
                    continue
                }
                if let first = history.first(where: { roles[Int($0)] == .validation }) {
                    let targets = Self.distinct(history.lazy.filter { roles[Int($0)] == .validation }.map { item[Int($0)] })
                    let limit = position[Int(first)]
                    let inputs = sequence.prefix { position[Int($0)] < limit }.filter { roles[Int($0)] == .train }
                    validation.append(EvaluationCase(user: u, scene: t, kind: .validation, targets: targets, history: inputs))
                }
                if let first = history.first(where: { roles[Int($0)] == .test }) {
                    let targets = Self.distinct(history.lazy.filter { roles[Int($0)] == .test }.map { item[Int($0)] })
                    let limit = position[Int(first)]
                    let inputs = sequence.prefix { position[Int($0)] < limit }
                        .filter { roles[Int($0)] == .train || roles[Int($0)] == .validation }
                    warmTest.append(EvaluationCase(user: u, scene: t, kind: .warmTest, targets: targets, history: inputs))
                }
            }
        }
    }

    /// The distinct values of `values`, in order of first appearance.
    static func distinct<S: Sequence<Int32>>(_ values: S) -> [Int32] {
        var seen = Set<Int32>()
        return values.filter { seen.insert($0).inserted }
    }
}
