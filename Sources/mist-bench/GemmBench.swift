import ArgumentParser
import Autograd
import Foundation
import Randomness

/// `mist-bench gemm`: mist's GEMM against numpy's float32 `a @ b`, same sizes, same run.
///
/// For each n it prints one JSON line:
/// `{"bench":"gemm","n":N,"gflops":G,"numpy_gflops":X,"ratio":G/X,"threads":T,"kernel":K,"chosen":B,"cpu":F,"seconds":S}`,
/// where K is the micro-kernel timed, B whether it is the one this machine uses (chosen from the
/// CPU features F, see `MicroKernel.choice(for:)`), one line per kernel with `--kernel all`.
/// GFLOP/s counts 2n³ flops per product; each figure is the best of several timed batches
/// (batches long enough to dwarf timer noise), the usual way to measure a kernel on a machine
/// others share. numpy may use every core through OpenBLAS; mist uses `--threads`.
struct GemmBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gemm", abstract: "GEMM GFLOP/s for n×n·n×n, beside numpy's float32 a @ b.")

    @Option(help: "Comma-separated matrix sizes.")
    var sizes: String = "64,128,256,512,1024"

    @Option(help: "Threads for mist's GEMM (default: all active cores).")
    var threads: Int = GEMM.defaultThreadCount

    @Option(help: "Seconds to spend timing each size and library.")
    var seconds: Double = 1.0

    @Option(help: "Threads for numpy's OpenBLAS (default: its own choice, usually every core).")
    var numpyThreads: Int?

    @Option(help: "Micro-kernel to time: one of \(GEMM.kernelNames.joined(separator: ", ")), or all (default: the one this machine uses, \(GEMM.kernelName)).")
    var kernel: String?

    @Flag(help: "Skip the numpy reference.")
    var noNumpy = false

    func run() async throws {
        let ns = sizes.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !ns.isEmpty, ns.allSatisfy({ $0 > 0 }) else { throw ValidationError("--sizes needs positive integers, got \(sizes)") }
        let kernels = kernel == "all" ? GEMM.kernelNames : [kernel ?? GEMM.kernelName]
        guard kernels.allSatisfy(GEMM.kernelNames.contains) else {
            throw ValidationError("--kernel must be one of \(GEMM.kernelNames.joined(separator: ", ")) or all, got \(kernel ?? "")")
        }
        let reference = noNumpy ? [:] : try numpyGFLOPS(ns)
        for n in ns {
            for name in kernels {
                let g = mistGFLOPS(n, kernel: name)
                var fields: [(String, String)] = [("bench", "\"gemm\""), ("n", "\(n)"), ("gflops", format(g))]
                if let x = reference[n] {
                    fields += [("numpy_gflops", format(x)), ("ratio", format(g / x))]
                }
                if !noNumpy { fields.append(("numpy_threads", numpyThreads.map(String.init) ?? "\"default\"")) }
                fields += [("threads", "\(threads)"), ("kernel", "\"\(name)\""), ("chosen", "\(name == GEMM.kernelName)"),
                           ("cpu", "\"\(GEMM.cpuFeatures)\""), ("seconds", format(seconds))]
                print("{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}")
            }
        }
    }

    private func format(_ x: Double) -> String { String(format: "%.3f", x) }

    /// Best GFLOP/s over timed batches of n×n·n×n products.
    private func mistGFLOPS(_ n: Int, kernel: String) -> Double {
        var rng = SeededRandom(seed: UInt64(n))
        let a = Tensor.uniform([n, n], -1, 1, using: &rng).scalars
        let b = Tensor.uniform([n, n], -1, 1, using: &rng).scalars
        var c = [Float](repeating: 0, count: n * n)
        let threads = self.threads
        func once() {
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    c.withUnsafeMutableBufferPointer { c in
                        GEMM.multiply(m: n, n: n, k: n, a.baseAddress!, transposeA: false,
                                      b.baseAddress!, transposeB: false, into: c.baseAddress!,
                                      accumulate: false, threads: threads, kernelNamed: kernel)
                    }
                }
            }
        }
        return bestRate(flops: 2 * pow(Double(n), 3), once)
    }

    /// Calibrates a batch to ~1/10 of the budget, then keeps the fastest batch.
    private func bestRate(flops: Double, _ body: () -> Void) -> Double {
        body()  // warm caches and threads
        var reps = 1
        while true {
            let t = time(reps, body)
            if t > seconds / 10 || reps > 1 << 20 { break }
            reps *= 2
        }
        var best = Double.infinity
        let deadline = Date().addingTimeInterval(seconds)
        repeat { best = min(best, time(reps, body) / Double(reps)) } while Date() < deadline
        return flops / best / 1e9
    }

    private func time(_ reps: Int, _ body: () -> Void) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<reps { body() }
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// Runs python3 with numpy once for all sizes, same method (best of calibrated batches).
    private func numpyGFLOPS(_ ns: [Int]) throws -> [Int: Double] {
        let script = """
        import json, sys, time
        import numpy as np
        budget = float(sys.argv[1])
        for n in map(int, sys.argv[2:]):
            rng = np.random.default_rng(n)
            a = rng.uniform(-1, 1, (n, n)).astype(np.float32)
            b = rng.uniform(-1, 1, (n, n)).astype(np.float32)
            c = a @ b
            reps = 1
            while True:
                t = time.perf_counter(); [a @ b for _ in range(reps)]; t = time.perf_counter() - t
                if t > budget / 10 or reps > 1 << 20: break
                reps *= 2
            best = float('inf'); end = time.perf_counter() + budget
            while time.perf_counter() < end:
                t = time.perf_counter(); [a @ b for _ in range(reps)]; best = min(best, (time.perf_counter() - t) / reps)
            print(json.dumps({"n": n, "gflops": 2 * n ** 3 / best / 1e9}), flush=True)
        """
        let environment = numpyThreads.map { ["OPENBLAS_NUM_THREADS": String($0)] } ?? [:]
        let python = try Subprocess.run("/usr/bin/env", ["python3", "-c", script, String(seconds)] + ns.map(String.init),
                                        environment: environment)
        guard python.status == 0 else {
            throw ValidationError("python3 with numpy failed (status \(python.status)); use --no-numpy to skip it")
        }
        var result: [Int: Double] = [:]
        for line in python.output.split(separator: "\n") {
            struct Row: Decodable { let n: Int; let gflops: Double }
            let row = try JSONDecoder().decode(Row.self, from: Data(line.utf8))
            result[row.n] = row.gflops
        }
        return result
    }
}
