import InterestData
import InterestModel

/// Two cohorts' attention compared, as Ctrl-S and `y` write it: one row per cell (target,
/// source) with A, B, A − B, its bootstrap interval and whether it excludes 0.
public struct CohortComparisonExport: Sendable, Equatable {
    public var first: [Float], second: [Float]
    public var difference: CohortComparison.CellDifferences

    public static let header = ["target", "source", "a", "b", "difference", "low", "high", "beyond_noise"]

    public func text(sceneIDs: [String], format: Delimited) -> String {
        let s = sceneIDs.count
        let rows = (0..<(s * s)).map { k in
            [sceneIDs[k / s], sceneIDs[k % s], exportNumber(first[k]), exportNumber(second[k]), exportNumber(difference.value[k]),
             exportNumber(difference.low[k]), exportNumber(difference.high[k]), difference.beyondNoise[k] ? "true" : "false"]
        }
        return format.table(header: Self.header, rows: rows)
    }
}

extension AppState {
    /// What Ctrl-S and `y` take on the Attention screen while a cohort is shown (nil otherwise):
    /// the cohort's matrix, or the comparison's cells.
    func cohortExportRequest() -> Result<(content: ExportContent, what: String, name: String), ExportRefusal>? {
        let cohorts = attentionCohorts, view = attention.view, s = data.sceneCount
        guard let mode = cohorts.mode else { return nil }
        guard case .success(let matrix)? = AttentionScreen.cohortMatrix(self) else {
            return .failure(ExportRefusal("the cohort's attention is still being computed (or was stopped): export it when it is shown"))
        }
        switch mode {
        case .cohort:
            guard let a = cohorts.first else { return nil }
            return .success((.attention(matrix: matrix), "the attention matrix (\(s)×\(s), cohort \(a.label), \(a.users.count) users, \(view.title) view)",
                             "mist-attention-cohort-\(ExportNames.safe(a.label))-\(view.title).csv"))
        case .comparison:
            guard let comparison = cohorts.comparison, let (a, b) = cohorts.pair, let d = comparison.differences[view.cohortView] else { return nil }
            let table = CohortComparisonExport(first: comparison.first.matrix(view.cohortView), second: comparison.second.matrix(view.cohortView), difference: d)
            return .success((.cohortComparison(table), "the comparison of \(a.label) with \(b.label) (\(s * s) cells, \(view.title) view)",
                             "mist-attention-compare-\(ExportNames.safe(a.label))-vs-\(ExportNames.safe(b.label))-\(view.title).csv"))
        }
    }
}
