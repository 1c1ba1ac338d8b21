import Foundation

/// Refuses an output path that is one of the inputs: `split --out DATA/interactions.csv`,
/// `train --out DATA/items.csv`, a symbolic link or a `..` path to them, or a hard link. Files are
/// compared by identity (device and inode), so every spelling of the same file is caught.
public enum OutputPathGuard {
    /// The files a dataset folder is read from (docs/DATA-FORMAT.md).
    public static let datasetFileNames = ["scenes.csv", "items.csv", "interactions.csv", "users.csv", "truth.json"]

    /// Throws `cannotWrite` when writing `output` would replace a file of the dataset folder
    /// `dataset` or one of `otherInputs` (each with the role to name in the message, e.g. "--split").
    public static func check(output: String, dataset directory: String, otherInputs: [(path: String, role: String)] = []) throws(DataError) {
        var inputs = datasetFileNames.map { (PathParts.join(directory, $0), "the dataset's own \($0)") }
        inputs += otherInputs.map { ($0.path, "the \($0.role) input") }
        var out = stat()
        guard stat(output, &out) == 0 else { return }  // a new file cannot be an existing input
        for (path, role) in inputs {
            var input = stat()
            guard stat(path, &input) == 0 else { continue }
            if input.st_dev == out.st_dev && input.st_ino == out.st_ino {
                throw .cannotWrite(DataLocation(file: output), reason: "it is \(role) (\(path)); writing there would destroy an input. Choose another path")
            }
        }
    }
}
