import Foundation
@testable import InterestData
@testable import InterestModel
import Testing

/// `planted-estimated`: the MAP estimate of the users' tastes under the generator's choice model is
/// a correct maximisation (gradient against finite differences, the objective rises to a
/// stationary point), it learns from the data (above popularity, below `planted`, closer to the
/// truth with more interactions), and it refuses to run without a split. The topic regime's estimator: PlantedEstimatedTopicTests.
@Suite struct PlantedEstimatedTests {
    static func latent(users: Int = 300, interactions: Double = 20, seed: UInt64 = 11) -> GeneratorParameters {
        GeneratorParameters(seed: seed, users: users, scenes: GeneratorParameters.plainScenes(6), itemsPerScene: 60,
                            meanInteractionsPerUser: interactions, regime: .latent)
    }

    static func factors(_ world: PlantedWorld) throws -> FactorWorld {
        guard case .factors(let factors) = world.mechanism else { throw PlantedWorldError(description: "not a latent world") }
        return factors
    }

    /// Every interaction of generator user u in `dataset` as a (generator scene, generator item) choice.
    static func choices(of u: Int, world: PlantedWorld, dataset: Dataset) -> [(scene: Int, item: Int)] {
        let user = dataset.userIndex(id: world.userIDs[u])!
        let items = Dictionary(uniqueKeysWithValues: world.itemIDs.enumerated().map { ($1, $0) })
        return dataset.sequence(ofUser: user).map { i in
            let v = dataset.interactions.item[Int(i)]
            return (Int(dataset.interactionScene[Int(i)]), items[dataset.itemID(v)]!)
        }
    }

    @Test func theGradientMatchesFiniteDifferencesAndTheAscentReachesAStationaryPointUphill() throws {
        let (files, world) = SyntheticGenerator.generatePlanted(Self.latent(users: 40))
        let dataset = try PlantedCeilingTests.load(files)
        // A user with choices in at least two scenes, so that T mixes several θs into the gradient.
        let u = try #require((0..<40).first { u in Set(Self.choices(of: u, world: world, dataset: dataset).map(\.scene)).count >= 2 })
        let posterior = try #require(world.tastePosterior(choices: Self.choices(of: u, world: world, dataset: dataset)))
        #expect(posterior.dimension == 6 * 8)
        // An arbitrary, deterministic point away from the prior mode.
        let x = (0..<posterior.dimension).map { 0.7 * sin(1.3 * Double($0) + 0.4) }
        let (_, gradient) = posterior.valueAndGradient(x)
        let h = 1e-5
        for d in x.indices {
            var up = x, down = x
            up[d] += h; down[d] -= h
            let numeric = (posterior.valueAndGradient(up).value - posterior.valueAndGradient(down).value) / (2 * h)
            #expect(abs(numeric - gradient[d]) < 1e-5 * max(1, abs(numeric)), "∂/∂x[\(d)]: analytic \(gradient[d]), numeric \(numeric)")
        }
        // The maximum is above the start (the prior mode) and above the test point, with a vanishing gradient.
        let (theta, value, iterations) = posterior.maximum()
        let flat = theta.flatMap { $0 }
        let atMaximum = posterior.valueAndGradient(flat)
        #expect(abs(atMaximum.value - value) < 1e-12)
        #expect(value > posterior.valueAndGradient([Double](repeating: 0, count: x.count)).value)
        #expect(value > posterior.valueAndGradient(x).value)
        #expect(atMaximum.gradient.map(abs).max()! < 1e-5 && iterations > 0)
        // Deterministic: the same choices give the same estimate.
        #expect(world.estimatedTastes(choices: Self.choices(of: u, world: world, dataset: dataset)) == theta)
        // Converged for every user, not just this one: the gradient vanishes at each estimate.
        for user in 0..<40 {
            let choices = Self.choices(of: user, world: world, dataset: dataset)
            let estimate = world.estimatedTastes(choices: choices).flatMap { $0 }
            let slope = try #require(world.tastePosterior(choices: choices)).valueAndGradient(estimate).gradient.map(abs).max()!
            #expect(slope < 1e-5, "user \(user): largest gradient component \(slope) at the estimate")
        }
        // No choice: the prior's mode.
        #expect(world.estimatedTastes(choices: []) == Array(repeating: Array(repeating: 0, count: 8), count: 6))
    }

    @Test func itLearnsFromTheDataBetweenPopularityAndPlanted() throws {
        let dataset = try PlantedCeilingTests.load(SyntheticGenerator.generate(Self.latent()))
        let split = Split(dataset: dataset, seed: 42)
        let world = try PlantedWorld.regenerated(for: dataset)
        let warm = { (scorer: any CaseScorer) in
            Evaluator.evaluate(scorer, cases: split.warmTestCases, dataset: dataset).overall.average(at: 10).ndcg
        }
        let estimated = try PlantedCeiling(.plantedEstimated, world: world, dataset: dataset, split: split)
        let planted = warm(try PlantedCeiling(.planted, world: world, dataset: dataset))
        let popularity = warm(PopularityBaseline(dataset: dataset, split: split))
        let learned = warm(estimated)
        print("warm NDCG@10: planted \(planted), planted-estimated \(learned), popularity \(popularity)")
        #expect(learned > 1.1 * popularity, "planted-estimated \(learned) vs popularity \(popularity)")
        #expect(learned < planted, "planted-estimated \(learned) vs planted \(planted)")
        // Estimated from the same train interactions whatever the threads.
        let oneThread = try PlantedCeiling(.plantedEstimated, world: world, dataset: dataset, split: split, threads: 1)
        #expect(oneThread.estimated == estimated.estimated)
        // A cold case's hidden scene is never seen: its interactions change nothing.
        let cold = try #require(split.coldCases.first)
        let train = dataset.sequence(ofUser: cold.user).filter { split.roles[Int($0)] == .train }
        #expect(!train.contains { dataset.interactionScene[Int($0)] == cold.scene })
    }

    /// Pearson's correlation between what the estimated and the planted tastes say drives each
    /// scene a user chose in (`driving(theta, scene)`), over the first `users` users: how much of
    /// the truth the user's choices reveal to `planted-estimated`.
    static func estimateCorrelation(world: PlantedWorld, dataset: Dataset, users: Int, planted: [[[Double]]],
                                    driving: ([[Double]], Int) -> [Double]) -> Double {
        var pairs: [(Double, Double)] = []
        for u in 0..<users {
            let choices = choices(of: u, world: world, dataset: dataset)
            let estimate = world.estimatedTastes(choices: choices)
            for s in Set(choices.map(\.scene)) { pairs += zip(driving(estimate, s), driving(planted[u], s)).map { ($0, $1) } }
        }
        let n = Double(pairs.count)
        let mx = pairs.reduce(0) { $0 + $1.0 } / n, my = pairs.reduce(0) { $0 + $1.1 } / n
        let sxy = pairs.reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) }
        let sxx = pairs.reduce(0) { $0 + ($1.0 - mx) * ($1.0 - mx) }, syy = pairs.reduce(0) { $0 + ($1.1 - my) * ($1.1 - my) }
        return sxy / (sxx * syy).squareRoot()
    }

    @Test func moreInteractionsBringTheEstimateCloserToTheTruth() throws {
        func correlation(interactions: Double) throws -> Double {
            var parameters = Self.latent(users: 120, interactions: interactions)
            // Enough items that a heavy user is not capped at half a scene.
            parameters.itemsPerScene = 200
            let (files, world) = SyntheticGenerator.generatePlanted(parameters)
            let dataset = try PlantedCeilingTests.load(files)
            let factors = try Self.factors(world)
            // The taste that drives scene s, Σ_k T[s,k]θ_k/‖T_s‖: what choices there identify.
            return Self.estimateCorrelation(world: world, dataset: dataset, users: 120, planted: factors.theta) { theta, s in
                FactorWorld.drivingTaste(theta: theta, scene: s, transfer: world.transfer, rowNorm: factors.rowNorms[s])
            }
        }
        let few = try correlation(interactions: 6), many = try correlation(interactions: 80)
        print("corr(taste estimated, planted) in the scenes chosen in: 6 interactions a user \(few), 80: \(many)")
        #expect(few > 0.1 && many > few + 0.15, "few \(few), many \(many)")
    }

    @Test func itRefusesAMissingSplitWithTheReason() throws {
        let latent = try PlantedCeilingTests.load(SyntheticGenerator.generate(Self.latent(users: 40)))
        #expect { _ = try PlantedCeiling(.plantedEstimated, world: try PlantedWorld.regenerated(for: latent), dataset: latent) } throws: {
            "\($0)".contains("learns from a split's train interactions")
        }
    }

    @Test func aComparisonGivesPlantedEstimatedCeilingLiftsNotABaselinesPlace() throws {
        let dataset = try PlantedCeilingTests.load(SyntheticGenerator.generate(Self.latent(users: 200)))
        let request = ComparisonRequest(models: ["planted-estimated", "popularity"], hyperparameters: Hyperparameters(), full: "")
        let (comparison, _) = try Comparison.run(dataset: dataset, splits: [Split(dataset: dataset, seed: 42)], request: request)
        #expect(Comparison.ceilings.contains("planted-estimated") && !Comparison.baselines.contains("planted-estimated"))
        #expect(comparison.ceilingLift("planted-estimated", over: "popularity", metric: "ndcg") != nil)
        #expect(comparison.lifts.isEmpty)
    }
}
