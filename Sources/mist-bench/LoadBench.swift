import ArgumentParser
import Foundation
import InterestData

/// `mist-bench load`: time loading a one-million-interaction dataset (parse, index, build every
/// user's sequence and (user, scene) histories) beside pandas' `read_csv` of the same three CSV
/// files, in the same run. Prints one JSON object per line.
struct LoadBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Time Dataset.load on ~1M interactions beside pandas read_csv of the same files.")

    @Option(help: "Users to generate (about 45 interactions each).")
    var users = 22_300

    @Option(help: "Timed repetitions of each side (the best is reported).")
    var repetitions = 5

    @Option(help: "Where the generated dataset is cached (default: a folder in the temp directory).")
    var cache: String?

    func run() async throws {
        let parameters = GeneratorParameters(seed: 1, users: users, itemsPerScene: 2500)
        let directory = cache ?? (NSTemporaryDirectory() + "mist-bench-load-\(users)u-seed1")
        if !FileManager.default.fileExists(atPath: directory + "/interactions.csv") {
            let start = Date()
            try SyntheticGenerator.generate(parameters).write(to: directory)
            Self.emit(["bench": "load", "step": "generate", "directory": directory, "seconds": Date().timeIntervalSince(start)])
        }
        var bytes = 0
        for name in ["scenes.csv", "items.csv", "interactions.csv"] {
            bytes += (try FileManager.default.attributesOfItem(atPath: directory + "/" + name)[.size] as? Int) ?? 0
        }

        // Wall time and CPU time, best of the repetitions, on one thread and on all cores: on a
        // busy machine the CPU time is the fairer comparison, since neither side then pays for
        // waiting on the other processes.
        var dataset: Dataset?
        var mist: [Bool: (wall: Double, cpu: Double)] = [:]
        for parallel in [false, true] {
            var best = Double.infinity, bestCPU = Double.infinity
            for _ in 0..<max(1, repetitions) {
                dataset = nil
                let start = DispatchTime.now().uptimeNanoseconds, startCPU = Self.cpuSeconds()
                let loaded = try Dataset.load(from: directory, parallel: parallel)
                bestCPU = min(bestCPU, Self.cpuSeconds() - startCPU)
                best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
                dataset = loaded
            }
            mist[parallel] = (best, bestCPU)
            Self.emit(["bench": "load", "impl": parallel ? "mist (all cores)" : "mist (one thread)",
                       "interactions": dataset!.interactionCount, "users": dataset!.userCount,
                       "items": dataset!.itemCount, "bytes": bytes, "seconds": best, "cpu_seconds": bestCPU,
                       "cores": parallel ? ProcessInfo.processInfo.activeProcessorCount : 1,
                       "what": "parse 3 CSVs, intern ids, per-user sequences and (user, scene) histories, fingerprint"])
        }
        let d = dataset!
        let (best, bestCPU) = mist[false]!
        let fastest = min(mist[false]!.wall, mist[true]!.wall)

        // The split and its evaluation histories, for scale (no pandas counterpart).
        let splitStart = DispatchTime.now().uptimeNanoseconds
        let split = Split(dataset: d, seed: 1)
        Self.emit(["bench": "load", "step": "split", "seconds": Double(DispatchTime.now().uptimeNanoseconds - splitStart) / 1e9,
                   "cases": split.warmTestCases.count + split.validationCases.count + split.coldCases.count])

        let pandas = try Self.pandasSeconds(directory: directory, repetitions: max(1, repetitions))
        Self.emit(["bench": "load", "impl": "pandas", "interactions": d.interactionCount, "seconds": pandas.seconds,
                   "cpu_seconds": pandas.cpu, "version": pandas.version,
                   "what": "pandas.read_csv of the same 3 CSVs, nothing else"])
        Self.emit(["bench": "load", "ratio_pandas_over_mist_one_thread": pandas.seconds / best,
                   "cpu_ratio_pandas_over_mist_one_thread": pandas.cpu / bestCPU,
                   "ratio_pandas_over_mist_fastest": pandas.seconds / fastest,
                   "note": "above 1 means mist loads faster than pandas (one thread) merely reads"])
    }

    /// CPU time of this process (user + system).
    static func cpuSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    /// Best of `repetitions` timings of pandas reading the three files, measured by Python itself.
    static func pandasSeconds(directory: String, repetitions: Int) throws -> (seconds: Double, cpu: Double, version: String) {
        if try python(["-c", "import pandas"]).status != 0 {
            FileHandle.standardError.write(Data("pandas is missing; installing it with pip for this benchmark\n".utf8))
            _ = try python(["-m", "pip", "install", "--quiet", "pandas"])
        }
        let script = """
        import json, sys, time, pandas
        d, n = sys.argv[1], int(sys.argv[2])
        best = best_cpu = float('inf')
        for _ in range(n):
            t, c = time.perf_counter(), time.process_time()
            frames = [pandas.read_csv(d + '/' + f) for f in ('scenes.csv', 'items.csv', 'interactions.csv')]
            best_cpu = min(best_cpu, time.process_time() - c)
            best = min(best, time.perf_counter() - t)
        print(json.dumps({'seconds': best, 'cpu': best_cpu, 'rows': len(frames[2]), 'version': pandas.__version__}))
        """
        let result = try python(["-c", script, directory, String(repetitions)])
        guard result.status == 0,
              let object = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any],
              let seconds = object["seconds"] as? Double, let cpu = object["cpu"] as? Double else {
            throw ValidationError("pandas benchmark failed: \(result.output)")
        }
        return (seconds, cpu, object["version"] as? String ?? "?")
    }

    static func python(_ arguments: [String]) throws -> (status: Int32, output: String) {
        try Subprocess.run("/usr/bin/env", ["python3"] + arguments)
    }

    static func emit(_ object: [String: Any]) {
        if let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) {
            print(String(decoding: data, as: UTF8.self))
        }
    }
}
