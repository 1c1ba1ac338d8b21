import Foundation

/// Why a dataset's planted world cannot be had: the ceiling scorers refuse rather than score data
/// whose truth.json does not describe it.
public struct PlantedWorldError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String

    public init(description: String) { self.description = description }
}

extension PlantedWorld {
    /// The world behind `dataset`, regenerated from the generator parameters in its truth.json,
    /// but only when regenerating from them reproduces the dataset: the same scenes, items, users
    /// and interactions (`Dataset.fingerprint`) and the same planted matrix. A folder whose
    /// interactions were edited, or whose truth.json was written by another tool or for other
    /// data, is refused with the reason.
    public static func regenerated(for dataset: Dataset) throws(PlantedWorldError) -> PlantedWorld {
        guard let truth = dataset.truth else {
            throw PlantedWorldError(description: "the planted world needs the dataset's truth.json, and this dataset has none (or an unreadable one)")
        }
        guard let parameters = truth.generator else {
            throw PlantedWorldError(description: "truth.json carries no `generator` parameters of mist's own generator, so the planted world cannot be regenerated")
        }
        if let problem = parameters.regenerationProblem(for: dataset) {
            throw PlantedWorldError(description: "truth.json's generator parameters cannot reproduce this dataset: \(problem)")
        }
        let (files, world) = SyntheticGenerator.generatePlanted(parameters)
        let regenerated: Dataset
        let folder = NSTemporaryDirectory() + "mist-planted-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        do {
            try files.write(to: folder)
            regenerated = try Dataset.load(from: folder, parallel: false)
        } catch {
            throw PlantedWorldError(description: "cannot regenerate the dataset from truth.json's generator parameters: \(error)")
        }
        let what = "seed \(parameters.seed), regime \((parameters.regime ?? .topic).rawValue), \(parameters.users) users"
        guard regenerated.fingerprint == dataset.fingerprint else {
            throw PlantedWorldError(description: """
                truth.json's generator parameters (\(what)) do not reproduce this dataset: regenerating them gives \
                other scenes, items, users or interactions (fingerprint \(Fingerprint.hex(regenerated.fingerprint)), \
                the dataset's \(Fingerprint.hex(dataset.fingerprint))), so its planted world is not this data's \
                (were the files edited, or truth.json copied from another dataset?)
                """)
        }
        guard truth.transfer == world.transfer && truth.scenes == world.sceneIDs else {
            throw PlantedWorldError(description: "truth.json's transfer matrix is not the one its generator parameters (\(what)) plant: it was edited")
        }
        return world
    }
}
