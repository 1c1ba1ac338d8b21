import Foundation
import InterestModel

/// The text `mist evaluate` prints: the metrics table (K = 10, all scenes, pooled), the full
/// model's lifts with their 95% intervals, the verdicts of the claims, and the tuning picks.
enum ComparisonReport {
    static func text(_ comparison: Comparison, models: [String]) -> String {
        var lines = metricsTable(comparison, models: models)
        lines.append("")
        lines += liftTable(comparison, models: models)
        lines += verdicts(comparison)
        let ceilings = ceilingTable(comparison, models: models)
        if !ceilings.isEmpty && lines.last != "" { lines.append("") }
        lines += ceilings
        if comparison.tuning.contains(where: { $0.grid.count > 1 }) {
            lines.append("")
            lines += tuningSummary(comparison, models: models)
        }
        return lines.joined(separator: "\n")
    }

    static func cells(_ values: [String], widths: [Int]) -> String {
        zip(values, widths).map { value, width in
            let pad = max(0, abs(width) - value.count)
            return width < 0 ? value + String(repeating: " ", count: pad) : String(repeating: " ", count: pad) + value
        }.joined(separator: " ")
    }

    static func metricsTable(_ comparison: Comparison, models: [String]) -> [String] {
        let draws = comparison.splitSeeds.isEmpty ? "a split file" : comparison.splitSeeds.count == 1
            ? "split seed \(comparison.splitSeeds[0])" : "\(comparison.splitSeeds.count) draws (split seeds \(comparison.splitSeeds.map(String.init).joined(separator: ", "))), cases pooled"
        func label(_ name: String) -> String {
            name + (name == comparison.full ? " *" : Comparison.ceilings.contains(name) ? " (ceiling)" : "")
        }
        // 26 wide, or wider for a longer label ("planted-estimated (ceiling)"), so the columns stay aligned.
        let widths = [-max(26, models.map { label($0).count }.max() ?? 0), 7, 7, 7, 7, 6, 7, 7, 7]
        var lines = [
            "K = 10, all scenes; \(draws); \(comparison.tuned ? "every model tuned on its grid" : "untuned"); "
                + (comparison.full.isEmpty ? "no full model (ceilings and baselines only)" : "full model: \(comparison.full)"),
            cells(["model", "warm n", "P@10", "R@10", "NDCG", "cold n", "P@10", "R@10", "NDCG"], widths: widths),
        ]
        for name in models {
            guard let w = comparison.row(model: name, cases: "warm"), let c = comparison.row(model: name, cases: "cold") else { continue }
            let cold = c.count == 0 ? ["0", "—", "—", "—"]
                : [String(c.count), f4(c.precision), f4(c.recall), f4(c.ndcg)]
            lines.append(cells([label(name), String(w.count), f4(w.precision), f4(w.recall), f4(w.ndcg)] + cold,
                               widths: widths))
        }
        if let c = comparison.row(model: comparison.full, cases: "cold"), c.count == 0 {
            lines.append("no cold-target cases: no user has two active scenes, so there is nothing to transfer into and no cold lift")
        }
        return lines
    }

    static func liftTable(_ comparison: Comparison, models: [String]) -> [String] {
        if comparison.full.isEmpty { return [] }
        guard !comparison.lifts.isEmpty else { return ["no lifts: the full model has no cases to compare on"] }
        let widths = [-26, 24, 24, 24, 24]
        var lines = [
            "lift of \(comparison.full) over each model, with 95% paired-bootstrap interval (1000 resamples)",
            cells(["over", "cold P@10", "cold R@10", "cold NDCG@10", "warm NDCG@10"], widths: widths),
        ]
        for over in models where over != comparison.full && !Comparison.ceilings.contains(over) {
            let parts = [("cold", "precision"), ("cold", "recall"), ("cold", "ndcg"), ("warm", "ndcg")].map { kind, metric in
                comparison.lift(over: over, cases: kind, metric: metric).map(interval) ?? "n/a"
            }
            lines.append(cells([over] + parts, widths: widths))
        }
        return lines
    }

    /// Each ceiling's lifts over the other models: how much the planted truth allows beyond them.
    static func ceilingTable(_ comparison: Comparison, models: [String]) -> [String] {
        let ceilings = models.filter(Comparison.ceilings.contains)
        guard !ceilings.isEmpty else { return [] }
        let others = models.filter { !Comparison.ceilings.contains($0) }
        guard !others.isEmpty else { return ["no ceiling lifts: no model but the ceilings was evaluated (add popularity to --models)"] }
        let label = ceilings.flatMap { c in others.map { "\(c) over \($0)".count } }.max() ?? 0
        let widths = [-max(26, label), 24, 24, 24, 24]
        var lines = [
            "ceilings (they know the generator's planted truth: analysis, not baselines); lift of each over each model, 95% interval",
            cells(["ceiling over model", "cold P@10", "cold R@10", "cold NDCG@10", "warm NDCG@10"], widths: widths),
        ]
        for ceiling in ceilings {
            for over in others {
                let parts = [("cold", "precision"), ("cold", "recall"), ("cold", "ndcg"), ("warm", "ndcg")].map { kind, metric in
                    comparison.ceilingLift(ceiling, over: over, cases: kind, metric: metric).map(interval) ?? "n/a"
                }
                lines.append(cells(["\(ceiling) over \(over)"] + parts, widths: widths))
            }
        }
        return lines
    }

    /// The issue's two claims, each judged by the protocol's rule (point value reaches the target,
    /// lower bound above 0).
    static func verdicts(_ comparison: Comparison) -> [String] {
        var lines: [String] = []
        let coldNDCG = Comparison.baselines.compactMap { name in comparison.row(model: name, cases: "cold").map { (name, $0.ndcg) } }
        if let best = coldNDCG.max(by: { $0.1 < $1.1 }), let lift = comparison.lift(over: best.0, metric: "ndcg") {
            lines.append("cold NDCG@10 vs the best baseline (\(best.0)): \(interval(lift)) — "
                         + (lift.holds(target: 0.10) ? "holds (≥ +10%, lower bound > 0)" : "does not hold (needs ≥ +10% with lower bound > 0)"))
        }
        // The full model's `self` ablation (no transfer), whatever its other terms are.
        let selfName = comparison.rows.map(\.model).first { $0 == "self" || $0.hasPrefix("self+") || $0.hasPrefix("self-") }
        for over in [selfName, "bpr-mf"].compactMap({ $0 }) {
            guard let p = comparison.lift(over: over, metric: "precision"), let r = comparison.lift(over: over, metric: "recall") else { continue }
            let holds = p.holds(target: 0.15) && r.holds(target: 0.10)
            lines.append("seed claim over \(over): P@10 \(interval(p)), R@10 \(interval(r)) — "
                         + (holds ? "holds (≥ +15% P@10 and ≥ +10% R@10, lower bounds > 0)" : "does not hold"))
        }
        return lines
    }

    static func tuningSummary(_ comparison: Comparison, models: [String]) -> [String] {
        var lines = ["tuning (picked by cold-validation NDCG@10, ties warm): pick per draw"]
        for name in models {
            let records = comparison.tuning.filter { $0.model == name }
            guard let grid = records.first?.grid, grid.count > 1 else { continue }
            lines.append("  \(name): grid \(grid.map(\.setting).joined(separator: " | ")); picks "
                         + records.map(\.pick).joined(separator: ", "))
        }
        return lines
    }

    static func interval(_ lift: LiftRow.Lift) -> String {
        String(format: "%+.1f%% [%+.1f, %+.1f]", lift.value * 100, lift.low * 100, lift.high * 100)
    }

    static func f4(_ value: Double) -> String { String(format: "%.4f", value) }
}
