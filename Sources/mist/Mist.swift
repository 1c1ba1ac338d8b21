import ArgumentParser
import Foundation
import TerminalUI

/// The `mist` command. Each subcommand lives in its own file; `explore` is the default so that a bare
/// `mist` opens the explorer on the bundled sample data.
@main
struct Mist: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mist",
        abstract: "Multi-scene interest transfer: explore, train, evaluate and inspect the model.",
        subcommands: [
            ExploreCommand.self, TrainCommand.self, EvaluateCommand.self, RecommendCommand.self,
            InspectCommand.self, CasesCommand.self, GenerateCommand.self, ValidateCommand.self, SplitCommand.self, ReportCommand.self, RunsCommand.self,
        ],
        defaultSubcommand: ExploreCommand.self)

    /// ArgumentParser's own `main`, except that an error message is printed with its control
    /// characters escaped: messages quote ids and titles from data files and checkpoints, which
    /// must not reach the terminal as escape sequences (see `SafeText`).
    static func main() async {
        do {
            var command = try await asyncParseAsRoot(nil)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code == .success { exit(withError: error) }  // --help, --version: as ArgumentParser prints them
            let text = fullMessage(for: error)
            if !text.isEmpty { FileHandle.standardError.write(Data((SafeText.printableLines(text) + "\n").utf8)) }
            Foundation.exit(code.rawValue)
        }
    }
}
