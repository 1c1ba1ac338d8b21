import Foundation
import InterestData
import InterestModel

/// Runs the built `mist` binary on hostile input and reports how it ended: its exit status, or
/// the signal that killed it, or that it had to be killed for running past its deadline.
enum HostileRunner {
    struct Outcome: CustomStringConvertible {
        /// Exit status, when the process exited.
        var status: Int32?
        /// The signal that ended it (a crash), when one did.
        var signal: Int32?
        /// It ran past the deadline and was killed.
        var timedOut: Bool
        var output: String

        var description: String {
            "status \(status.map(String.init) ?? "-"), signal \(signal.map(String.init) ?? "-"), timed out \(timedOut)\n\(output)"
        }

        /// Ended on its own, without a signal, with a non-zero status and no usage text.
        var isCleanRefusal: Bool { signal == nil && !timedOut && status != nil && status != 0 }
    }

    /// Runs `mist arguments` with stdin from /dev/null and stdout and stderr captured, killing it
    /// after `seconds`.
    static func mist(_ arguments: [String], seconds: Double = 30, environment: [String: String] = [:],
                     currentDirectory: String? = nil, interruptAfter: Double? = nil) throws -> Outcome {
        try run([try TmuxDriver.mistBinary()] + arguments, seconds: seconds, environment: environment, currentDirectory: currentDirectory,
                interruptAfter: interruptAfter)
    }

    /// With `interruptAfter`, sends SIGINT (Ctrl-C) once that many seconds have passed and keeps
    /// waiting until the deadline.
    static func run(_ arguments: [String], seconds: Double, environment: [String: String] = [:],
                    currentDirectory: String? = nil, interruptAfter: Double? = nil) throws -> Outcome {
        let outputPath = NSTemporaryDirectory() + "mist-hostile-out-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // The shell changes directory and then becomes the program (exec): a signal that ends
        // the program is seen here as it is.
        let command = currentDirectory.map { ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", $0] + arguments } ?? arguments
        var env = ProcessInfo.processInfo.environment
        env["SWIFT_BACKTRACE"] = "enable=no"
        env.merge(environment) { _, new in new }
        let envp: [UnsafeMutablePointer<CChar>?] = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        let argv: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) }; envp.forEach { free($0) } }
        var pid: pid_t = 0
        // spawnp: a bare name ("tmux") is looked up on PATH, as a shell would.
        let spawned = posix_spawnp(&pid, command[0], &actions, nil, argv, envp)
        guard spawned == 0 else { throw TmuxDriver.Failure(description: "cannot run \(arguments[0]): \(String(cString: strerror(spawned)))") }
        let started = Date()
        let deadline = started.addingTimeInterval(seconds)
        var interrupt = interruptAfter.map { started.addingTimeInterval($0) }
        var status: Int32 = 0
        var timedOut = false
        while true {
            let done = waitpid(pid, &status, WNOHANG)
            if done == pid { break }
            if done == -1 && errno != EINTR { break }
            if let at = interrupt, Date() > at {
                kill(pid, SIGINT)
                interrupt = nil
            }
            if Date() > deadline {
                timedOut = true
                kill(pid, SIGKILL)
                while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
                break
            }
            usleep(20_000)
        }
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8))
            ?? String(decoding: (FileManager.default.contents(atPath: outputPath) ?? Data()), as: UTF8.self)
        let signalled = (status & 0x7f) != 0
        return Outcome(status: signalled || timedOut ? nil : (status >> 8) & 0xff,
                       signal: signalled && !timedOut ? status & 0x7f : nil, timedOut: timedOut, output: output)
    }
}

/// A scratch folder with a copy of the sample data and the shipped checkpoint, and a record of
/// file contents to prove that nothing that must not change did.
final class HostileScratch {
    let root: String
    var data: String { root + "/data" }
    var shippedModel: String { root + "/data/model.safetensors" }

    static let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("sample-data").path

    init() throws {
        root = NSTemporaryDirectory() + "mist-hostile-\(getpid())-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.sample, toPath: data)
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    /// Every regular file under the scratch folder with its bytes' hash, size and mode.
    func snapshot() -> [String: String] {
        var result: [String: String] = [:]
        guard let walker = FileManager.default.enumerator(atPath: root) else { return result }
        for case let relative as String in walker {
            let path = root + "/" + relative
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            if (info.st_mode & S_IFMT) == S_IFREG {
                let bytes = FileManager.default.contents(atPath: path) ?? Data()
                var hash: UInt64 = 0xcbf2_9ce4_8422_2325
                for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
                result[relative] = "\(bytes.count) \(hash) \(String(info.st_mode & 0o7777, radix: 8))"
            } else {
                result[relative] = "kind \(info.st_mode & S_IFMT)"
            }
        }
        return result
    }

    func write(_ text: String, to relative: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: root + "/" + relative))
    }

    /// The shipped checkpoint, changed by `edit`, written to `name` in the scratch folder.
    func craftedCheckpoint(_ name: String, _ edit: (inout SafeTensorsFile) throws -> Void) throws -> String {
        var file = try SafeTensors.read(from: URL(fileURLWithPath: shippedModel))
        try edit(&file)
        let path = root + "/" + name
        try SafeTensors.encode(file).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// A small generated dataset (fast to train on in a debug build).
    func tinyDataset(_ name: String = "tiny") throws -> String {
        let path = root + "/" + name
        let files = SyntheticGenerator.generate(GeneratorParameters(seed: 5, users: 40, itemsPerScene: 8, meanInteractionsPerUser: 10))
        try files.writeFolder(to: path, replacing: false)
        return path
    }
}

extension SafeTensorsFile {
    /// Keeps the first `count` rows of tensor `name` (its first dimension).
    mutating func keepRows(_ name: String, _ count: Int) {
        guard let tensor = tensors[name] else { return }
        let rowSize = tensor.shape.dropFirst().reduce(1, *)
        tensors[name] = StoredTensor(shape: [count] + tensor.shape.dropFirst(), values: Array(tensor.values.prefix(count * rowSize)))
    }

    /// Keeps the first `count` ids of the JSON list in metadata `key`.
    mutating func keepIDs(_ key: String, _ count: Int) throws {
        let ids = try JSONDecoder().decode([String].self, from: Data((metadata[key] ?? "[]").utf8))
        metadata[key] = String(decoding: try JSONEncoder().encode(Array(ids.prefix(count))), as: UTF8.self)
    }

    /// Sets one field of the hyperparameters JSON.
    mutating func setHyperparameter(_ key: String, _ value: Any) throws {
        var object = try JSONSerialization.jsonObject(with: Data((metadata["hyperparameters"] ?? "{}").utf8)) as? [String: Any] ?? [:]
        object[key] = value
        metadata["hyperparameters"] = String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }
}
