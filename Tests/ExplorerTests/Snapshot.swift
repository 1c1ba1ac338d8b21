import Foundation
import TerminalUI
import Testing

/// Whole-buffer snapshots, as ratatui tests widgets: every line of a rendered screen against a
/// golden file in `Tests/ExplorerTests/Snapshots/NAME.txt`. A missing golden file is written and
/// the test fails (so a new snapshot is looked at before it is trusted); `MIST_RECORD_SNAPSHOTS=1`
/// rewrites them all after an intended change (then read the diff).
enum Snapshot {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

    static func expect(_ buffer: Buffer, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        // Trailing spaces are kept: a line is exactly the buffer's width in cells.
        let text = buffer.lines.joined(separator: "\n") + "\n"
        let file = folder.appendingPathComponent(name + ".txt")
        let record = ProcessInfo.processInfo.environment["MIST_RECORD_SNAPSHOTS"] == "1"
        guard !record, let golden = try? String(contentsOf: file, encoding: .utf8) else {
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try? text.write(to: file, atomically: true, encoding: .utf8)
            if !record { Issue.record("no snapshot \(name) yet: recorded it, check it and run again", sourceLocation: sourceLocation) }
            return
        }
        let expected = golden.components(separatedBy: "\n"), actual = text.components(separatedBy: "\n")
        guard expected != actual else { return }
        let first = zip(expected, actual).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(expected.count, actual.count)
        Issue.record("""
            snapshot \(name) differs from line \(first + 1):
            expected: \(first < expected.count ? expected[first] : "<end>")
            actual:   \(first < actual.count ? actual[first] : "<end>")
            """, sourceLocation: sourceLocation)
    }
}
