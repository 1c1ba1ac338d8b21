import Foundation

/// Plain-text layout of an `S×S` scene matrix (rows = target, columns = source), shared by
/// `mist evaluate` and `mist inspect` so both print matrices the same way.
enum MatrixText {
    static let columnWidth = 14

    /// A header row of scene ids, then one row per target scene; every line is indented by two spaces.
    static func lines(_ matrix: [Float], sceneIDs ids: [String]) -> [String] {
        let s = ids.count
        func cell(_ text: String) -> String { text.padding(toLength: columnWidth, withPad: " ", startingAt: 0) }
        var lines = ["  " + cell("") + ids.map(cell).joined()]
        for t in 0..<s {
            lines.append("  " + cell(ids[t]) + (0..<s).map { cell(String(format: "%.3f", matrix[t * s + $0])) }.joined())
        }
        return lines
    }
}
