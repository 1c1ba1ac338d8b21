import Foundation

/// The files of a generated dataset, by name.
public struct GeneratedFiles: Sendable {
    public var files: [String: [UInt8]]

    public init(files: [String: [UInt8]]) {
        self.files = files
    }

    /// The five files every regime writes; scenes.csv is rendered here so that all regimes spell
    /// it the same way.
    init(scenes: [Scene], items: CSVWriter, interactions: [UInt8], users: CSVWriter, truth: Truth) {
        var scenesCSV = CSVWriter()
        scenesCSV.row(["scene_id", "name"])
        for scene in scenes { scenesCSV.row([scene.id, scene.name]) }
        self.init(files: [
            "scenes.csv": scenesCSV.bytes,
            "items.csv": items.bytes,
            "interactions.csv": interactions,
            "users.csv": users.bytes,
            "truth.json": truth.json(),
        ])
    }

    /// Writes every file into `directory` (created if needed), each atomically.
    public func write(to directory: String) throws(DataError) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .cannotWrite(DataLocation(file: directory), reason: "cannot create the directory")
        }
        for name in files.keys.sorted() {
            try AtomicFile.write(files[name]!, to: (directory as NSString).appendingPathComponent(name))
        }
    }
}

extension Truth {
    /// truth.json bytes: pretty, keys sorted, so that the same data gives the same file.
    func json() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Array((try? encoder.encode(self)) ?? Data()) + [UInt8(ascii: "\n")]
    }
}
