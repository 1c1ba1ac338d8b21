import Foundation
import InterestData
import TerminalUI

/// The `EffectRunner`'s side of exporting, the clipboard and the mouse: the only place these touch
/// files or the terminal (`update` only asks, with effects).
extension EffectRunner {
    /// `path` as typed, made absolute: "~" is the home folder, a relative path is taken from the
    /// directory the explorer was started in.
    func resolveExportPath(_ path: String) -> String {
        let expanded = NSString(string: path).expandingTildeInPath
        let full = expanded.hasPrefix("/") ? expanded : PathParts.join(exportDirectory, expanded)
        return URL(fileURLWithPath: full).standardizedFileURL.path
    }

    func proposeExportPath(name: String, id: Int) {
        let free = ExportPaths.free(name) { candidate in
            FileManager.default.fileExists(atPath: PathParts.join(self.exportDirectory, candidate))
        }
        send(.exportPathProposed(path: free, id: id))
    }

    /// Writes an export (on a worker): refuses a dataset file whatever the answer, asks before
    /// replacing a file that exists, writes each file atomically (temporary file, then rename).
    func writeExport(_ job: ExportJob) -> Message {
        let target = resolveExportPath(job.path)
        let paths = job.content.paths(at: target)
        do {
            for path in paths { try OutputPathGuard.check(output: path, dataset: data.directoryPath) }
            // A folder is not "replaced": AtomicFile refuses it with the reason.
            let existing = paths.filter { path in
                FileManager.default.fileExists(atPath: path)
                    && (try? URL(fileURLWithPath: path).resourceValues(forKeys: [.isDirectoryKey]).isDirectory) != true
            }
            if !existing.isEmpty && !job.overwrite { return .exportNeedsConfirmation(job, existing: existing) }
            for file in job.content.files(at: target, data: data) { try AtomicFile.write(file.text, to: file.path) }
            return .exported(paths: paths, what: job.what)
        } catch {
            return .failed("could not export to \(target): \(error)")
        }
    }

    func copyToClipboard(_ text: String, what: String) {
        if let problem = Clipboard.copy(text) {
            send(.failed("could not copy \(what): \(problem); Ctrl-S writes it to a file instead"))
        } else {
            send(.copiedToClipboard(what: what))
        }
    }

    func setMouseCapture(_ on: Bool) {
        Terminal.setMouseCapture(on)
    }
}

/// Default export file names.
enum ExportPaths {
    /// `name` when no such file exists, else the first free "stem-2.ext", "stem-3.ext", …; never
    /// one of a dataset's own file names.
    static func free(_ name: String, exists: (String) -> Bool) -> String {
        var candidate = name, n = 1
        while exists(candidate) || OutputPathGuard.datasetFileNames.contains(candidate) {
            n += 1
            candidate = ExportContent.sibling(of: name, suffix: "-\(n)")
            if n > 9999 { break }
        }
        return candidate
    }
}
