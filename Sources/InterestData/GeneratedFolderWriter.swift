import Foundation

/// Writes a generated dataset as a whole folder, so that a folder is never a mix of old and new
/// files: everything goes into a hidden folder beside the target, which is then renamed into
/// place (an existing target is moved aside first and removed last). A non-empty target is
/// replaced only when asked (`replacing`, the `--force` of `mist generate`). Temporary folders
/// left by a killed run are removed by the next one.
extension GeneratedFiles {
    public func writeFolder(to path: String, replacing: Bool) throws(DataError) {
        let location = DataLocation(file: path)
        guard !path.isEmpty else { throw .cannotWrite(location, reason: "the folder name is empty") }
        let fm = FileManager.default
        // A symbolic link to a folder: replace the folder it points to, keep the link.
        let target = AtomicFile.realpathOrNil(path) ?? path
        var isDirectory: ObjCBool = false
        let exists = fm.fileExists(atPath: target, isDirectory: &isDirectory)
        if exists && !isDirectory.boolValue { throw .cannotWrite(location, reason: "it exists and is not a folder") }
        if exists {
            let entries: [String]
            do { entries = try fm.contentsOfDirectory(atPath: target) } catch {
                throw .cannotWrite(location, reason: "cannot list it: \((error as NSError).localizedDescription)")
            }
            if !entries.isEmpty && !replacing {
                let shown = entries.sorted().prefix(5).joined(separator: ", ") + (entries.count > 5 ? ", …" : "")
                throw .cannotWrite(location, reason: "the folder is not empty (\(shown)); pass --force to replace the whole folder")
            }
        }
        let (parent, name) = PathParts.split(target)
        var parentInfo = stat()
        if stat(parent, &parentInfo) != 0 {
            // Missing parents are created, as `mkdir -p` would.
            do { try fm.createDirectory(atPath: parent, withIntermediateDirectories: true) } catch {
                throw .cannotWrite(location, reason: "cannot create folder \(parent): \((error as NSError).localizedDescription)")
            }
        }
        guard stat(parent, &parentInfo) == 0, (parentInfo.st_mode & S_IFMT) == S_IFDIR else {
            throw .cannotWrite(location, reason: "\(parent) is not a folder")
        }
        guard access(parent, W_OK | X_OK) == 0 else {
            throw .cannotWrite(location, reason: "folder \(parent) is not writable (\(String(cString: strerror(errno))))")
        }
        Self.removeStaleTemporaries(of: name, in: parent)
        let pid = ProcessInfo.processInfo.processIdentifier
        let staging = PathParts.join(parent, ".\(name).generate-\(pid)")
        let aside = PathParts.join(parent, ".\(name).old-\(pid)")
        try? fm.removeItem(atPath: staging)
        guard mkdir(staging, 0o755) == 0 else {
            throw .cannotWrite(location, reason: "cannot create \(staging): \(String(cString: strerror(errno)))")
        }
        do {
            for name in files.keys.sorted() { try AtomicFile.write(files[name]!, to: staging + "/" + name) }
        } catch {
            try? fm.removeItem(atPath: staging)
            throw error
        }
        if exists {
            guard rename(target, aside) == 0 else {
                let reason = String(cString: strerror(errno))
                try? fm.removeItem(atPath: staging)
                throw .cannotWrite(location, reason: "cannot move the old folder aside: \(reason)")
            }
        }
        guard rename(staging, target) == 0 else {
            let reason = String(cString: strerror(errno))
            if exists { _ = rename(aside, target) }
            try? fm.removeItem(atPath: staging)
            throw .cannotWrite(location, reason: "cannot rename into place: \(reason)")
        }
        if exists { try? fm.removeItem(atPath: aside) }
    }

    /// Removes `.NAME.generate-PID` folders of processes that no longer run, and their
    /// `.NAME.old-PID` folders once NAME is back in place (before that, the old folder may be the
    /// only copy of the data, and is kept).
    static func removeStaleTemporaries(of name: String, in parent: String) {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: parent) else { return }
        let targetExists = FileManager.default.fileExists(atPath: PathParts.join(parent, name))
        for entry in entries {
            for prefix in [".\(name).generate-"] + (targetExists ? [".\(name).old-"] : []) where entry.hasPrefix(prefix) {
                guard let pid = Int32(entry.dropFirst(prefix.count)), pid > 0 else { continue }
                if kill(pid, 0) != 0 && errno == ESRCH {
                    try? FileManager.default.removeItem(atPath: PathParts.join(parent, entry))
                }
            }
        }
    }
}
