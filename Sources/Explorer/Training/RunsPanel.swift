import Foundation
import InterestData
import InterestModel
import TerminalUI

/// A recorded run as the explorer keeps it: its folder, `run.json` and its per-step losses.
public struct RunEntry: Sendable, Equatable {
    public var folder: String
    public var record: RunRecord
    public var losses: [Float]
    public var id: String { record.id }
    public var modelPath: String { folder + "/" + RunStore.modelFile }

    public init(folder: String, record: RunRecord, losses: [Float]) {
        self.folder = folder
        self.record = record
        self.losses = losses
    }

    /// Reads every run under `root` with its losses (oldest first).
    public static func list(root: String) -> [RunEntry] {
        RunStore.list(root: root).map { RunEntry(folder: $0.folder, record: $0.record, losses: RunStore.losses(folder: $0.folder).map(\.loss)) }
    }
}

/// The runs of the Training screen: the list (marked runs are overlaid in the charts), the HParams
/// table's sort, and which run the training in progress and the model in use belong to.
public struct RunsPanel: Sendable, Equatable {
    /// Where runs are recorded; nil when they are not (tests that train without files).
    public var root: String?
    public var entries: [RunEntry] = []
    /// Row of the list under the cursor (in the HParams sort order).
    public var cursor = 0
    /// Ids of the runs overlaid in the charts.
    public var marked: [String] = []
    /// Whether the keys move in the run list rather than in the settings form.
    public var isFocused = false
    /// HParams column the list is sorted by, and whether descending.
    public var sortColumn = 0
    public var descending = false
    /// The folder of the training in progress (from `.runStarted`).
    public var current: String?
    /// The folder of the run whose model every screen uses, when it is one.
    public var inUse: String?
    /// A save waiting for "overwrite?" to be answered.
    public var confirmingOverwrite: String?

    public init(root: String? = nil) { self.root = root }

    /// The columns the table sorts by: start, status, the metrics, then every setting whose value
    /// differs between the runs (TensorBoard's HParams: the settings that vary are the columns).
    public static let fixedColumns = ["started", "status", "val NDCG@10", "cold NDCG@10", "test NDCG@10", "epochs"]
    public var sortColumns: [String] { Self.fixedColumns + settingColumns }

    /// The option keys of the settings that are not the same in every run, in `RunSettings` order.
    public var settingColumns: [String] {
        let all = entries.map { RunSettings.all($0.record.hyperparameters) }
        guard let first = all.first else { return [] }
        return first.indices.filter { i in Set(all.map { $0[i].value }).count > 1 }.map { first[$0].key }
    }

    /// The name of the column sorted by.
    public var sortName: String {
        let columns = sortColumns
        return columns[sortColumn % columns.count]
    }

    /// The entries in the table's order.
    public var sorted: [RunEntry] {
        let column = sortName
        let ordered = entries.enumerated().sorted { a, b in
            let x = Self.key(a.element, column), y = Self.key(b.element, column)
            if x != y { return descending ? x > y : x < y }
            return a.offset < b.offset
        }
        return ordered.map(\.element)
    }

    /// A sortable key: numbers by value (missing ones first), text by text.
    static func key(_ entry: RunEntry, _ column: String) -> SortKey {
        let r = entry.record, h = r.hyperparameters
        switch column {
        case "started": return .text(r.started)
        case "status": return .text(r.effectiveStatus.rawValue)
        case "epochs": return .number(Double(r.epochs.count))
        case "val NDCG@10": return .number(r.best?.validationNDCG10 ?? -1)
        case "cold NDCG@10": return .number(r.best?.coldValidationNDCG10 ?? -1)
        case "test NDCG@10": return .number(r.testRow("warm")?.ndcg ?? -1)
        default:
            // A setting: by number when it is one (0.002 < 0.01), else by its text.
            let value = RunSettings.all(h).first { $0.key == column }?.value ?? ""
            return Double(value).map(SortKey.number) ?? .text(value)
        }
    }

    enum SortKey: Comparable {
        case number(Double)
        case text(String)
    }

    public var selected: RunEntry? {
        let rows = sorted
        return rows.isEmpty ? nil : rows[min(cursor, rows.count - 1)]
    }

    /// The entries overlaid in the charts, in the order they were marked.
    public var overlaid: [RunEntry] { marked.compactMap { id in entries.first { $0.id == id } } }

    public func entry(folder: String?) -> RunEntry? {
        guard let folder else { return nil }
        return entries.first { $0.folder == folder }
    }

    /// The run whose folder holds `path`, when it is a run's checkpoint.
    public func entry(holding path: String) -> RunEntry? {
        let folder = PathParts.split(path).folder
        return entries.first { $0.folder == folder || (URL(fileURLWithPath: $0.folder).standardized.path == URL(fileURLWithPath: folder).standardized.path) }
    }
}

/// Each overlaid run's mark: a colour and a glyph, so runs stay apart without colour (NO_COLOR).
public enum RunMarks {
    public static let colors: [Color] = [.yellow, .cyan, .magenta, .green, .blue, .red]
    public static let glyphs: [String] = ["●", "+", "×", "◆", "○", "▲"]
    public static func style(_ i: Int) -> Style { .fg(colors[i % colors.count]) }
    public static func glyph(_ i: Int) -> String { glyphs[i % glyphs.count] }
}

extension AppState {
    /// Messages about runs (the runner reports them).
    mutating func handleRuns(_ message: Message) -> [Effect] {
        switch message {
        case let .runStarted(folder, run):
            guard run == training.run else { return [] }
            runs.current = folder
        case .runsListed(let entries):
            runs.entries = entries
            runs.marked = runs.marked.filter { id in entries.contains { $0.id == id } }
            runs.cursor = min(runs.cursor, max(0, entries.count - 1))
        case let .savePathChecked(path, exists, refusal):
            if let refusal { return say(refusal, isError: true, seconds: 10) }
            if exists {
                runs.confirmingOverwrite = path
                return []
            }
            checkpointPath = path
            return saveCheckpoint()
        default: break
        }
        return []
    }

    /// `y`/`n` while "overwrite?" is asked.
    mutating func answerOverwrite(_ action: Action?) -> [Effect] {
        guard let path = runs.confirmingOverwrite else { return [] }
        switch action {
        case .confirm?:
            runs.confirmingOverwrite = nil
            checkpointPath = path
            return saveCheckpoint()
        case .cancel?:
            runs.confirmingOverwrite = nil
            return say("not saved: \(path) is unchanged")
        default: return []
        }
    }

    /// Where `w` proposes to save: a new file in the folder of the run in use (its own
    /// model.safetensors is already there), else beside the last checkpoint used, but never in the
    /// shipped sample data (then in the runs folder).
    func proposedSavePath(number: Int) -> String {
        let name = "model-\(number).safetensors"
        if let folder = runs.inUse { return PathParts.join(folder, name) }
        let folder = PathParts.split(checkpointPath).folder
        if RunStore.isShipped(folder.isEmpty ? "." : folder), let root = runs.root { return PathParts.join(root, name) }
        return PathParts.join(folder.isEmpty ? "." : folder, name)
    }

    /// The form's settings after loading a checkpoint: the checkpoint's, except threads and max
    /// epochs (how to run here, not what the model is), which stay the form's unless the file
    /// records them.
    func settingsAfterLoading(_ info: CheckpointInfo) -> Hyperparameters {
        var h = info.hyperparameters
        let form = training.form.values
        if !info.recordedSettings.contains("threads") { h.threads = form.threads }
        if !info.recordedSettings.contains("maxEpochs") { h.maxEpochs = form.maxEpochs }
        return h
    }

    /// Test rows of the model in use, when it is a run's: recorded in the run (`mist runs` shows them).
    mutating func recordTestInRun(_ rows: [ComparisonRow]) -> [Effect] {
        guard !rows.isEmpty, let folder = runs.inUse, let root = runs.root else { return [] }
        return [.recordRunTest(folder: folder, rows: rows, root: root)]
    }

    /// After a checkpoint loads: the loss and validation panels show the history of the run it
    /// belongs to, or nothing (a checkpoint outside any run has none), never the previous run's.
    mutating func showHistory(ofCheckpoint path: String) {
        guard !training.isActive else { return }
        let entry = runs.entry(holding: path)
        runs.inUse = entry?.folder
        training.phase = .idle
        training.progress = nil
        training.stepLosses = entry?.losses ?? []
        training.epochs = entry?.record.epochs ?? []
    }

    /// Keys of the run list (when it has the focus).
    mutating func handleRunList(_ action: Action) -> [Effect]? {
        let count = runs.entries.count
        switch action {
        case .up: runs.cursor = max(0, runs.cursor - 1)
        case .down: runs.cursor = min(max(0, count - 1), runs.cursor + 1)
        case .top: runs.cursor = 0
        case .bottom: runs.cursor = max(0, count - 1)
        case .markRun:
            guard let entry = runs.selected else { return say("no runs yet: t trains one") }
            if let i = runs.marked.firstIndex(of: entry.id) { runs.marked.remove(at: i) } else { runs.marked.append(entry.id) }
        case .sortRuns:
            runs.sortColumn = (runs.sortColumn % runs.sortColumns.count + 1) % runs.sortColumns.count
            return say("runs sorted by \(runs.sortName)\(runs.descending ? ", descending" : "")", seconds: 3)
        case .reverseSort: runs.descending.toggle()
        case .editField:
            // Enter loads the run: its checkpoint, and its history with it.
            guard let entry = runs.selected else { return say("no runs yet: t trains one") }
            guard entry.record.hasModel else { return say("run \(entry.id) is \(entry.record.effectiveStatus.rawValue) and saved no model", isError: true) }
            guard !training.isActive else { return say("training is running: stop it (x) before loading a run", isError: true) }
            checkpointPath = entry.modelPath
            return [.loadCheckpoint(path: entry.modelPath)]
        default: return nil
        }
        return []
    }
}

/// The run list with the HParams table (TensorBoard's): one row per run, its settings that differ
/// from the defaults and its final metrics; marked runs show their glyph.
struct RunsTable: Widget {
    let runs: RunsPanel
    let focused: Bool

    func render(in area: Rect, into buffer: inout Buffer) {
        let block = Block("Runs · HParams · sort: \(runs.sortName)\(runs.descending ? " ↓" : " ↑")", borders: .rounded)
        buffer.render(block, in: area)
        let inner = block.inner(of: area)
        let rows = runs.sorted
        guard !rows.isEmpty else {
            buffer.write(Line(runs.root == nil ? "runs are not recorded here" : "no runs yet: t trains one (recorded in \(runs.root!))", style: .dim), in: inner.row(0))
            return
        }
        // One column per setting that varies between the runs, then every setting that differs
        // from the defaults (what each run is, even when alone).
        let varying = runs.settingColumns
        let values = rows.map { entry in Dictionary(RunSettings.all(entry.record.hyperparameters).map { ($0.key, $0.value) }) { a, _ in a } }
        let settingWidths = varying.map { key in min(14, max(key.displayWidth, values.map { ($0[key] ?? "").displayWidth }.max() ?? 0)) }
        let columns = [TableColumn("", width: .length(1)), TableColumn("run", width: .length(11)), TableColumn("status", width: .length(8)),
                       TableColumn("val N", width: .length(6), alignment: .right), TableColumn("cold N", width: .length(6), alignment: .right),
                       TableColumn("test N", width: .length(6), alignment: .right), TableColumn("ep", width: .length(3), alignment: .right)]
            + zip(varying, settingWidths).map { TableColumn($0, width: .length($1), alignment: .right) }
            + [TableColumn("settings ≠ defaults", width: .fill)]
        let scroll = ScrollState(selected: min(runs.cursor, rows.count - 1), offset: 0)
        let table = Table(columns: columns, rowCount: rows.count, scroll: scroll, showsSelection: focused) { i in
            let r = rows[i].record
            // The same glyph as its curves: mark 0 is the run shown, marked runs follow.
            let mark = runs.marked.firstIndex(of: r.id).map { $0 + 1 }
            let inUse = rows[i].folder == runs.inUse
            func number(_ v: Double?) -> TableCell { TableCell(v.map { formatNumber($0, decimals: 3) } ?? "–") }
            return [TableCell(mark.map(RunMarks.glyph) ?? (inUse ? "›" : " "), style: mark.map(RunMarks.style) ?? .bold),
                    TableCell(String(r.id.suffix(11)), style: inUse ? .bold : .plain), TableCell(r.effectiveStatus.rawValue),
                    number(r.best?.validationNDCG10), number(r.best?.coldValidationNDCG10), number(r.testRow("warm")?.ndcg),
                    TableCell(String(r.epochs.count))]
                + varying.map { TableCell(values[i][$0] ?? "") }
                + [TableCell(RunSettings.summary(r.hyperparameters), style: .dim)]
        }
        buffer.render(table, in: inner)
    }
}

/// Curves of several runs in one chart, each with its own colour and glyph (one glyph per cell
/// along the curve, so they stay apart without colour), and a legend on a row of its own above the
/// plot, so it never covers a curve.
struct OverlayChart: Widget {
    struct Curve {
        var name: String
        var values: [Double]
        var xs: [Double]
        var mark: Int
    }

    let curves: [Curve]
    let decimals: Int
    let xLabels: (String, String)

    func render(in area: Rect, into buffer: inout Buffer) {
        guard area.width >= 8, area.height >= 4 else { return }
        // Legend row: as many entries as fit, each "● name".
        var x = area.x
        for curve in curves {
            let text = "\(RunMarks.glyph(curve.mark)) \(curve.name)"
            guard x + text.displayWidth <= area.right else { break }
            x = buffer.write(RunMarks.glyph(curve.mark), x: x, y: area.y, style: RunMarks.style(curve.mark))
            x = buffer.write(" \(curve.name)  ", x: x, y: area.y, maxWidth: area.right - x)
        }
        let finite = curves.flatMap { $0.values.filter(\.isFinite) }
        let allX = curves.flatMap(\.xs)
        guard let low = finite.min(), let high = finite.max(), let x0 = allX.min(), let x1 = allX.max() else { return }
        let yr = low == high ? (low - 1)...(high + 1) : low...high
        let xr = x0 == x1 ? x0...(x0 + 1) : x0...x1
        let labels = [formatNumber(yr.upperBound, decimals: decimals), formatNumber(yr.lowerBound, decimals: decimals)]
        let labelWidth = min(area.width / 3, labels.map(\.displayWidth).max() ?? 1)
        let plot = Rect(x: area.x + labelWidth + 1, y: area.y + 1, width: area.width - labelWidth - 1, height: area.height - 3)
        guard plot.width >= 2, plot.height >= 1 else { return }
        for y in plot.top..<plot.bottom { buffer.set("│", x: plot.x - 1, y: y, style: .dim) }
        buffer.set("└", x: plot.x - 1, y: plot.bottom, style: .dim)
        for px in plot.left..<plot.right { buffer.set("─", x: px, y: plot.bottom, style: .dim) }
        buffer.write(TextFit.pad(labels[0], to: labelWidth, alignment: .right), x: area.x, y: plot.top, maxWidth: labelWidth)
        buffer.write(TextFit.pad(labels[1], to: labelWidth, alignment: .right), x: area.x, y: plot.bottom - 1, maxWidth: labelWidth)
        buffer.write(TextFit.truncate(xLabels.0, to: plot.width / 2), x: plot.x, y: plot.bottom + 1)
        let right = TextFit.truncate(xLabels.1, to: plot.width / 2)
        buffer.write(right, x: plot.right - right.displayWidth, y: plot.bottom + 1)
        func cell(_ px: Double, _ py: Double) -> (Int, Int) {
            let fx = (px - xr.lowerBound) / (xr.upperBound - xr.lowerBound), fy = (py - yr.lowerBound) / (yr.upperBound - yr.lowerBound)
            return (plot.x + Int((fx * Double(plot.width - 1)).rounded()), plot.y + Int(((1 - fy) * Double(plot.height - 1)).rounded()))
        }
        for curve in curves {
            // One glyph per column the curve crosses: the mean of its points in that column.
            var columns: [Int: (sum: Double, count: Int)] = [:]
            for (v, px) in zip(curve.values, curve.xs) where v.isFinite {
                let (cx, _) = cell(px, v)
                columns[cx, default: (0, 0)].sum += v
                columns[cx, default: (0, 0)].count += 1
            }
            // Joined column by column (interpolated between points), so a few epochs still read as a line.
            let points = columns.keys.sorted().map { cx -> (Int, Double) in
                let acc = columns[cx]!
                return (cx, acc.sum / Double(acc.count))
            }
            for (i, (cx, value)) in points.enumerated() {
                let next = i + 1 < points.count ? points[i + 1] : (cx + 1, value)
                for column in cx..<next.0 {
                    let t = Double(column - cx) / Double(next.0 - cx)
                    let (_, cy) = cell(xr.lowerBound, value + (next.1 - value) * t)
                    buffer.set(RunMarks.glyph(curve.mark), x: column, y: cy, style: RunMarks.style(curve.mark))
                }
            }
        }
    }
}
