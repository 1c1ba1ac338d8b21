import Foundation
import InterestData
import InterestModel
import TerminalUI

/// Screen 5: the hyperparameters as a form; start, pause, resume and stop training; a live loss
/// chart, validation metrics per epoch (chart and table), a progress bar with speed and ETA; save
/// and load checkpoints. Everything drawn comes from `TrainingPanel`, which only messages fill.
struct TrainingScreen: Widget {
    let state: AppState

    func render(in area: Rect, into buffer: inout Buffer) {
        if state.runs.isFocused { return renderRuns(in: area, into: &buffer) }
        let columns = area.columns(.length(min(36, max(30, area.width / 3))), .fill, spacing: 1)
        renderForm(in: columns[0], into: &buffer)
        let panel = state.training
        let right = columns[1].rows(.length(3), .fill(3), .fill(2))
        renderProgress(in: right[0], into: &buffer)
        renderLoss(in: right[1], into: &buffer)
        let comparison = state.model.flatMap { context in
            context.comparison.isEmpty && context.evaluationStatus == nil
                ? nil : ComparisonTable(rows: context.comparison, highlighted: context.comparisonName, status: context.evaluationStatus)
        }
        // Side by side only when each part gets a useful width; otherwise the test comparison,
        // once there is one, takes the place of the per-epoch table.
        if right[2].width >= 84 {
            let bottom = right[2].columns(.fill, .fill, spacing: 1)
            if let comparison {
                let left = bottom[0].height >= 14 ? bottom[0].rows(.fill, .fill) : [bottom[0]]
                renderEpochTable(panel.epochs, in: left[0], into: &buffer)
                if left.count > 1 { renderEpochChart(panel.epochs, in: left[1], into: &buffer) }
                buffer.render(comparison, in: bottom[1])
            } else {
                renderEpochTable(panel.epochs, in: bottom[0], into: &buffer)
                renderEpochChart(panel.epochs, in: bottom[1], into: &buffer)
            }
        } else if let comparison {
            buffer.render(comparison, in: right[2])
        } else {
            renderEpochTable(panel.epochs, in: right[2], into: &buffer)
        }
    }

    private func renderForm(in area: Rect, into buffer: inout Buffer) {
        let form = state.training.form
        let block = Block("Settings", borders: .rounded)
        buffer.render(block, in: area)
        let inner = block.inner(of: area)
        let fields = HyperparameterForm.fields
        let nameWidth = min(15, inner.width / 2)
        for (i, field) in fields.enumerated() where i < inner.height {
            let row = inner.row(i)
            let isSelected = i == form.selected
            buffer.write(TextFit.pad(field.name, to: nameWidth), x: row.x, y: row.y, maxWidth: nameWidth, style: isSelected ? .bold : .dim)
            let valueArea = Rect(x: row.x + nameWidth + 1, y: row.y, width: max(0, row.width - nameWidth - 1), height: 1)
            if isSelected, let editing = form.editing {
                buffer.render(TextField(editing), in: valueArea)
            } else {
                buffer.write(isSelected ? "◂ \(field.get(form.values)) ▸" : "  \(field.get(form.values))", x: valueArea.x, y: row.y, maxWidth: valueArea.width,
                             style: isSelected ? .reverse : .plain)
            }
        }
        let notes: [Line] = [
            Line(""),
            Line("t start · Space pause/resume · x stop", style: .dim),
            Line("w save · o load: \(URL(fileURLWithPath: state.checkpointPath).lastPathComponent)", style: .dim),
            Line("The model in use: \(state.model?.origin ?? "none")", style: .dim),
        ]
        let top = inner.y + fields.count
        if top < inner.bottom {
            buffer.render(Paragraph(notes, wrap: true), in: Rect(x: inner.x, y: top, width: inner.width, height: inner.bottom - top))
        }
    }

    private func phaseText() -> (String, Style) {
        switch state.training.phase {
        case .idle: return ("not started: press t to train with these settings", .dim)
        case .preparing: return ("preparing the split and training examples…", .fg(.yellow))
        case .running: return ("training", .fg(.green))
        case .paused: return ("paused (Space resumes)", .fg(.yellow))
        case .stopping: return ("stopping after this step…", .fg(.yellow))
        case .finished(let summary):
            return ("finished: \(summary.reason); best epoch \(summary.bestEpoch), val NDCG@10 \(formatNumber(summary.bestValidationNDCG10, decimals: 4))", .fg(.cyan))
        case .failed(let text): return ("failed: \(text)", .fg(.red))
        }
    }

    private func renderProgress(in area: Rect, into buffer: inout Buffer) {
        let panel = state.training
        let (text, style) = phaseText()
        buffer.write(Line(text, style: style.adding(.bold)), in: area.row(0))
        var label = ""
        var detail = ""
        if let p = panel.progress {
            label = "epoch \(p.epoch)/\(p.maxEpochs) · step \(p.step)/\(p.stepsPerEpoch)"
            detail = joinFitting(["\(Int(p.examplesPerSecond.rounded())) examples/s", "epoch ends in \(duration(p.secondsToEpochEnd))",
                                  "≤ \(duration(p.secondsToMaxEpochs)) to max epochs", "\(duration(p.elapsedSeconds)) so far"], width: area.width)
        }
        buffer.render(ProgressBar(fraction: panel.fraction, label: label, style: .fg(.green)), in: area.row(1))
        buffer.write(Line(detail, style: .dim), in: area.row(2))
    }

    private func renderLoss(in area: Rect, into buffer: inout Buffer) {
        let losses = state.training.stepLosses
        let last = losses.last.map { " · step \(losses.count) loss \(formatNumber(Double($0), decimals: 4))" } ?? " per step"
        let block = Block("Loss\(last)", borders: .rounded)
        buffer.render(block, in: area)
        let inner = block.inner(of: area)
        guard losses.count >= 2 else {
            buffer.write(Line(losses.isEmpty ? "the loss of every training step appears here" : "waiting for the second step…", style: .dim), in: inner.row(0))
            return
        }
        // Keep at most two points per dot column: the mean of each bucket, so the chart stays
        // smooth and drawing stays cheap however long training runs.
        let points = downsample(losses.map(Double.init), to: max(2, inner.width * 2))
        let marker: ChartMarker = buffer.colorMode == .none ? .block : .braille
        buffer.render(LineChart([LineChart.Series("loss", values: points.values, xs: points.xs, style: .fg(.yellow))], marker: marker,
                                xLabels: ("1", "step \(losses.count)"), decimals: 3), in: inner)
    }

    private func renderEpochTable(_ epochs: [EpochReport], in area: Rect, into buffer: inout Buffer) {
        let block = Block("Validation per epoch", borders: .rounded)
        buffer.render(block, in: area)
        // Warm and cold-validation NDCG@10 side by side: cold validation picks the kept epoch.
        let columns = [TableColumn("ep", width: .length(3), alignment: .right), TableColumn("warm N", width: .length(6), alignment: .right),
                       TableColumn("cold N", width: .length(6), alignment: .right),
                       TableColumn("HR@10", width: .length(6), alignment: .right), TableColumn("R@10", width: .length(6), alignment: .right),
                       TableColumn("loss", width: .length(7), alignment: .right), TableColumn("", width: .fill)]
        let ten = RankingMetrics.cutoffs.firstIndex(of: 10) ?? 0
        let scroll = ScrollState(selected: max(0, epochs.count - 1), offset: 0)
        let table = Table(columns: columns, rowCount: epochs.count, scroll: scroll, showsSelection: false) { i in
            let e = epochs[i], m = e.validation[ten]
            return [TableCell(String(e.epoch)), TableCell(formatNumber(e.validationNDCG10, decimals: 4), style: e.isBest ? .bold : .plain),
                    TableCell(e.coldValidationNDCG10.map { formatNumber($0, decimals: 4) } ?? "—", style: e.isBest ? .bold : .plain),
                    TableCell(formatNumber(m.hitRate, decimals: 3)), TableCell(formatNumber(m.recall, decimals: 3)),
                    TableCell(formatNumber(Double(e.meanLoss), decimals: 4)), TableCell(e.isBest ? "best" : "", style: .fg(.green))]
        }
        let inner = block.inner(of: area)
        buffer.render(table, in: inner)
        if epochs.isEmpty { buffer.write(Line("validation runs after each epoch", style: .dim), in: inner.row(1)) }
    }

    /// Warm and cold NDCG@10 and HR@10 per epoch: each curve with its own colour and glyph, the
    /// legend on a row of its own (it used to cover the HR@10 curve, drawn with the same glyph).
    private func renderEpochChart(_ epochs: [EpochReport], in area: Rect, into buffer: inout Buffer) {
        let block = Block("Validation NDCG@10 (warm, cold) and HR@10", borders: .rounded)
        buffer.render(block, in: area)
        let inner = block.inner(of: area)
        guard epochs.count >= 1 else { return }
        let ten = RankingMetrics.cutoffs.firstIndex(of: 10) ?? 0
        let xs = epochs.map { Double($0.epoch) }
        var curves = [OverlayChart.Curve(name: "NDCG@10", values: epochs.map(\.validationNDCG10), xs: xs, mark: 0),
                      OverlayChart.Curve(name: "HR@10", values: epochs.map { $0.validation[ten].hitRate }, xs: xs, mark: 1)]
        if epochs.allSatisfy({ $0.coldValidationNDCG10 != nil }) {
            curves.append(OverlayChart.Curve(name: "cold NDCG@10", values: epochs.map { $0.coldValidationNDCG10 ?? 0 }, xs: xs, mark: 2))
        }
        buffer.render(OverlayChart(curves: curves, decimals: 3, xLabels: ("epoch 1", "\(epochs.count)")), in: inner)
    }

    /// The runs view (`R`): the progress line, the loss and validation curves of the run shown
    /// and of every marked run overlaid, and the run list with its HParams.
    private func renderRuns(in area: Rect, into buffer: inout Buffer) {
        let runs = state.runs
        let rows = area.rows(.length(3), .fill(1), .fill(1))
        renderProgress(in: rows[0], into: &buffer)
        let charts = rows[1].columns(.fill, .fill, spacing: 1)
        var losses: [OverlayChart.Curve] = [], validation: [OverlayChart.Curve] = []
        let shown = runs.entry(folder: state.training.isActive ? runs.current : runs.inUse)
        let shownName = shown.map { "\(String($0.id.suffix(4))) (shown)" } ?? "shown"
        func lossCurve(_ values: [Float], _ name: String, _ mark: Int) -> OverlayChart.Curve {
            let points = downsample(values.map(Double.init), to: max(2, charts[0].width))
            return OverlayChart.Curve(name: name, values: points.values, xs: points.xs, mark: mark)
        }
        if !state.training.stepLosses.isEmpty { losses.append(lossCurve(state.training.stepLosses, shownName, 0)) }
        if !state.training.epochs.isEmpty {
            validation.append(OverlayChart.Curve(name: shownName, values: state.training.epochs.map(\.validationNDCG10),
                                                 xs: state.training.epochs.map { Double($0.epoch) }, mark: 0))
        }
        for (i, entry) in runs.overlaid.enumerated() {
            let name = String(entry.id.suffix(4))
            if !entry.losses.isEmpty { losses.append(lossCurve(entry.losses, name, i + 1)) }
            if !entry.record.epochs.isEmpty {
                validation.append(OverlayChart.Curve(name: name, values: entry.record.epochs.map(\.validationNDCG10),
                                                     xs: entry.record.epochs.map { Double($0.epoch) }, mark: i + 1))
            }
        }
        let lossBlock = Block("Loss per step · shown and marked runs", borders: .rounded)
        buffer.render(lossBlock, in: charts[0])
        if losses.isEmpty {
            buffer.write(Line("m marks runs to overlay their curves", style: .dim), in: lossBlock.inner(of: charts[0]).row(0))
        } else {
            let longest = losses.map { $0.xs.last ?? 1 }.max() ?? 1
            buffer.render(OverlayChart(curves: losses, decimals: 3, xLabels: ("step 1", "\(Int(longest))")), in: lossBlock.inner(of: charts[0]))
        }
        let validationBlock = Block("Validation NDCG@10 (warm) per epoch", borders: .rounded)
        buffer.render(validationBlock, in: charts[1])
        if !validation.isEmpty {
            let longest = validation.map { $0.xs.last ?? 1 }.max() ?? 1
            buffer.render(OverlayChart(curves: validation, decimals: 3, xLabels: ("epoch 1", "\(Int(longest))")), in: validationBlock.inner(of: charts[1]))
        }
        buffer.render(RunsTable(runs: runs, focused: true), in: rows[2])
    }
}

/// The leading pieces that fit in `width`, joined by " · ".
func joinFitting(_ pieces: [String], width: Int) -> String {
    var text = ""
    for piece in pieces {
        let next = text.isEmpty ? piece : text + " · " + piece
        guard next.displayWidth <= width else { break }
        text = next
    }
    return text
}

/// "1m 05s", "42s", "2h 03m".
func duration(_ seconds: Double) -> String {
    guard seconds.isFinite, seconds >= 0 else { return "–" }
    let s = Int(seconds.rounded())
    if s >= 3600 { return "\(s / 3600)h \(String(format: "%02d", (s % 3600) / 60))m" }
    if s >= 60 { return "\(s / 60)m \(String(format: "%02d", s % 60))s" }
    return "\(s)s"
}

/// At most `count` points: the mean of each of `count` equal buckets, placed at the bucket's middle.
func downsample(_ values: [Double], to count: Int) -> (values: [Double], xs: [Double]) {
    guard values.count > count else { return (values, values.indices.map { Double($0 + 1) }) }
    var out: [Double] = [], xs: [Double] = []
    for b in 0..<count {
        let start = b * values.count / count, end = max(start + 1, (b + 1) * values.count / count)
        out.append(values[start..<end].reduce(0, +) / Double(end - start))
        xs.append(Double(start + end + 1) / 2)
    }
    return (out, xs)
}

extension AppState {
    mutating func handleTraining(_ action: Action) -> [Effect] {
        if runs.isFocused, let effects = handleRunList(action) { return effects }
        switch action {
        case .toggleRuns:
            runs.isFocused.toggle()
            if runs.isFocused, let root = runs.root { return [.listRuns(root: root)] }
        case .up: training.form.move(-1)
        case .down: training.form.move(1)
        case .left: if let problem = training.form.step(-1) { return say(problem, isError: true) }
        case .right: if let problem = training.form.step(1) { return say(problem, isError: true) }
        case .editField: training.form.beginEditing()
        case .startTraining: return startTraining()
        case .pauseOrResume:
            // The phase changes when the run reports `.paused` / `.resumed`.
            if training.phase == .paused { return [.resumeTraining(run: training.run)] }
            if training.phase == .running { return [.pauseTraining(run: training.run)] }
        case .stop:
            // One key stops whatever long job runs here: the training, else the evaluation.
            if training.isActive {
                guard training.phase != .stopping else { return [] }
                training.phase = .stopping
                return [.cancelTraining(run: training.run)]
            }
            return cancelEvaluation()
        case .evaluate: return evaluate(withBaselines: false)
        case .evaluateBaselines: return evaluate(withBaselines: true)
        case .saveCheckpoint:
            guard model != nil else { return say("no model to save yet: train one first (t)", isError: true) }
            // A new file (in the run's folder when the model is a run's): never the file in use.
            pathPrompt = PathPrompt(purpose: .save, input: TextInput(proposedSavePath(number: nextID())))
        case .loadCheckpoint: pathPrompt = PathPrompt(purpose: .load, input: TextInput(checkpointPath))
        default: break
        }
        return []
    }

    mutating func startTraining() -> [Effect] {
        guard !training.isActive else { return say("training is already running") }
        let hyperparameters = training.form.values
        if let problem = hyperparameters.problems().first { return say(problem, isError: true) }
        if let problem = ModelMemory.problem(hyperparameters, items: data.dataset.itemCount, topics: data.dataset.topicCount,
                                             scenes: data.dataset.sceneCount, training: true) {
            return say(problem, isError: true)
        }
        training.run += 1
        training.phase = .preparing
        training.stepLosses = []
        training.epochs = []
        training.progress = nil
        return [.startTraining(run: training.run, hyperparameters: hyperparameters, splitSeed: Split.defaultSeed)]
    }

    /// Typing the checkpoint path for `w` or `o`; Enter saves or loads there.
    mutating func editPath(_ key: Key, action: Action?) -> [Effect] {
        guard let prompt = pathPrompt else { return [] }
        switch action {
        case .confirm?:
            pathPrompt = nil
            let path = prompt.input.text.trimmingCharacters(in: .whitespaces)
            guard !path.isEmpty else { return [] }
            // A save first asks the runner whether the file exists (then "overwrite?") or is the shipped sample's.
            if prompt.purpose == .save { return [.checkSavePath(path: path)] }
            checkpointPath = path
            return [.loadCheckpoint(path: path)]
        case .cancel?: pathPrompt = nil
        default: pathPrompt?.input.handle(key)
        }
        return []
    }

    /// Saves the model in use with the identity of its split (the runner checks the path is not
    /// one of the dataset's own files, computes the split's fingerprint when not recorded, writes).
    mutating func saveCheckpoint() -> [Effect] {
        guard let context = model else { return say("no model to save yet: train one first (t)", isError: true) }
        return [.saveCheckpoint(path: checkpointPath, model: context.model, splitSeed: context.splitSeed,
                                splitFingerprint: context.splitFingerprint, summary: context.summary)]
    }

    /// Typing a value into the selected setting.
    mutating func editField(_ key: Key, action: Action?) -> [Effect] {
        switch action {
        case .confirm?:
            if let problem = training.form.commitEditing() { return say(problem, isError: true) }
        case .cancel?: training.form.editing = nil
        default: training.form.editing?.handle(key)
        }
        return []
    }
}
