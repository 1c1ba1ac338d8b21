import Foundation

/// Reads a whole file into a byte array with one copy (open, fstat, read), since a
/// million-interaction file is tens of megabytes and Data → [UInt8] would copy it twice.
enum FileBytes {
    enum Failure: Error {
        case missing
        case directory
        case unreadable(String)
    }

    static func read(_ path: String) -> Result<[UInt8], Failure> {
        let fd = open(path, O_RDONLY)
        if fd < 0 { return .failure(errno == ENOENT ? .missing : .unreadable(String(cString: strerror(errno)))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(.unreadable(String(cString: strerror(errno)))) }
        if (info.st_mode & S_IFMT) == S_IFDIR { return .failure(.directory) }
        // One spare byte tells a file that grew since fstat: then read it the slow, general way.
        let capacity = max(Int(info.st_size), 0) + 1
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
        if bytes.count == capacity {
            guard let data = FileManager.default.contents(atPath: path) else { return .failure(.unreadable("read failed")) }
            return .success([UInt8](data))
        }
        return .success(bytes)
    }
}
