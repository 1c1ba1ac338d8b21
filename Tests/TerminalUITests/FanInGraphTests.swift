import Testing
@testable import TerminalUI

@Suite struct FanInGraphTests {
    static let graph = FanInGraph(
        edges: [.init(from: .init("新闻", note: "Δ0.021"), weight: 0.31),
                .init(from: .init("娱乐", note: "Δ0.004"), weight: 0.05),
                .init(from: .init("sport", note: "Δ0.009"), weight: 0.62)],
        into: .init("科技", note: "Δ0.013"), selfWeight: 0.02)

    @Test func drawsSourcesEdgesAndTargetAlignedByDisplayWidth() {
        let buffer = Buffer.rendering(Self.graph, width: 44, height: 6)
        #expect(buffer.lines == [
            "新闻  Δ0.021 ━ 0.31 ━┐                      ",
            "                     │                      ",
            "娱乐  Δ0.004 ┈ 0.05 ┈┼─▶ [科技] Δ0.013 ↻ 0.0",
            "                     │                      ",
            "sport Δ0.009 █ 0.62 █┘                      ",
            "α: ┈ <0.10  ─ <0.25  ━ <0.50  █ ≥0.50       ",
        ])
        // Weak edges recede, strong ones stand out, whatever the colours.
        #expect(buffer[13, 2].attributes.contains(.dim))
        #expect(buffer[13, 4].attributes.contains(.bold))
        #expect(Self.graph.minimumWidth == 12 + 1 + 8 + 1 + 3 + "[科技] Δ0.013 ↻ 0.02".displayWidth)
        #expect(Buffer.rendering(Self.graph, width: Self.graph.minimumWidth, height: 6).lines[2].hasSuffix("[科技] Δ0.013 ↻ 0.02"))
        // Wider areas give the edges the room; the target line ends at the right edge.
        #expect(Buffer.rendering(Self.graph, width: 60, height: 6).lines[0] == "新闻  Δ0.021 ━━━━━━━━ 0.31 ━━━━━━━━━┐                       ")
    }

    @Test func packsRowsWhenShortAndCountsWhatIsLeftOut() {
        var buffer = Buffer.rendering(Self.graph, width: 60, height: 4)
        #expect(buffer.lines[0].hasPrefix("新闻  Δ0.021"))
        #expect(buffer.lines[1].contains("┼─▶ [科技] Δ0.013 ↻ 0.02"))
        #expect(buffer.lines[2].hasPrefix("sport"))
        #expect(buffer.lines[2].contains("┘"))
        buffer = Buffer.rendering(Self.graph, width: 60, height: 3)
        #expect(buffer.lines[0].contains("┬─▶ [科技]"))
        #expect(buffer.lines[1].contains("┘"))
        #expect(buffer.lines[2].contains("(+1 not shown)"))
    }

    @Test func strokeTiersAndJunctions() {
        #expect([0.0, 0.099, 0.1, 0.3, 0.5, 1].map(FanInGraph.stroke(for:)) == ["┈", "┈", "─", "━", "█", "█"])
        #expect(FanInGraph.junction(left: true, right: false, up: false, down: true) == "┐")
        #expect(FanInGraph.junction(left: false, right: true, up: true, down: true) == "├")
        #expect(FanInGraph.junction(left: true, right: true, up: false, down: false) == "─")
        #expect(FanInGraph.height(sourceCount: 3, spaced: true) == 6)
        #expect(FanInGraph.height(sourceCount: 3, spaced: false, legend: false) == 3)
    }

    @Test func aSingleSourceIsAStraightLine() {
        let graph = FanInGraph(edges: [.init(from: .init("a"), weight: 0.2)], into: .init("b"), showsLegend: false)
        let line = Buffer.rendering(graph, width: 20, height: 1).lines[0]
        #expect(line.hasPrefix("a "))
        #expect(line.contains("0.20"))
        #expect(line.hasSuffix("──▶ [b]"))
    }

    /// A one-scene dataset has no other scene: the target stands alone with its self weight.
    @Test func noSourcesLeavesTheTargetAlone() {
        let graph = FanInGraph(edges: [], into: .init("新闻", note: "Z⁰"), selfWeight: 1)
        let buffer = Buffer.rendering(graph, width: 40, height: 3)
        #expect(buffer.lines[0].hasPrefix("[新闻] Z⁰ ↻ 1.00"))
        #expect(buffer.lines[1].hasPrefix("α: ┈"))
        #expect(graph.minimumWidth == FanInGraph.legend().displayWidth)
    }
}
