import InterestModel
import TerminalUI

/// The scene graph of the transfer screen as a picture: every other scene's node with its edge
/// into the target (the attention weight α of that edge, as a number and as the line's glyph),
/// the target with its own weight, and beside each node its change at step k.
struct TransferGraph {
    let state: AppState
    let trace: TransferTrace
    let attention: AttentionView

    /// "Δ0.123" at step k ≥ 1; "Z⁰" at k = 0, where every node holds its initial state.
    func changeNote(of scene: Int) -> String {
        let k = state.transfer.step
        guard k > 0, k - 1 < trace.change.count else { return "Z⁰" }
        return "Δ" + formatNumber(Double(trace.change[k - 1][scene]), decimals: 3)
    }

    /// The weight of the edge source → target (row = target, column = source, head average).
    func weight(from source: Int) -> Double {
        Double(attention.value(attention.average, target: trace.target, source: source))
    }

    /// A node in its scene's colour; scenes without history for this user are dim.
    func node(_ scene: Int) -> FanInGraph.Node {
        let data = state.data
        let active = state.model?.explanation?.scenes[scene].isActive ?? true
        let style = Style(foreground: data.sceneColor(scene), attributes: active ? [] : .dim)
        return FanInGraph.Node(data.sceneLabels[scene], note: changeNote(of: scene), style: style)
    }

    func widget(showsLegend: Bool = true) -> FanInGraph {
        let t = trace.target
        let sources = (0..<state.data.sceneCount).filter { $0 != t }
        return FanInGraph(edges: sources.map { FanInGraph.Edge(from: node($0), weight: weight(from: $0)) },
                          into: node(t), selfWeight: weight(from: t), showsLegend: showsLegend)
    }

    /// Rows the picture takes, spaced (one blank row between sources) or packed.
    func height(spaced: Bool) -> Int {
        FanInGraph.height(sourceCount: state.data.sceneCount - 1, spaced: spaced)
    }
}
