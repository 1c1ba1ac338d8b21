import Foundation
import InterestData

/// Why a run could not be created, found or read.
public enum RunStoreError: Error, CustomStringConvertible, Equatable {
    case cannotCreate(path: String, reason: String)
    case cannotWrite(path: String, reason: String)
    case unreadable(path: String, reason: String)
    /// No run folder or id `reference` in `root`.
    case notFound(reference: String, root: String)
    /// `reference` is the start of several run ids.
    case ambiguous(reference: String, matches: [String])

    public var description: String {
        switch self {
        case let .cannotCreate(path, reason): return "cannot create the run folder \(path): \(reason)"
        case let .cannotWrite(path, reason): return "cannot write \(path): \(reason)"
        case let .unreadable(path, reason): return "\(path): not a readable run: \(reason)"
        case let .notFound(reference, root): return "no run \"\(reference)\": not a run folder, and no run id in \(root) starts with it"
        case let .ambiguous(reference, matches):
            return "\"\(reference)\" names several runs (\(matches.joined(separator: ", "))): give more of the id"
        }
    }
}

/// The runs of a dataset: one folder per training under a root folder (docs/EXPLORER.md, "Runs").
///
/// ```
/// runs/20261201-001503-3fa9/
///   run.json           RunRecord: id, times, status, settings, split and dataset fingerprints,
///                      per-epoch warm and cold validation, best epoch, test rows when evaluated
///   losses.csv         step,epoch,loss — one row per training step
///   model.safetensors  the kept (best) weights; with the training state when the run was stopped
/// ```
///
/// Every file is written whole to a temporary file and renamed (`AtomicFile`), as training goes
/// (at the start, every epoch's end, at most every two seconds of steps, and the end), so a reader
/// never sees half a file and a killed run is still listed (as `unfinished`).
public enum RunStore {
    public static let recordFile = "run.json"
    public static let lossesFile = "losses.csv"
    public static let modelFile = "model.safetensors"

    /// Where the runs of the dataset folder `directory` go: `override` (`--runs DIR`) when given;
    /// else `DIR/runs` beside the data; but never inside a shipped or read-only dataset: for a
    /// folder named `sample-data` (the bundled sample, whose files are part of the package) or one
    /// that cannot be written, `runs/<folder name>/` in `currentDirectory` instead.
    public static func root(forDataset directory: String, override: String? = nil,
                            currentDirectory: String = FileManager.default.currentDirectoryPath) -> String {
        if let override, !override.isEmpty { return override }
        let resolved = resolvedPath(directory) ?? directory
        let name = URL(fileURLWithPath: resolved).standardized.lastPathComponent
        if isShipped(resolved) || access(resolved, W_OK | X_OK) != 0 {
            return PathJoin.join(PathJoin.join(currentDirectory, "runs"), name.isEmpty ? "data" : name)
        }
        return PathJoin.join(directory, "runs")
    }

    /// The bundled sample data (by its folder name): never written into.
    public static func isShipped(_ directory: String) -> Bool {
        let resolved = resolvedPath(directory) ?? directory
        return URL(fileURLWithPath: resolved).standardized.lastPathComponent == "sample-data"
    }

    static func resolvedPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// A new id for a run started at `date`: "20261201-001503-3fa9".
    public static func newID(at date: Date = Date()) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        let suffix = String(UInt16.random(in: 0...UInt16.max), radix: 16)
        return formatter.string(from: date) + "-" + String(repeating: "0", count: 4 - suffix.count) + suffix
    }

    /// ISO 8601 in UTC, to the millisecond (so runs started in the same second still sort by start).
    public static func timestamp(_ date: Date = Date()) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    /// Creates the folder of a new run under `root` (created if missing) and writes its first
    /// `run.json`; the record's id becomes the folder's name (a fresh one if it is taken).
    public static func create(in root: String, record: RunRecord) throws(RunStoreError) -> StoredRun {
        do { try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true) } catch {
            throw .cannotCreate(path: root, reason: (error as NSError).localizedDescription)
        }
        var record = record
        for attempt in 0..<16 {
            if attempt > 0 { record.id = newID() }
            let folder = PathJoin.join(root, record.id)
            if mkdir(folder, 0o755) == 0 {
                let run = StoredRun(folder: folder, record: record)
                try write(record, to: folder)
                return run
            }
            if errno != EEXIST { throw .cannotCreate(path: folder, reason: String(cString: strerror(errno))) }
        }
        throw .cannotCreate(path: root, reason: "no free run id")
    }

    /// Writes `run.json` of the run in `folder` (atomically).
    public static func write(_ record: RunRecord, to folder: String) throws(RunStoreError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let path = PathJoin.join(folder, recordFile)
        do {
            let data = try encoder.encode(record)
            try AtomicFile.write(Array(data) + [10], to: path)
        } catch {
            throw .cannotWrite(path: path, reason: "\(error)")
        }
    }

    /// Writes `losses.csv` of the run in `folder` (atomically).
    public static func write(_ losses: [RunLoss], to folder: String) throws(RunStoreError) {
        var text = "step,epoch,loss\n"
        text.reserveCapacity(16 + losses.count * 24)
        for l in losses { text += "\(l.step),\(l.epoch),\(l.loss)\n" }
        let path = PathJoin.join(folder, lossesFile)
        do { try AtomicFile.write(text, to: path) } catch { throw .cannotWrite(path: path, reason: "\(error)") }
    }

    /// Reads the run in `folder`.
    public static func read(folder: String) throws(RunStoreError) -> StoredRun {
        let path = PathJoin.join(folder, recordFile)
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path, reason: "no \(recordFile)") }
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        do {
            let record = try decoder.decode(RunRecord.self, from: data)
            guard record.format == RunRecord.format else { throw RunStoreError.unreadable(path: path, reason: "format \"\(record.format)\"") }
            return StoredRun(folder: folder, record: record)
        } catch let error as RunStoreError {
            throw error
        } catch {
            throw .unreadable(path: path, reason: "\(error)")
        }
    }

    /// The per-step losses of the run in `folder` (empty when it has none yet); rows that do not
    /// parse are skipped.
    public static func losses(folder: String) -> [RunLoss] {
        guard let data = FileManager.default.contents(atPath: PathJoin.join(folder, lossesFile)) else { return [] }
        var losses: [RunLoss] = []
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n").dropFirst() {
            let parts = line.split(separator: ",")
            guard parts.count == 3, let step = Int(parts[0]), let epoch = Int(parts[1]), let loss = Float(parts[2]) else { continue }
            losses.append(RunLoss(step: step, epoch: epoch, loss: loss))
        }
        return losses
    }

    /// Every readable run under `root`, oldest first (by start time, then id). Folders that are not
    /// runs are left out.
    public static func list(root: String) -> [StoredRun] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: root) else { return [] }
        return names.compactMap { name -> StoredRun? in
            let folder = PathJoin.join(root, name)
            guard FileManager.default.fileExists(atPath: PathJoin.join(folder, recordFile)) else { return nil }
            return try? read(folder: folder)
        }.sorted { ($0.record.started, $0.id) < ($1.record.started, $1.id) }
    }

    /// The run `reference` names: a run folder (a path holding `run.json`), else a run id in
    /// `root`, or the unique run whose id starts with it.
    public static func find(_ reference: String, root: String) throws(RunStoreError) -> StoredRun {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: reference, isDirectory: &isDirectory), isDirectory.boolValue,
           FileManager.default.fileExists(atPath: PathJoin.join(reference, recordFile)) {
            return try read(folder: reference)
        }
        let runs = list(root: root)
        if let exact = runs.first(where: { $0.id == reference }) { return exact }
        let matches = runs.filter { !reference.isEmpty && $0.id.hasPrefix(reference) }
        if matches.count == 1 { return matches[0] }
        if matches.count > 1 { throw .ambiguous(reference: reference, matches: matches.map(\.id)) }
        throw .notFound(reference: reference, root: root)
    }

    /// Whether `reference` names a run (a run folder, or an id in `root`) rather than a file.
    public static func names(_ reference: String, root: String) -> Bool {
        (try? find(reference, root: root)) != nil
    }

    /// The run a checkpoint belongs to: the run whose folder holds it, when it is one.
    public static func run(holding modelPath: String) -> StoredRun? {
        let folder = PathParts.split(modelPath).folder
        guard FileManager.default.fileExists(atPath: PathJoin.join(folder, recordFile)) else { return nil }
        return try? read(folder: folder)
    }

    /// Records test rows (`mist evaluate`, the explorer's `e`) in the run in `folder`.
    public static func recordTest(_ rows: [ComparisonRow], folder: String) throws(RunStoreError) {
        var run = try read(folder: folder)
        run.record.test = rows
        run.record.updated = timestamp()
        try write(run.record, to: folder)
    }
}
