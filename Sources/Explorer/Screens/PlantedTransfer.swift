import InterestData
import TerminalUI

/// The planted scene-to-scene matrix of truth.json as a heatmap with the attention cursor on it,
/// and the cursor cell explained: what the generator mixed into each target scene. The
/// attention screen shows it on its own while there is no model, so the data can be read first.
struct PlantedTransfer: Widget {
    let state: AppState
    let truth: Truth

    /// "planted: 科技 → 新闻: 0.41" and what that share means in the generated data.
    func explanation() -> [Line] {
        let data = state.data, c = state.attention
        let share = truth.transfer[c.row][c.column]
        let source = data.sceneLabels[c.column], target = data.sceneLabels[c.row]
        var lines = [Line("planted: \(source) → \(target): \(formatNumber(share, decimals: 2))", style: .bold)]
        let targetName = data.dataset.scenes[c.row].name, sourceName = data.dataset.scenes[c.column].name
        if c.row == c.column {
            lines.append(Line("In the generated data, \(Int((share * 100).rounded()))% of the interest that drives choices in \(targetName) is the user's own interest there (the diagonal: what a scene keeps)."))
        } else {
            lines.append(Line("In the generated data, \(Int((share * 100).rounded()))% of the interest that drives choices in \(targetName) comes from the user's interest in \(sourceName)."))
        }
        lines.append(Line("Each row is a target scene and sums to 1; a trained model's attention is shown beside it, to compare.", style: .dim))
        return lines
    }

    func render(in area: Rect, into buffer: inout Buffer) {
        let data = state.data, s = data.sceneCount, c = state.attention
        let parts = area.rows(.length(s + 4), .fill)
        buffer.write(Line("planted (truth.json, row = target, column = source)", style: .bold), in: parts[0].row(0))
        buffer.render(Heatmap(values: truth.transfer, rowLabels: data.sceneLabels, columnLabels: data.sceneLabels, range: 0...1,
                              cursor: (c.row, c.column)), in: parts[0].inset(top: 1))
        buffer.render(Paragraph(explanation(), wrap: true), in: parts[1])
    }
}
