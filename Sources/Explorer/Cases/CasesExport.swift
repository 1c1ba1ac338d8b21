import InterestData
import InterestModel

/// The cases table as CSV or TSV: one row per case shown, in the table's order: the user's id and
/// name, the scene's id, the hidden target items' ids (separated by ";"), the best rank of a
/// target under each model (headed "best_rank_" and the model's name; empty beyond the report's
/// depth) and the model's outcome against the baselines (win, loss or tie).
public enum CasesExport {
    public static func header(report: ColdCaseReport) -> [String] {
        ["user", "name", "scene", "targets"] + report.models.map { "best_rank_" + $0 } + ["outcome"]
    }

    public static func row(_ c: ColdCaseRanks, report: ColdCaseReport, data: ExplorerData) -> [String] {
        let u = Int(c.user), dataset = data.dataset
        return [data.userIDs[u], data.userName(u), dataset.scenes[Int(c.scene)].id, c.targets.map { dataset.itemID($0) }.joined(separator: ";")]
            + report.models.indices.map { c.best($0).map(String.init) ?? "" } + [report.outcome(c).rawValue]
    }

    public static func text(report: ColdCaseReport, order: [Int], data: ExplorerData, format: Delimited = .csv) -> String {
        format.table(header: header(report: report), rows: order.map { row(report.cases[$0], report: report, data: data) })
    }
}

extension AppState {
    /// Ctrl-S on the Cases screen: the table as shown, named after its filter and search.
    func casesExportRequest() -> Result<(content: ExportContent, what: String, name: String), ExportRefusal> {
        guard let report = coldCaseReport else {
            if model == nil { return .failure(ExportRefusal("no cold cases to export: there is no model yet (train one on screen 5)")) }
            return .failure(ExportRefusal(coldCaseStatus != nil ? "the cold cases are still being ranked: export them when they are shown"
                                                                : "no cold cases ranked for this model yet: e ranks them"))
        }
        var name = "mist-cases"
        if cases.filter != .all { name += "-" + cases.filter.title }
        if !cases.query.isEmpty { name += "-search-" + ExportNames.safe(cases.query) }
        let shown = cases.order.count == report.cases.count ? "" : " of \(report.cases.count)"
        return .success((ExportContent.coldCases(report: report, order: cases.order),
                         "the cold cases table (\(cases.order.count)\(shown) cases, as shown)", name + ".csv"))
    }
}
