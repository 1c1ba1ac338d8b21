import ArgumentParser
import Explorer
import Foundation
import InterestData
import InterestModel
import TerminalUI

/// `mist-bench ui`: the explorer's frame cost and scroll latency, without a terminal.
///
/// 1. Each screen at 200×60: time to render the whole frame into a buffer, and to diff it against
///    the previous frame (what the curses backend does before writing), for a first frame (diff
///    against nothing: every cell) and after one cursor move (diff against the last frame).
/// 2. Scrolling the users table: one key (↓, PgDn, G) = update + render + diff, on generated
///    datasets of a thousand and a million users side by side. The table is virtual, so the
///    figures must not grow with the number of users.
/// Prints one JSON object per line.
struct UIBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ui",
        abstract: "Time rendering and diffing each explorer screen at 200×60, and scrolling 1k vs 1M users.")

    @Option(help: "Users of the large dataset.")
    var users = 1_000_000

    @Option(help: "Timed repetitions per measurement (median and p99 are reported).")
    var repetitions = 200

    @Option(help: "Where generated datasets are cached (default: the temp directory).")
    var cache: String?

    func run() async throws {
        let small = try Self.dataset(users: 1000, meanInteractions: 45, cache: cache)
        try benchScreens(small)
        let large = try Self.dataset(users: users, meanInteractions: 4, cache: cache)
        try benchScroll([small, large])
    }

    /// A generated dataset, cached on disk between runs.
    static func dataset(users: Int, meanInteractions: Double, cache: String?) throws -> ExplorerData {
        let directory = (cache ?? NSTemporaryDirectory()) + "/mist-bench-ui-\(users)u"
        if !FileManager.default.fileExists(atPath: directory + "/interactions.csv") {
            let start = Date()
            try SyntheticGenerator.generate(GeneratorParameters(seed: 3, users: users, meanInteractionsPerUser: meanInteractions)).write(to: directory)
            emit(["bench": "ui", "step": "generate", "users": users, "seconds": Date().timeIntervalSince(start)])
        }
        let start = Date()
        let dataset = try Dataset.load(from: directory)
        let data = ExplorerData(dataset: dataset, directoryPath: directory)
        emit(["bench": "ui", "step": "load and summarise users", "users": users, "interactions": dataset.interactionCount,
              "seconds": Date().timeIntervalSince(start)])
        return data
    }

    func benchScreens(_ data: ExplorerData) throws {
        let h = Hyperparameters()
        let parameters = ModelParameters(hyperparameters: h, itemCount: data.dataset.itemCount, topicCount: data.dataset.topicCount,
                                         sceneCount: data.dataset.sceneCount)
        var state = AppState(data: data, model: TransferModel(parameters: parameters, dataset: data.dataset), modelOrigin: "bench")
        _ = update(&state, .resized(width: 200, height: 60))
        let u = (0..<data.directory.userCount).first { data.directory.activeSceneCount(user: $0) >= 3 } ?? 0
        _ = update(&state, .key(.character("/")))
        for c in data.userIDs[u] { _ = update(&state, .key(.character(c))) }
        _ = update(&state, .key(.enter))
        _ = update(&state, .key(.character("F")))
        for screen in Screen.allCases {
            _ = update(&state, .key(.character(Character(String(screen.rawValue + 1)))))
            var moved = state
            _ = update(&moved, .key(.down))
            var frame = Buffer(width: 200, height: 60)
            let renders = Self.measure(repetitions) {
                frame = Buffer(width: 200, height: 60)
                render(state, into: &frame)
            }
            var other = Buffer(width: 200, height: 60)
            render(moved, into: &other)
            var written = 0
            let firstDiffs = Self.measure(repetitions) { written = CellDiff.writtenCellCount(CellDiff.changedRuns(from: nil, to: frame)) }
            var changed = 0
            let moveDiffs = Self.measure(repetitions) { changed = CellDiff.writtenCellCount(CellDiff.changedRuns(from: frame, to: other)) }
            Self.emit(["bench": "ui", "screen": screen.title, "size": "200x60",
                       "render_median_ms": renders.median * 1e3, "render_p99_ms": renders.p99 * 1e3,
                       "diff_first_frame_median_ms": firstDiffs.median * 1e3, "cells_first_frame": written,
                       "diff_after_move_median_ms": moveDiffs.median * 1e3, "cells_after_move": changed])
        }
    }

    func benchScroll(_ datasets: [ExplorerData]) throws {
        for data in datasets {
            var state = AppState(data: data)
            _ = update(&state, .resized(width: 200, height: 60))
            var previous = Buffer(width: 200, height: 60)
            render(state, into: &previous)
            for (name, key) in [("down", Key.down), ("pageDown", Key.pageDown), ("G then g", Key.character("G"))] {
                var jump = false
                let timings = Self.measure(max(repetitions, 500)) {
                    var k = key
                    if name == "G then g" { k = jump ? .character("g") : .character("G"); jump.toggle() }
                    _ = update(&state, .key(k))
                    var frame = Buffer(width: 200, height: 60)
                    render(state, into: &frame)
                    _ = CellDiff.changedRuns(from: previous, to: frame)
                    previous = frame
                }
                Self.emit(["bench": "ui-scroll", "users": data.directory.userCount, "key": name,
                           "median_us": timings.median * 1e6, "p99_us": timings.p99 * 1e6,
                           "what": "update + render 200x60 + diff against the previous frame"])
            }
        }
    }

    /// Median and 99th percentile seconds of `count` runs of `body`.
    static func measure(_ count: Int, _ body: () -> Void) -> (median: Double, p99: Double) {
        var times: [Double] = []
        times.reserveCapacity(count)
        for _ in 0..<max(1, count) {
            let start = DispatchTime.now().uptimeNanoseconds
            body()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        times.sort()
        return (times[times.count / 2], times[min(times.count - 1, times.count * 99 / 100)])
    }

    static func emit(_ object: [String: Any]) {
        if let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) {
            print(String(decoding: data, as: UTF8.self))
        }
    }
}
