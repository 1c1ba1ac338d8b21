import ArgumentParser
import Foundation
import InterestData
import InterestModel

/// `mist-bench cohort`: how long a cohort's average attention takes at one million users (issue 11
/// asks for less than 10 s in release). Uses `mist-bench ui`'s generated dataset (cached) and a
/// model with the default settings, untrained: the time of a forward pass does not depend on the
/// weights' values. Reports selecting the users, then averaging attention over a cohort and over
/// everyone.
struct CohortBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cohort", abstract: "Cohort selection and average attention at one million users.")

    @Option(help: "Users of the generated dataset.")
    var users = 1_000_000

    @Option(help: "Where generated datasets are cached (default: the temp directory).")
    var cache: String?

    @Option(help: "Cohort expression to time.")
    var expression = "active in tech and inactive in news"

    func run() async throws {
        let data = try UIBench.dataset(users: users, meanInteractions: 4, cache: cache)
        let dataset = data.dataset
        let model = TransferModel(parameters: ModelParameters(hyperparameters: Hyperparameters(), itemCount: dataset.itemCount,
                                                              topicCount: dataset.topicCount, sceneCount: dataset.sceneCount),
                                  dataset: dataset)
        var start = Date()
        let facts = CohortFacts(dataset: dataset)
        let cohort = try Cohort(parsing: expression, in: dataset)
        let chosen = cohort.users(in: facts)
        UIBench.emit(["bench": "cohort", "step": "select", "expression": expression, "users": dataset.userCount,
                      "selected": chosen.count, "seconds": Date().timeIntervalSince(start)])
        for (label, members) in [("cohort", chosen), ("all users", Array(0..<dataset.userCount))] {
            start = Date()
            let averaged = model.cohortAttention(users: members, in: dataset)!
            UIBench.emit(["bench": "cohort", "step": "average attention (three views)", "of": label, "users": members.count,
                          "averaged": averaged.averaged, "seconds": Date().timeIntervalSince(start)])
        }
    }
}
