import ArgumentParser

/// The `mist` command. Each subcommand lives in its own file; `explore` is the default so that a bare
/// `mist` opens the explorer on the bundled sample data.
@main
struct Mist: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mist",
        abstract: "Multi-scene interest transfer: explore, train, evaluate and inspect the model.",
        subcommands: [
            ExploreCommand.self, TrainCommand.self, EvaluateCommand.self, RecommendCommand.self,
            InspectCommand.self, GenerateCommand.self, ValidateCommand.self, SplitCommand.self, ReportCommand.self,
        ],
        defaultSubcommand: ExploreCommand.self)
}
