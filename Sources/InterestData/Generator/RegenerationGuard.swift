import Foundation

/// truth.json is a file like any other: a crafted one may carry generator parameters that would
/// make regenerating take hours, exhaust memory or trap (a negative user count, a NaN rate, a
/// factor rank of a billion). Before the ceilings regenerate a dataset from it, these checks hold
/// the parameters to what `mist generate` can write and to the dataset's own sizes; anything else
/// cannot reproduce the dataset anyway, so it is refused with the field that is wrong.
extension GeneratorParameters {
    /// Why regenerating from these parameters is refused for `dataset`, or nil when it may be tried.
    public func regenerationProblem(for dataset: Dataset) -> String? {
        if users != dataset.userCount { return "generator.users is \(users), the dataset has \(dataset.userCount) users" }
        if scenes.map(\.id) != dataset.scenes.map(\.id) {
            return "generator.scenes (\(scenes.map(\.id).joined(separator: ", "))) are not the dataset's (\(dataset.scenes.map(\.id).joined(separator: ", ")))"
        }
        // The topic regime writes about, not exactly, itemsPerScene per scene (1206 items for 4 × 300).
        let (items, overflow) = itemsPerScene.multipliedReportingOverflow(by: scenes.count)
        if itemsPerScene < 1 || overflow || items > 2 * dataset.itemCount + 100 {
            return "generator.itemsPerScene is \(itemsPerScene) for \(scenes.count) scenes, the dataset has \(dataset.itemCount) items"
        }
        // The generator draws about users × mean interactions; far more than the dataset holds
        // cannot reproduce it (and could take very long to try).
        if !(meanInteractionsPerUser > 0) || Double(users) * meanInteractionsPerUser > 4 * Double(dataset.interactionCount) + 1000 {
            return "generator.meanInteractionsPerUser is \(meanInteractionsPerUser), which cannot give the dataset's \(dataset.interactionCount) interactions"
        }
        switch (regime ?? .topic, factors) {
        case (.topic, nil): break
        case (.topic, .some): return "generator.factors is given for the topic regime, which has none"
        case (_, nil): return "generator.factors is missing for the \((regime ?? .topic).rawValue) regime"
        case (_, .some(let shape)):
            if let problem = shape.regenerationProblem(itemsPerScene: itemsPerScene) { return "generator.factors.\(problem)" }
        }
        let rates: [(String, Double, ClosedRange<Double>)] = [
            ("explorationRate", explorationRate, 0...1),
            ("interestConcentration", interestConcentration, 1e-6...100),
            ("diagonalWeight", diagonalWeight, 0.05...0.92),
            ("partnerWeight", partnerWeight, 0.03...0.92),
            ("popularityExponent", popularityExponent, 0...10),
        ]
        for (name, value, range) in rates where !range.contains(value) {
            return "generator.\(name) is \(value), outside \(range.lowerBound)…\(range.upperBound)"
        }
        if diagonalWeight + partnerWeight > 0.92 { return "generator.diagonalWeight + partnerWeight is above 0.92" }
        if let problem = Self.sharesProblem(activeSceneShares) { return "generator.activeSceneShares \(problem)" }
        // Ten thousand years of seconds: enough for any real log, far from Int64 overflow.
        let maximumSpan: Int64 = 10_000 * 366 * 86_400
        if timeSpan < 1 || timeSpan > maximumSpan || abs(startTime) > maximumSpan {
            return "generator.timeSpan (\(timeSpan)) or startTime (\(startTime)) is outside ±\(maximumSpan) seconds"
        }
        return nil
    }

    static func sharesProblem(_ shares: [Double]) -> String? {
        shares.isEmpty || shares.count > 64 || !shares.allSatisfy({ $0 >= 0 && $0.isFinite }) || !(shares.reduce(0, +) > 0)
            ? "must be 1…64 finite shares ≥ 0 with a positive sum" : nil
    }
}

extension FactorShape {
    /// The field of a latent-factor shape outside what the generator can run on, or nil.
    func regenerationProblem(itemsPerScene: Int) -> String? {
        if !(1...64).contains(rank) { return "rank is \(rank), outside 1…64" }
        if !(1...max(1, itemsPerScene)).contains(topicsPerScene) { return "topicsPerScene is \(topicsPerScene), outside 1…\(itemsPerScene)" }
        let values: [(String, Double, ClosedRange<Double>)] = [
            ("topicCoherence", topicCoherence, 0...1), ("diagonalWeight", diagonalWeight, 0...1),
            ("diagonalJitter", diagonalJitter, 0...0.5), ("sourceConcentration", sourceConcentration, 1e-6...100),
            ("affinityScale", affinityScale, 0...100), ("popularityExponent", popularityExponent, 0...10),
            ("sceneSkew", sceneSkew, 0...10), ("activitySpread", activitySpread, 0...10), ("feedbackNoise", feedbackNoise, 0...100),
        ]
        for (name, value, range) in values where !range.contains(value) {
            return "\(name) is \(value), outside \(range.lowerBound)…\(range.upperBound)"
        }
        return GeneratorParameters.sharesProblem(activeSceneShares).map { "activeSceneShares \($0)" }
    }
}
