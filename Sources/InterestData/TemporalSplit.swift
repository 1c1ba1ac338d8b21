/// The temporal part of the split: per (user, scene), the last positives are test, the ones before
/// them validation, the rest train; negatives after the first validation item are dropped.
enum TemporalSplit {
    /// round(0.2·n) in integers, as MODEL-SPEC fixes it.
    static func testCount(positives n: Int) -> Int { max(1, (2 * n + 5) / 10) }
    /// round(0.1·n) in integers.
    static func validationCount(positives n: Int) -> Int { max(1, (n + 5) / 10) }

    static func roles(of dataset: Dataset) -> [Role] {
        var roles = [Role](repeating: .train, count: dataset.interactionCount)
        let feedback = dataset.interactions.feedback
        var positives: [Int32] = []
        for u in 0..<Int32(dataset.userCount) {
            for s in 0..<Int32(dataset.sceneCount) {
                let history = dataset.history(ofUser: u, scene: s)
                positives.removeAll(keepingCapacity: true)
                for i in history where feedback[Int(i)] >= 0 { positives.append(i) }
                let n = positives.count
                guard n >= 3 else { continue }
                let tests = testCount(positives: n), validations = validationCount(positives: n)
                for k in (n - tests)..<n { roles[Int(positives[k])] = .test }
                let firstValidation = n - tests - validations
                for k in firstValidation..<(n - tests) { roles[Int(positives[k])] = .validation }
                let cutoff = dataset.sequencePosition[Int(positives[firstValidation])]
                for i in history where feedback[Int(i)] < 0 && dataset.sequencePosition[Int(i)] > cutoff {
                    roles[Int(i)] = .dropped
                }
            }
        }
        return roles
    }
}
