import ArgumentParser
import Foundation
import InterestData

/// `mist validate DIR`: lists every problem of a dataset folder (up to a cap), or its statistics.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a dataset folder: list its problems (file, line, column, reason) or print its statistics.")

    @Argument(help: "Dataset folder (scenes.csv, items.csv, interactions.csv, optional users.csv and truth.json).")
    var directory: String

    @Option(parsing: .unconditional, help: "Stop after this many problems (1…1000000).", transform: Bounded.integer(OptionLimits.problemLimit))
    var limit = 100

    @Flag(help: "Print JSON.")
    var json = false

    func run() async throws {
        let (problems, dataset) = DatasetValidator.validate(directory: directory, limit: max(1, limit))
        if let dataset, problems.isEmpty {
            let statistics = DatasetStatistics(dataset)
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                let report = dataset.truthWarning.map { StatisticsWithWarnings(statistics: statistics, warnings: [ProblemRow($0)]) }
                    ?? StatisticsWithWarnings(statistics: statistics, warnings: [])
                print(String(decoding: try encoder.encode(report), as: UTF8.self))
            } else {
                printText(Self.describe(statistics))
                if let warning = dataset.truthWarning {
                    printText("warning: \(warning) (truth.json is optional and is ignored)")
                }
            }
            return
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let rows = problems.map { ProblemRow($0) }
            print(String(decoding: try encoder.encode(["problems": rows]), as: UTF8.self))
        } else {
            for problem in problems { printText(problem.description) }
            let count = problems.filter { if case .tooManyProblems = $0 { false } else { true } }.count
            printText("\(count) problem\(count == 1 ? "" : "s") in \(directory)")
        }
        throw ExitCode(1)
    }

    /// The statistics' own keys, plus `warnings` (truth.json problems) when there are any.
    struct StatisticsWithWarnings: Encodable {
        var statistics: DatasetStatistics
        var warnings: [ProblemRow]
        func encode(to encoder: any Encoder) throws {
            try statistics.encode(to: encoder)
            guard !warnings.isEmpty else { return }
            var container = encoder.container(keyedBy: WarningKey.self)
            try container.encode(warnings, forKey: .warnings)
        }
        enum WarningKey: String, CodingKey { case warnings }
    }

    struct ProblemRow: Encodable {
        var file: String?
        var line: Int?
        var column: String?
        var reason: String
        var message: String
        init(_ problem: DataError) {
            file = problem.location?.file
            line = problem.location?.line
            column = problem.location?.column
            reason = problem.reason
            message = problem.description
        }
    }

    static func describe(_ s: DatasetStatistics) -> String {
        func percent(_ x: Double) -> String { String(format: "%.1f%%", 100 * x) }
        var lines = [
            "users \(s.users), items \(s.items), topics \(s.topics), interactions \(s.interactions), density \(String(format: "%.5f", s.density))",
            "feedback: negative \(percent(s.sentimentShares[0])), neutral \(percent(s.sentimentShares[1])), positive \(percent(s.sentimentShares[2]))",
            "fingerprint \(s.fingerprint)",
            "",
        ]
        let labels = s.scenes.map { "\($0.id) (\($0.name))" }
        let width = max(5, labels.map(Self.displayWidth).max() ?? 0)
        func pad(_ text: String) -> String { text + String(repeating: " ", count: width - Self.displayWidth(text)) }
        lines.append(pad("scene") + "  users  items topics interactions  density  negative neutral positive")
        for (scene, label) in zip(s.scenes, labels) {
            lines.append(pad(label)
                + String(format: " %6d %6d %6d %12d  %.5f", scene.users, scene.items, scene.topics, scene.interactions, scene.density)
                + zip([10, 8, 9], scene.sentimentShares).map { width, share in
                    let text = percent(share)
                    return String(repeating: " ", count: max(0, width - text.count)) + text
                }.joined())
        }
        lines.append("")
        lines.append("users active in k scenes: " + s.usersByActiveScenes.enumerated().map { "\($0.offset): \($0.element)" }.joined(separator: ", "))
        return lines.joined(separator: "\n")
    }

    /// Terminal columns of `text`: East Asian wide characters take two.
    static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { total, scalar in
            switch scalar.value {
            case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6:
                return total + 2
            default:
                return total + 1
            }
        }
    }
}
