import Foundation
import InterestData

/// One float32 tensor as stored in a safetensors file.
public struct StoredTensor: Sendable, Equatable {
    public var shape: [Int]
    public var values: [Float]

    public init(shape: [Int], values: [Float]) {
        precondition(shape.reduce(1, *) == values.count, "shape \(shape) does not hold \(values.count) values")
        self.shape = shape
        self.values = values
    }
}

/// The contents of a safetensors file: named float32 tensors and a string-to-string metadata map.
public struct SafeTensorsFile: Sendable, Equatable {
    public var tensors: [String: StoredTensor]
    public var metadata: [String: String]

    public init(tensors: [String: StoredTensor] = [:], metadata: [String: String] = [:]) {
        self.tensors = tensors
        self.metadata = metadata
    }
}

/// Why a safetensors file could not be read or written.
public enum SafeTensorsError: Error, CustomStringConvertible, Equatable {
    case unreadable(path: String, reason: String)
    case malformed(path: String, reason: String)
    case unwritable(path: String, reason: String)

    public var description: String {
        switch self {
        case let .unreadable(path, reason): return "\(path): cannot read: \(reason)"
        case let .malformed(path, reason): return "\(path): not a valid safetensors file: \(reason)"
        case let .unwritable(path, reason): return "\(path): cannot write: \(reason)"
        }
    }
}

/// Reads and writes the safetensors format: an 8-byte little-endian header length, a JSON header
/// (`{"name": {"dtype": "F32", "shape": [...], "data_offsets": [begin, end]}, "__metadata__": {...}}`),
/// then the raw little-endian tensor bytes. Only F32 is supported, which is all mist stores.
///
/// Reading trusts nothing in the file: every length and offset is checked against the file's real
/// size before anything is allocated, so a truncated or corrupted file is refused with a reason.
public enum SafeTensors {
    /// Headers above this size are refused rather than parsed (real ones are a few kilobytes).
    static let maximumHeaderBytes = 64 << 20

    /// Reads a regular file only (a FIFO or device is refused, never waited on), and checks the
    /// header length and JSON before reading the tensor data.
    public static func read(from url: URL) throws -> SafeTensorsFile {
        let path = url.path
        func unreadable(_ failure: FileBytes.Failure) -> SafeTensorsError {
            switch failure {
            case .missing: return .unreadable(path: path, reason: "no such file")
            case .directory: return .unreadable(path: path, reason: "it is a directory, not a checkpoint file")
            case .unreadable(let reason): return .unreadable(path: path, reason: reason)
            }
        }
        let size: Int
        switch FileBytes.regularFileSize(path) {
        case .success(let found): size = found
        case .failure(let failure): throw unreadable(failure)
        }
        if size >= 8 {
            switch FileBytes.read(path, prefix: min(size, 8 + maximumHeaderBytes)) {
            case .failure(let failure): throw unreadable(failure)
            case .success(let prefix):
                try checkHeader(prefix, fileSize: size, path: path)
            }
        }
        switch FileBytes.read(path) {
        case .success(let bytes): return try decode(raw: bytes, path: path)
        case .failure(let failure): throw unreadable(failure)
        }
    }

    /// Checks the header length and that the header is a JSON object from the file's first bytes.
    static func checkHeader(_ prefix: [UInt8], fileSize: Int, path: String) throws {
        func fail(_ reason: String) -> SafeTensorsError { .malformed(path: path, reason: reason) }
        var headerLength: UInt64 = 0
        for i in 0..<8 { headerLength |= UInt64(prefix[i]) << (8 * UInt64(i)) }
        guard headerLength <= UInt64(fileSize - 8) else {
            throw fail("header length \(headerLength) exceeds the \(fileSize - 8) bytes after it (truncated file?)")
        }
        guard headerLength <= UInt64(maximumHeaderBytes) else { throw fail("header length \(headerLength) is implausibly large") }
        guard prefix.count >= 8 + Int(headerLength),
              let header = (try? JSONSerialization.jsonObject(with: Data(prefix[8..<(8 + Int(headerLength))]))) as? [String: Any]
        else { throw fail("header is not a JSON object") }
        // Nothing may follow the last tensor: a file padded with a gigabyte of anything is refused
        // before that gigabyte is read.
        var dataEnd = 0
        for (name, entry) in header where name != "__metadata__" {
            if let offsets = (entry as? [String: Any])?["data_offsets"] as? [Any], offsets.count == 2,
               let end = (offsets[1] as? NSNumber)?.doubleValue, end.isFinite, end >= 0, end < 9e15 {
                dataEnd = max(dataEnd, Int(end))
            }
        }
        let trailing = fileSize - 8 - Int(headerLength) - dataEnd
        guard trailing <= 0 else { throw fail("\(trailing) bytes follow the last tensor (the file is not what its header describes)") }
    }

    public static func decode(_ bytes: Data, path: String) throws -> SafeTensorsFile {
        try decode(raw: [UInt8](bytes), path: path)
    }

    static func decode(raw: [UInt8], path: String) throws -> SafeTensorsFile {
        func fail(_ reason: String) -> SafeTensorsError { .malformed(path: path, reason: reason) }
        guard raw.count >= 8 else { throw fail("file is \(raw.count) bytes, shorter than the 8-byte header length") }
        var headerLength: UInt64 = 0
        for i in 0..<8 { headerLength |= UInt64(raw[i]) << (8 * UInt64(i)) }
        guard headerLength <= UInt64(raw.count - 8) else {
            throw fail("header length \(headerLength) exceeds the \(raw.count - 8) bytes after it (truncated file?)")
        }
        guard headerLength <= UInt64(maximumHeaderBytes) else { throw fail("header length \(headerLength) is implausibly large") }
        let headerEnd = 8 + Int(headerLength)
        let headerBytes = Data(raw[8..<headerEnd])
        let json: Any
        do { json = try JSONSerialization.jsonObject(with: headerBytes) } catch {
            throw fail("header is not valid JSON")
        }
        guard let header = json as? [String: Any] else { throw fail("header is not a JSON object") }
        let dataCount = raw.count - headerEnd
        var file = SafeTensorsFile()
        var ranges: [(begin: Int, end: Int, name: String)] = []
        for (name, entry) in header {
            if name == "__metadata__" {
                guard let map = entry as? [String: Any] else { throw fail("__metadata__ is not an object") }
                for (key, value) in map {
                    guard let text = value as? String else { throw fail("metadata value of \"\(key)\" is not a string") }
                    file.metadata[key] = text
                }
                continue
            }
            guard let fields = entry as? [String: Any] else { throw fail("entry \"\(name)\" is not an object") }
            guard let dtype = fields["dtype"] as? String else { throw fail("tensor \"\(name)\" has no dtype") }
            guard dtype == "F32" else { throw fail("tensor \"\(name)\" has dtype \(dtype); only F32 is supported") }
            guard let shapeValues = fields["shape"] as? [Any], let offsetValues = fields["data_offsets"] as? [Any],
                  offsetValues.count == 2
            else { throw fail("tensor \"\(name)\" lacks a shape or a pair of data_offsets") }
            var shape: [Int] = []
            var count = 1
            for value in shapeValues {
                guard let dimension = exactInteger(value), dimension >= 0 else {
                    throw fail("tensor \"\(name)\" has a shape entry that is not a non-negative integer")
                }
                let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
                guard !overflow, product <= dataCount / 4 + 1 else { throw fail("tensor \"\(name)\" shape \(shapeValues) is larger than the file") }
                count = product
                shape.append(dimension)
            }
            guard let begin = exactInteger(offsetValues[0]), let end = exactInteger(offsetValues[1]),
                  begin >= 0, begin <= end, end <= dataCount
            else { throw fail("tensor \"\(name)\" data_offsets \(offsetValues) fall outside the \(dataCount) data bytes (truncated file?)") }
            guard end - begin == count * 4 else {
                throw fail("tensor \"\(name)\" has \(end - begin) bytes but shape \(shape) needs \(count * 4)")
            }
            var values = [Float](repeating: 0, count: count)
            for i in 0..<count {
                let at = headerEnd + begin + 4 * i
                let bits = UInt32(raw[at]) | UInt32(raw[at + 1]) << 8 | UInt32(raw[at + 2]) << 16 | UInt32(raw[at + 3]) << 24
                values[i] = Float(bitPattern: bits)
            }
            file.tensors[name] = StoredTensor(shape: shape, values: values)
            if end > begin { ranges.append((begin, end, name)) }  // an empty tensor overlaps nothing
        }
        ranges.sort { $0.begin < $1.begin }
        for (previous, next) in zip(ranges, ranges.dropFirst()) where next.begin < previous.end {
            throw fail("tensors \"\(previous.name)\" and \"\(next.name)\" overlap")
        }
        return file
    }

    /// Writes `file` to a temporary file beside `url`, then renames it into place.
    /// Writes through `AtomicFile` (temporary file, then rename), so a reader never sees half a model.
    public static func write(_ file: SafeTensorsFile, to url: URL) throws {
        do {
            try AtomicFile.write([UInt8](encode(file)), to: url.path)
        } catch {
            let reason: String
            if case .cannotWrite(_, let why) = error { reason = why } else { reason = error.description }
            throw SafeTensorsError.unwritable(path: url.path, reason: reason)
        }
    }

    /// The file's bytes; tensors are laid out in name order so equal contents give equal bytes.
    public static func encode(_ file: SafeTensorsFile) -> Data {
        let names = file.tensors.keys.sorted()
        var entries: [String] = []
        var offset = 0
        for name in names {
            let tensor = file.tensors[name]!
            let end = offset + 4 * tensor.values.count
            entries.append("\(jsonString(name)):{\"dtype\":\"F32\",\"shape\":[\(tensor.shape.map(String.init).joined(separator: ","))],\"data_offsets\":[\(offset),\(end)]}")
            offset = end
        }
        if !file.metadata.isEmpty {
            let pairs = file.metadata.keys.sorted().map { "\(jsonString($0)):\(jsonString(file.metadata[$0]!))" }
            entries.insert("\"__metadata__\":{\(pairs.joined(separator: ","))}", at: 0)
        }
        var header = Array("{\(entries.joined(separator: ","))}".utf8)
        while header.count % 8 != 0 { header.append(0x20) }  // pad so tensor data starts 8-aligned
        var out = [UInt8]()
        out.reserveCapacity(8 + header.count + offset)
        var length = UInt64(header.count)
        for _ in 0..<8 { out.append(UInt8(length & 0xff)); length >>= 8 }
        out.append(contentsOf: header)
        for name in names {
            for value in file.tensors[name]!.values {
                let bits = value.bitPattern
                out.append(UInt8(bits & 0xff)); out.append(UInt8((bits >> 8) & 0xff))
                out.append(UInt8((bits >> 16) & 0xff)); out.append(UInt8(bits >> 24))
            }
        }
        return Data(out)
    }

    /// An integer given as a JSON number, refusing fractions and anything out of range.
    private static func exactInteger(_ value: Any) -> Int? {
        if let number = value as? NSNumber {
            let double = number.doubleValue
            guard double == double.rounded(), abs(double) < 9e15 else { return nil }
            return Int(double)
        }
        return nil
    }

    /// `text` as a JSON string literal (quotes, backslashes and control characters escaped);
    /// also what the explorer's JSON export writes.
    public static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}

