import ArgumentParser
import Foundation
import InterestData
import InterestModel

/// `--runs DIR`: where the runs of a dataset are kept (`RunStore.root`).
struct RunsLocation: ParsableArguments {
    @Option(help: ArgumentHelp("Folder of the training runs (default: DATA/runs, or ./runs/<dataset folder name> when DATA is the shipped sample-data or read-only).",
                               valueName: "dir"))
    var runs: String?

    func root(for data: String) -> String { RunStore.root(forDataset: data, override: runs) }
}

/// `mist runs [DATA] [--json]` lists the runs; `--compare A B` puts two side by side.
struct RunsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs", abstract: "List the training runs of a dataset, or compare two of them.",
        discussion: "Every `mist train` and every training started in the explorer is a run: a folder holding run.json (settings, split and dataset fingerprints, status, per-epoch validation, test metrics once evaluated), losses.csv and model.safetensors. A run is named by its id, a unique start of it, or its folder.")

    @Argument(help: "Dataset folder whose runs to list.")
    var data: String = "sample-data"

    @OptionGroup var location: RunsLocation

    @Option(parsing: .upToNextOption, help: ArgumentHelp("Compare two runs: settings side by side, metrics with B − A.", valueName: "run"))
    var compare: [String] = []

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func validate() throws {
        guard compare.isEmpty || compare.count == 2 else {
            throw ValidationError("--compare takes two runs (got \(compare.count)): mist runs --compare A B")
        }
    }

    func run() throws {
        let root = location.root(for: data)
        if compare.count == 2 {
            let a = try RunStore.find(compare[0], root: root), b = try RunStore.find(compare[1], root: root)
            let comparison = RunComparison(a.record, b.record)
            if json { print(Self.json(comparison)) } else { printText(Self.table(comparison, a: a, b: b)) }
            return
        }
        let runs = RunStore.list(root: root)
        if json {
            print(Self.json(runs.map(RunListing.init)))
        } else if runs.isEmpty {
            printText("no runs in \(root) yet: `mist train \(data)` records one")
        } else {
            printText("runs in \(root)")
            printText(Self.table(runs))
        }
    }

    /// One line of `mist runs --json`.
    struct RunListing: Codable, Equatable {
        var id: String
        var folder: String
        var started: String
        var status: RunStatus
        var settings: [String: String]
        var epochs: Int
        var bestEpoch: Int?
        var bestValidationNDCG10: Double?
        var bestColdValidationNDCG10: Double?
        var hasModel: Bool
        var resumable: Bool

        init(_ run: StoredRun) {
            let r = run.record
            id = r.id
            folder = run.folder
            started = r.started
            status = r.effectiveStatus
            settings = Dictionary(uniqueKeysWithValues: RunSettings.differences(r.hyperparameters).map { ($0.key, $0.value) })
            epochs = r.epochs.count
            bestEpoch = r.best?.epoch
            bestValidationNDCG10 = r.bestValidationNDCG10
            bestColdValidationNDCG10 = r.best?.coldValidationNDCG10
            hasModel = r.hasModel
            resumable = r.isResumable
        }
    }

    static func json<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: (try? encoder.encode(value)) ?? Data(), as: UTF8.self)
    }

    /// "2026-12-01 00:15" from "2026-12-01T00:15:03Z".
    static func shortTime(_ iso: String) -> String {
        String(iso.replacingOccurrences(of: "T", with: " ").prefix(16))
    }

    static func number(_ value: Double?, decimals: Int = 4) -> String {
        guard let value else { return "–" }
        return String(format: "%.\(decimals)f", value)
    }

    static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let gap = String(repeating: " ", count: max(0, width - text.count))
        return right ? gap + text : text + gap
    }

    /// The list: id, start, status, epochs, best validation NDCG@10 (warm, cold), settings that
    /// differ from the defaults.
    static func table(_ runs: [StoredRun]) -> String {
        let header = ["id", "started (UTC)", "status", "epochs", "val NDCG@10", "cold", "settings (≠ defaults)"]
        let rows = runs.map { run -> [String] in
            let r = run.record
            return [r.id, shortTime(r.started), r.effectiveStatus.rawValue, String(r.epochs.count), number(r.bestValidationNDCG10),
                    number(r.best?.coldValidationNDCG10), RunSettings.summary(r.hyperparameters)]
        }
        return align([header] + rows, rightAligned: [3, 4, 5])
    }

    static func align(_ rows: [[String]], rightAligned: Set<Int>) -> String {
        let widths = (0..<rows[0].count).map { c in rows.map { $0[c].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { c, cell in c == row.count - 1 && !rightAligned.contains(c) ? cell : pad(cell, widths[c], right: rightAligned.contains(c)) }
                .joined(separator: "  ")
        }.joined(separator: "\n")
    }

    /// Settings side by side (`*` where they differ), then metrics with B − A.
    static func table(_ comparison: RunComparison, a: StoredRun, b: StoredRun) -> String {
        var lines = ["A \(a.id)  \(a.record.effectiveStatus.rawValue)  \(a.folder)", "B \(b.id)  \(b.record.effectiveStatus.rawValue)  \(b.folder)", ""]
        var settings = [["setting", "A", "B", ""]]
        for s in comparison.settings { settings.append([s.key, s.a, s.b, s.differs ? "*" : ""]) }
        lines.append(align(settings, rightAligned: []))
        lines.append("")
        var metrics = [["metric", "A", "B", "B − A"]]
        for m in comparison.metrics {
            let decimals = ["best epoch", "epochs"].contains(m.name) ? 0 : m.name == "seconds" ? 1 : 4
            let difference = m.difference.map { (d: Double) -> String in
                (d > 0 ? "+" : "") + number(d, decimals: decimals)
            } ?? "–"
            metrics.append([m.name, number(m.a, decimals: decimals), number(m.b, decimals: decimals), difference])
        }
        lines.append(align(metrics, rightAligned: [1, 2, 3]))
        return lines.joined(separator: "\n")
    }
}
