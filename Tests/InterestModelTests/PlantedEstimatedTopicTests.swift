import Foundation
@testable import InterestData
@testable import InterestModel
import Testing

/// `planted-estimated` on the topic regime: the MAP estimate of the users' topic interests
/// (`TopicPosterior`) is a correct maximisation (gradient against finite differences, a stationary
/// point uphill of the prior mode), and it learns from the data (warm NDCG@10 above popularity and
/// below `planted`; the estimated mix closer to the planted one with more interactions).
@Suite struct PlantedEstimatedTopicTests {
    static func topic(users: Int = 300, itemsPerScene: Int = 120, interactions: Double = 20, seed: UInt64 = 11) -> GeneratorParameters {
        GeneratorParameters(seed: seed, users: users, itemsPerScene: itemsPerScene, meanInteractionsPerUser: interactions)
    }

    static func topics(_ world: PlantedWorld) throws -> TopicWorld {
        guard case .topics(let topics) = world.mechanism else { throw PlantedWorldError(description: "not a topic world") }
        return topics
    }

    @Test func theGradientMatchesFiniteDifferencesAndTheAscentReachesAStationaryPointUphill() throws {
        let (files, world) = SyntheticGenerator.generatePlanted(Self.topic(users: 40))
        let dataset = try PlantedCeilingTests.load(files)
        let choicesOf = { (u: Int) in PlantedEstimatedTests.choices(of: u, world: world, dataset: dataset) }
        // A user with choices in at least two scenes, so that T mixes several θs into the gradient.
        let u = try #require((0..<40).first { Set(choicesOf($0).map(\.scene)).count >= 2 })
        let posterior = try #require(world.topicPosterior(choices: choicesOf(u)))
        #expect(world.tastePosterior(choices: choicesOf(u)) == nil)
        let scenes = world.sceneIDs.count, topics = try Self.topics(world).prevalence[0].count
        #expect(posterior.dimension == scenes * topics)
        // σ² from α = 0.1 over C topics: the logistic-normal match of the Dirichlet.
        #expect(abs(posterior.variance - (1 - 1 / Double(topics)) / 0.1) < 1e-12)
        // An arbitrary, deterministic point away from the prior mode.
        let x = (0..<posterior.dimension).map { 1.5 * sin(1.3 * Double($0) + 0.4) }
        let (_, gradient) = posterior.valueAndGradient(x)
        let h = 1e-5
        for d in x.indices {
            var up = x, down = x
            up[d] += h; down[d] -= h
            let numeric = (posterior.valueAndGradient(up).value - posterior.valueAndGradient(down).value) / (2 * h)
            #expect(abs(numeric - gradient[d]) < 1e-5 * max(1, abs(numeric)), "∂/∂x[\(d)]: analytic \(gradient[d]), numeric \(numeric)")
        }
        // The maximum is above the start (the prior mode) and the test point, with a vanishing gradient.
        let (theta, value, iterations) = posterior.maximum()
        #expect(theta.count == scenes && theta.allSatisfy { $0.count == topics && abs($0.reduce(0, +) - 1) < 1e-9 })
        #expect(value > posterior.valueAndGradient([Double](repeating: 0, count: x.count)).value)
        #expect(value > posterior.valueAndGradient(x).value)
        #expect(iterations > 0)
        // Deterministic: the same choices give the same estimate.
        #expect(world.estimatedTastes(choices: choicesOf(u)) == theta)
        // Converged for every user: the gradient vanishes at each estimate's η (recovered as log θ,
        // centred: softmax is invariant to a shift, and the prior's optimum has Σ_c η_c = 0).
        for user in 0..<40 {
            let choices = choicesOf(user)
            let estimate = world.estimatedTastes(choices: choices)
            let eta = estimate.flatMap { theta in
                let logs = theta.map { log($0) }
                let mean = logs.reduce(0, +) / Double(logs.count)
                return logs.map { $0 - mean }
            }
            let slope = try #require(world.topicPosterior(choices: choices)).valueAndGradient(eta).gradient.map(abs).max()!
            #expect(slope < 1e-4, "user \(user): largest gradient component \(slope) at the estimate")
        }
        // No choice: the prior's mode, uniform interests.
        #expect(world.estimatedTastes(choices: []) == Array(repeating: Array(repeating: 1 / Double(topics), count: topics), count: scenes))
    }

    @Test func itLearnsFromTheDataBetweenPopularityAndPlanted() throws {
        let dataset = try PlantedCeilingTests.load(SyntheticGenerator.generate(Self.topic()))
        let split = Split(dataset: dataset, seed: 42)
        let world = try PlantedWorld.regenerated(for: dataset)
        let estimated = try PlantedCeiling(.plantedEstimated, world: world, dataset: dataset, split: split)
        let planted = PlantedCeilingTests.warmNDCG(try PlantedCeiling(.planted, world: world, dataset: dataset), dataset, split)
        let popularity = PlantedCeilingTests.warmNDCG(PopularityBaseline(dataset: dataset, split: split), dataset, split)
        let learned = PlantedCeilingTests.warmNDCG(estimated, dataset, split)
        print("topic warm NDCG@10: planted \(planted), planted-estimated \(learned), popularity \(popularity)")
        #expect(learned > 1.1 * popularity, "planted-estimated \(learned) vs popularity \(popularity)")
        #expect(learned < planted, "planted-estimated \(learned) vs planted \(planted)")
        // Estimated from the same train interactions whatever the threads.
        let oneThread = try PlantedCeiling(.plantedEstimated, world: world, dataset: dataset, split: split, threads: 1)
        #expect(oneThread.estimated == estimated.estimated)
        // A comparison runs it on topic data as a ceiling, not a baseline.
        let request = ComparisonRequest(models: ["planted-estimated", "popularity"], hyperparameters: Hyperparameters(), full: "")
        let (comparison, _) = try Comparison.run(dataset: dataset, splits: [split], request: request)
        #expect(comparison.ceilingLift("planted-estimated", over: "popularity", metric: "ndcg") != nil)
        #expect(comparison.lifts.isEmpty)
    }

    @Test func moreInteractionsBringTheEstimateCloserToTheTruth() throws {
        func correlation(interactions: Double) throws -> Double {
            let (files, world) = SyntheticGenerator.generatePlanted(Self.topic(users: 120, itemsPerScene: 300, interactions: interactions))
            let dataset = try PlantedCeilingTests.load(files)
            let planted = try Self.topics(world)
            // The mix that drives scene s, Σ_k T[s,k]θ_k: what choices there identify.
            return PlantedEstimatedTests.estimateCorrelation(world: world, dataset: dataset, users: 120, planted: planted.theta) { theta, s in
                theta[0].indices.map { c in theta.indices.reduce(0) { $0 + world.transfer[s][$1] * theta[$1][c] } }
            }
        }
        let few = try correlation(interactions: 6), many = try correlation(interactions: 80)
        print("corr(topic mix estimated, planted) in the scenes chosen in: 6 interactions a user \(few), 80: \(many)")
        #expect(few > 0.1 && many > few + 0.15, "few \(few), many \(many)")
    }
}
