import Foundation

/// Cohorts kept under a name, per dataset, in `<runs root>/cohorts.json` (beside the runs, so a
/// read-only or shipped dataset keeps them in `./runs/<folder>/` like its runs):
/// `{"version":1,"cohorts":[{"name":"…","expression":"…"}]}`. An expression that is exactly
/// `@name` means the saved cohort of that name, in the explorer and in `mist inspect`.
public struct NamedCohorts: Sendable, Equatable {
    public struct Entry: Sendable, Equatable, Codable {
        public var name: String
        public var expression: String
        public init(name: String, expression: String) {
            self.name = name
            self.expression = expression
        }
    }

    public static let fileName = "cohorts.json"
    public static let version = 1

    /// In the order they were first saved (the prompts' Up/Down recall them in this order).
    public private(set) var entries: [Entry]

    public init(_ entries: [Entry] = []) { self.entries = entries }

    /// The file of the runs root `root`.
    public static func path(root: String) -> String { PathParts.join(root, fileName) }

    public var names: [String] { entries.map(\.name) }

    public func expression(named name: String) -> String? { entries.first { $0.name == name }?.expression }

    /// Saves `expression` as `name`, replacing the entry of that name where it was.
    public mutating func save(name: String, expression: String) {
        if let index = entries.firstIndex(where: { $0.name == name }) {
            entries[index].expression = expression
        } else {
            entries.append(Entry(name: name, expression: expression))
        }
    }

    /// Reads the file at `path`; a missing file is an empty list. A file that cannot be read or
    /// is not the format above is an error naming the file and the reason (never guessed at).
    public static func load(path: String) throws(NamedCohortsError) -> NamedCohorts {
        guard FileManager.default.fileExists(atPath: path) else { return NamedCohorts() }
        guard let bytes = FileManager.default.contents(atPath: path) else { throw NamedCohortsError(path: path, reason: "cannot be read") }
        return try decode(bytes, path: path)
    }

    static func decode(_ bytes: Data, path: String) throws(NamedCohortsError) -> NamedCohorts {
        struct File: Decodable { var version: Int; var cohorts: [Entry] }
        let file: File
        do { file = try JSONDecoder().decode(File.self, from: bytes) } catch {
            throw NamedCohortsError(path: path, reason: "is not {\"version\":1,\"cohorts\":[{\"name\":…,\"expression\":…}]} (\(describe(error)))")
        }
        guard file.version == version else { throw NamedCohortsError(path: path, reason: "has version \(file.version); this mist reads version \(version)") }
        var seen = Set<String>()
        for entry in file.cohorts {
            guard !entry.name.isEmpty else { throw NamedCohortsError(path: path, reason: "has a cohort with an empty name") }
            guard seen.insert(entry.name).inserted else { throw NamedCohortsError(path: path, reason: "names \"\(entry.name)\" twice") }
        }
        return NamedCohorts(file.cohorts)
    }

    /// The decoder's reason in words, with where in the file when it says.
    private static func describe(_ error: Error) -> String {
        switch error as? DecodingError {
        case .dataCorrupted(let c)?: return "not valid JSON" + (c.underlyingError.map { ": \($0.localizedDescription)" } ?? "")
        case .keyNotFound(let key, _)?: return "missing \"\(key.stringValue)\""
        case .typeMismatch(_, let c)?, .valueNotFound(_, let c)?:
            return "wrong type at \(c.codingPath.map(\.stringValue).joined(separator: "."))"
        default: return "\(error)"
        }
    }

    /// The file's text: stable key order, one cohort per line.
    public var json: String {
        func quoted(_ s: String) -> String {
            let data = try! JSONEncoder().encode(s)  // a String always encodes
            return String(decoding: data, as: UTF8.self)
        }
        let lines = entries.map { "    {\"name\": \(quoted($0.name)), \"expression\": \(quoted($0.expression))}" }
        return "{\"version\": \(Self.version), \"cohorts\": [\n" + lines.joined(separator: ",\n") + (lines.isEmpty ? "" : "\n") + "]}\n"
    }

    /// Writes atomically to `path`, creating the runs root if needed.
    public func write(to path: String) throws(NamedCohortsError) {
        let folder = PathParts.split(path).folder
        do { try FileManager.default.createDirectory(atPath: folder.isEmpty ? "." : folder, withIntermediateDirectories: true) } catch {
            throw NamedCohortsError(path: path, reason: "its folder cannot be made: \(error.localizedDescription)")
        }
        do { try AtomicFile.write(json, to: path) } catch { throw NamedCohortsError(path: path, reason: "cannot be written: \(error)") }
    }

    /// The expression `text` stands for: the saved one for `@name`, else `text` itself.
    /// An unknown name is an error naming the file and the known names.
    public func resolve(_ text: String, path: String) throws(NamedCohortsError) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("@") else { return text }
        let name = String(trimmed.dropFirst())
        if let expression = expression(named: name) { return expression }
        let known = entries.isEmpty ? "none is saved there yet" : "known: " + names.map { "@" + $0 }.joined(separator: ", ")
        throw NamedCohortsError(path: path, reason: "has no cohort named \"\(name)\" (\(known))")
    }
}

/// A named-cohorts file that cannot be used, or a name it does not have: the file and why.
public struct NamedCohortsError: Error, Equatable, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
    public var description: String { "\(path) \(reason)" }
}
