import ArgumentParser
import Foundation
import InterestModel

/// `mist report FILE.json`: the text report of a comparison saved by `mist evaluate --json-out`,
/// so that long claims runs are read (and re-read) without training anything again.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Print the table, lifts, verdicts and tuning picks of a comparison saved by `mist evaluate --json-out`.")

    @Argument(help: "A JSON file written by `mist evaluate --json-out` (or `--json`).")
    var file: String

    func run() async throws {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: file)) } catch {
            throw ReportError(description: "\(file): cannot read it: \(error.localizedDescription)")
        }
        let comparison: Comparison
        do { comparison = try JSONDecoder().decode(Comparison.self, from: data) } catch {
            throw ReportError(description: "\(file): not a comparison written by `mist evaluate --json-out` (\(error))")
        }
        var seen = Set<String>()
        print(ComparisonReport.text(comparison, models: comparison.rows.map(\.model).filter { seen.insert($0).inserted }))
    }
}

struct ReportError: Error, CustomStringConvertible {
    let description: String
}
