import Foundation

/// Reads a whole file into a byte array with one copy (open, fstat, read), since a
/// million-interaction file is tens of megabytes and Data → [UInt8] would copy it twice.
///
/// Only regular files are read: a FIFO, socket or device is refused at once (it is opened
/// non-blocking, so a FIFO without a writer cannot hang the caller), and so is a directory.
public enum FileBytes {
    public enum Failure: Error, Equatable {
        case missing
        case directory
        case unreadable(String)
    }

    /// The whole file.
    public static func read(_ path: String) -> Result<[UInt8], Failure> {
        read(path, prefix: nil)
    }

    /// At most the first `prefix` bytes of the file (all of it when nil), and whether that is
    /// the whole file. Lets a reader check a header before it reads a huge file.
    public static func read(_ path: String, prefix: Int?) -> Result<[UInt8], Failure> {
        let opened = openRegular(path)
        guard case .success(let (fd, size)) = opened else {
            if case .failure(let failure) = opened { return .failure(failure) }
            return .failure(.unreadable("cannot be opened"))
        }
        defer { close(fd) }
        if let prefix, prefix < size { return readUpTo(fd, count: prefix, path: path, exact: true) }
        // One spare byte tells a file that grew since fstat: then read it the slow, general way.
        return readUpTo(fd, count: size + 1, path: path, exact: false)
    }

    /// The size of a regular file, or why it cannot be read (missing, a directory, a FIFO, …).
    public static func regularFileSize(_ path: String) -> Result<Int, Failure> {
        switch openRegular(path) {
        case .success(let (fd, size)): close(fd); return .success(size)
        case .failure(let failure): return .failure(failure)
        }
    }

    /// Opens `path` for reading without blocking and checks that it is a regular file.
    private static func openRegular(_ path: String) -> Result<(Int32, Int), Failure> {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        if fd < 0 {
            let code = errno
            if code == ENOENT { return .failure(.missing) }
            if code == ELOOP { return .failure(.unreadable("too many levels of symbolic links (a symlink loop?)")) }
            return .failure(.unreadable(String(cString: strerror(code))))
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            return .failure(.unreadable(reason))
        }
        let kind = info.st_mode & S_IFMT
        if kind == S_IFDIR { close(fd); return .failure(.directory) }
        guard kind == S_IFREG else {
            close(fd)
            return .failure(.unreadable("it is \(describe(kind)), not a regular file"))
        }
        // Back to blocking reads: a regular file never blocks, and this keeps EAGAIN out of read().
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        return .success((fd, max(Int(info.st_size), 0)))
    }

    private static func describe(_ kind: mode_t) -> String {
        switch kind {
        case S_IFIFO: return "a FIFO (named pipe)"
        case S_IFSOCK: return "a socket"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        default: return "a special file"
        }
    }

    private static func readUpTo(_ fd: Int32, count capacity: Int, path: String, exact: Bool) -> Result<[UInt8], Failure> {
        var error: Int32 = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
            var count = 0
            while count < capacity {
                let n = Foundation.read(fd, buffer.baseAddress! + count, capacity - count)
                if n < 0 {
                    if errno == EINTR { continue }
                    error = errno
                    break
                }
                if n == 0 { break }
                count += n
            }
            initialized = count
        }
        if error != 0 { return .failure(.unreadable(String(cString: strerror(error)))) }
        if !exact && bytes.count == capacity {
            guard let data = FileManager.default.contents(atPath: path) else { return .failure(.unreadable("read failed")) }
            return .success([UInt8](data))
        }
        return .success(bytes)
    }
}
