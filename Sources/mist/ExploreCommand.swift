import ArgumentParser
import Explorer
import Foundation
import InterestData
import InterestModel
import TerminalUI

/// `mist explore [DATA] [--model FILE]`, the default command: opens the full-screen explorer.
/// Without DATA it opens ./sample-data, or else the sample data bundled with the package; a
/// `model.safetensors` inside the data folder is loaded when no --model is given.
struct ExploreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explore",
        abstract: "Open the terminal explorer over a dataset (and a model checkpoint, if any).")

    @Argument(help: "Dataset folder (default: ./sample-data, else the package's sample-data).")
    var data: String?

    @Option(name: .long, help: "Model checkpoint written by `mist train` (default: DATA/model.safetensors if present).")
    var model: String?

    @OptionGroup var location: RunsLocation

    @Flag(help: "Print the key tables (Markdown, as in docs/EXPLORER.md) and exit.")
    var keysMarkdown = false

    func run() throws {
        if keysMarkdown {
            print(KeyMaps.markdown(), terminator: "")
            return
        }
        let directory = try data ?? Self.defaultDataDirectory()
        let dataset: Dataset
        do { dataset = try Dataset.load(from: directory) } catch { throw OpenFailure(what: directory, problem: error) }
        let explicit = model
        let modelPath = explicit ?? directory + "/model.safetensors"
        var loaded: (model: TransferModel, info: CheckpointInfo)?
        if explicit != nil || FileManager.default.fileExists(atPath: modelPath) {
            do { loaded = try Checkpoint.load(from: URL(fileURLWithPath: modelPath), dataset: dataset) } catch {
                throw OpenFailure(what: modelPath, problem: error)
            }
        }
        var state = AppState(data: ExplorerData(dataset: dataset, directoryPath: directory), model: loaded?.model,
                             modelOrigin: loaded == nil ? "" : Self.shortPath(modelPath), modelSplitSeed: loaded?.info.splitSeed,
                             modelSplitFingerprint: loaded?.info.splitFingerprint,
                             checkpointPath: modelPath)
        // Trainings started here are recorded as runs; the run list starts with those already there.
        state.runs = RunsPanel(root: location.root(for: directory))
        state.runs.entries = RunEntry.list(root: state.runs.root!)
        // The saved cohorts (@name) live beside the runs.
        state.loadNamedCohorts(root: state.runs.root)
        if let loaded = state.runs.entry(holding: modelPath), loaded.record.hasModel { state.runs.inUse = loaded.folder }
        if let warning = Terminal.localeWarning() {
            // Said on the status line, and again on standard error after the screen closes.
            state.status = StatusMessage(id: 0, text: warning, isError: true)
            state.log.append(LogEntry(time: Date().timeIntervalSince1970, text: warning, isError: true))
            FileHandle.standardError.write(Data("warning: \(warning)\n".utf8))
        }
        try ExplorerApp.run(state)
    }

    /// ./sample-data when the current folder has one; otherwise the package's own sample-data,
    /// found from this source file's path (works for `swift run` from anywhere in a checkout).
    static func defaultDataDirectory() throws -> String {
        let local = FileManager.default.currentDirectoryPath + "/sample-data"
        if FileManager.default.fileExists(atPath: local + "/scenes.csv") { return "sample-data" }
        let packaged = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("sample-data").path
        if FileManager.default.fileExists(atPath: packaged + "/scenes.csv") { return packaged }
        throw ValidationError("no dataset given and no sample-data found (looked in ./sample-data and \(packaged)); run `mist explore DATA`")
    }

    static func shortPath(_ path: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath + "/"
        return path.hasPrefix(cwd) ? String(path.dropFirst(cwd.count)) : path
    }
}

/// A dataset or checkpoint that could not be opened. Not a `ValidationError`: the command line was
/// fine, so printing the usage text would only bury the reason.
struct OpenFailure: Error, CustomStringConvertible {
    let what: String
    let problem: any Error
    var description: String { "cannot open \(what): \(problem)" }
}
