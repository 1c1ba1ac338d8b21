import Foundation
import InterestModel

/// Shows training progress: a live bar redrawn in place when standard error is a terminal, plain
/// lines otherwise (one per epoch and one per tenth of an epoch), so logs stay readable.
final class ProgressOutput {
    private let isTerminal = isatty(STDERR_FILENO) != 0
    private var lastLoggedTenth = -1
    private var barShown = false
    /// Shown before the bar (e.g. which comparison setting is training).
    private var context = ""

    func handle(_ event: TrainingEvent) {
        switch event {
        case let .started(examples, steps, epochs):
            line("training on \(examples) examples, \(steps) steps per epoch, at most \(epochs) epochs")
        case .step(let p):
            if isTerminal {
                let width = 30
                let done = Double(p.step) / Double(p.stepsPerEpoch)
                let filled = Int(done * Double(width))
                let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
                let text = context + String(format: "epoch %d/%d %@ %3.0f%%  loss %.4f  %.0f ex/s  ETA %@",
                                  p.epoch, p.maxEpochs, bar, done * 100, p.epochLoss, p.examplesPerSecond,
                                  Self.duration(p.secondsToEpochEnd))
                write("\r\u{1B}[2K" + text)
                barShown = true
            } else {
                let tenth = p.step * 10 / p.stepsPerEpoch
                if tenth != lastLoggedTenth && tenth < 10 {
                    lastLoggedTenth = tenth
                    line(String(format: "epoch %d step %d/%d loss %.4f %.0f ex/s", p.epoch, p.step, p.stepsPerEpoch,
                                p.epochLoss, p.examplesPerSecond))
                }
            }
        case .epochEnded(let r):
            lastLoggedTenth = -1
            let v = r.validation
            let cold = r.coldValidationNDCG10.map { String(format: "  cold-validation NDCG@10 %.4f", $0) } ?? ""
            line(String(format: "epoch %d: loss %.4f  validation NDCG@10 %.4f%@  HR@10 %.4f  R@10 %.4f  %.1fs  %.0f ex/s%@",
                        r.epoch, r.meanLoss, r.validationNDCG10, cold, v[1].hitRate, v[1].recall, r.seconds, r.examplesPerSecond,
                        r.isBest ? "  (best)" : ""))
        case .paused: line("paused")
        case .resumed: line("resumed")
        case .finished(let s):
            let cold = s.bestColdValidationNDCG10.map { String(format: ", cold-validation %.4f", $0) } ?? ""
            line(String(format: "finished: %@; kept epoch %d, chosen on %@ validation (NDCG@10 warm %.4f%@); %.1fs, %.0f ex/s",
                        s.reason.description, s.bestEpoch, s.selectedOn.rawValue, s.bestValidationNDCG10, cold, s.seconds, s.examplesPerSecond))
        }
    }

    /// A comparison's progress: one line per setting (which draw, model, grid point, how many
    /// trainings are left and the ETA of the whole run); on a terminal, its training's bar.
    func handle(_ progress: ComparisonProgress) {
        let seed = progress.splitSeed.map { " (split seed \($0))" } ?? ""
        let eta = progress.secondsRemaining.map { ", ETA " + Self.duration($0) } ?? ""
        switch progress.event {
        case nil:
            context = "\(progress.model) \(progress.setting)/\(progress.settings) · "
            line("draw \(progress.draw)/\(progress.draws)\(seed) · \(progress.model) · setting \(progress.setting)/\(progress.settings) "
                 + "\(progress.label) · \(progress.trainingsDone)/\(progress.trainings) trainings done\(eta)")
        case .step(let p)? where isTerminal:
            handle(.step(p))
        case .finished(let summary)?:
            let cold = summary.bestColdValidationNDCG10.map { String(format: ", cold-validation %.4f", $0) } ?? ""
            line(String(format: "  kept epoch %d of %d (validation NDCG@10 %.4f%@)", summary.bestEpoch, summary.epochs.count,
                        summary.bestValidationNDCG10, cold))
        default:
            break
        }
    }

    private func line(_ text: String) {
        if barShown { write("\r\u{1B}[2K"); barShown = false }
        write(text + "\n")
    }

    private func write(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }

    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 60 ? "\(s / 60)m\(String(format: "%02d", s % 60))s" : "\(s)s"
    }
}
