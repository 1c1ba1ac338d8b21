/// `planted-estimated`: what someone who knows the generator's mechanism and every constant (T,
/// ε and, by regime, the item factors, base popularity and affinity scale, or the topic
/// prevalences and within-topic weights: all of the planted world but the users' tastes) can
/// learn of a user from the choices the user shows (docs/REGIMES.md "Ceilings").
extension PlantedWorld {
    /// The MAP estimate of one user's tastes θ(u, k) in every scene k from `choices` (generator
    /// scene, generator item index) under the generator's choice model: latent factors (length r,
    /// N(0, I) prior, `TastePosterior`; θ = 0 without a choice) or topic interests (length C, on
    /// the simplex, logistic-normal prior, `TopicPosterior`; uniform without a choice).
    public func estimatedTastes(choices: [(scene: Int, item: Int)]) -> [[Double]] {
        switch mechanism {
        case .factors: return tastePosterior(choices: choices)!.maximum().theta
        case .topics: return topicPosterior(choices: choices)!.maximum().theta
        }
    }

    /// The latent-factor posterior of a user with `choices`; nil in a topic world.
    func tastePosterior(choices: [(scene: Int, item: Int)]) -> TastePosterior? {
        guard case .factors(let world) = mechanism else { return nil }
        let byScene = chosenByScene(choices)
        return TastePosterior(world: world, transfer: transfer, exploration: parameters.explorationRate,
                              chosen: byScene.indices.filter { !byScene[$0].isEmpty }.map { ($0, byScene[$0]) })
    }

    /// The topic-interest posterior of a user with `choices`; nil in a latent-factor world.
    func topicPosterior(choices: [(scene: Int, item: Int)]) -> TopicPosterior? {
        guard case .topics(let world) = mechanism else { return nil }
        let topics = world.prevalence[0].count
        let counts = chosenByScene(choices).enumerated().filter { !$0.element.isEmpty }.map { s, items in
            var perTopic = [Double](repeating: 0, count: topics)
            for v in items {
                // Every item of a scene is in exactly one of its topics (generator-made).
                let c = world.itemsOf[s].firstIndex { $0.contains(v) }!
                perTopic[c] += 1
            }
            return (scene: s, topics: perTopic)
        }
        return TopicPosterior(world: world, transfer: transfer, exploration: parameters.explorationRate,
                              variance: TopicPosterior.priorVariance(concentration: parameters.interestConcentration, topics: topics),
                              counts: counts)
    }

    /// The chosen items (repeats kept) per generator scene.
    private func chosenByScene(_ choices: [(scene: Int, item: Int)]) -> [[Int]] {
        var byScene = [[Int]](repeating: [], count: sceneIDs.count)
        for (s, v) in choices {
            precondition(sceneItems[s].contains(v), "item \(v) is not one of scene \(s)'s")
            byScene[s].append(v)
        }
        return byScene
    }
}
