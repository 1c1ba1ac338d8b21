import Foundation

/// Writes files so that a reader never sees half of one: the bytes go to a temporary file in the
/// same directory, which is then renamed over the destination.
///
/// - A destination that is a symbolic link is followed: the file it points to is replaced and
///   the link stays a link (docs/DATA-FORMAT.md, "Writing files").
/// - A destination that exists keeps its permission bits (a 0600 file stays 0600); a new file
///   gets 0644 less the umask.
/// - A directory, or anything but a regular file, is refused; so is a folder that does not
///   exist or cannot be written. Every refusal carries the operating system's reason.
/// - The temporary file is removed on every failure.
public enum AtomicFile {
    public static func write(_ bytes: [UInt8], to path: String) throws(DataError) {
        let location = DataLocation(file: path)
        let target = try destination(of: path)
        let (directory, name) = PathParts.split(target)
        let temporary = PathParts.join(directory, ".\(name).tmp-\(ProcessInfo.processInfo.processIdentifier)")
        var existing = stat()
        let mode: mode_t = stat(target, &existing) == 0 ? existing.st_mode & 0o7777 : 0o644
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, mode)
        guard fd >= 0 else {
            throw .cannotWrite(location, reason: "cannot create a file in \(directory): \(String(cString: strerror(errno)))")
        }
        var failure: String?
        bytes.withUnsafeBytes { raw in
            var written = 0
            while written < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + written, raw.count - written)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno))
                    return
                }
                written += n
            }
        }
        // The umask narrowed the mode at creation: put back exactly what the old file had.
        if failure == nil, fchmod(fd, mode) != 0 { failure = String(cString: strerror(errno)) }
        if failure == nil, fsync(fd) != 0 { failure = String(cString: strerror(errno)) }
        if close(fd) != 0, failure == nil { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(temporary)
            throw .cannotWrite(location, reason: failure)
        }
        if rename(temporary, target) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw .cannotWrite(location, reason: "cannot rename into place: \(reason)")
        }
    }

    public static func write(_ text: String, to path: String) throws(DataError) {
        try write(Array(text.utf8), to: path)
    }

    /// The file a write to `path` replaces: `path` itself, or what its symbolic link points to.
    /// Throws when the destination is a directory or a special file, or its folder is missing or
    /// not writable.
    public static func destination(of path: String) throws(DataError) -> String {
        let location = DataLocation(file: path)
        guard !path.isEmpty, !path.hasSuffix("/"), !path.hasSuffix("/."), !path.hasSuffix("/.."), path != ".", path != ".." else {
            throw .cannotWrite(location, reason: "it names a folder, not a file")
        }
        var target = path
        var info = stat()
        if lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK {
            guard let resolved = realpathOrNil(path) else {
                // A dangling link: write where it points (the link's text, relative to its folder).
                guard let text = try? FileManager.default.destinationOfSymbolicLink(atPath: path) else {
                    throw .cannotWrite(location, reason: "it is a symbolic link that cannot be followed")
                }
                target = text.hasPrefix("/") ? text : PathParts.join(PathParts.split(path).folder, text)
                return try destination(ofPlain: target, location: location)
            }
            target = resolved
        }
        return try destination(ofPlain: target, location: location)
    }

    private static func destination(ofPlain target: String, location: DataLocation) throws(DataError) -> String {
        var info = stat()
        if stat(target, &info) == 0 {
            let kind = info.st_mode & S_IFMT
            if kind == S_IFDIR { throw .cannotWrite(location, reason: "it is a directory") }
            if kind != S_IFREG { throw .cannotWrite(location, reason: "it is not a regular file") }
        } else if errno == ELOOP {
            throw .cannotWrite(location, reason: "too many levels of symbolic links")
        }
        let directory = PathParts.split(target).folder
        var folderInfo = stat()
        guard stat(directory, &folderInfo) == 0 else {
            throw .cannotWrite(location, reason: "folder \(directory) does not exist (\(String(cString: strerror(errno))))")
        }
        guard (folderInfo.st_mode & S_IFMT) == S_IFDIR else { throw .cannotWrite(location, reason: "\(directory) is not a folder") }
        guard access(directory, W_OK | X_OK) == 0 else {
            throw .cannotWrite(location, reason: "folder \(directory) is not writable (\(String(cString: strerror(errno))))")
        }
        return target
    }

    static func realpathOrNil(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
