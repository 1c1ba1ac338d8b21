import Foundation
import InterestData

/// Loads a dataset folder for a command; a problem is reported with the folder's path in front
/// of the file ("data/interactions.csv:3 column rating: …"), so that every data error names the
/// dataset folder it is about. Not a `ValidationError`: the command line was fine.
enum DatasetOpening {
    struct Failure: Error, CustomStringConvertible {
        let directory: String
        let problem: DataError

        var description: String {
            guard let location = problem.location, location.file != directory else { return problem.description }
            return PathParts.join(directory, problem.description)
        }
    }

    static func load(_ directory: String) throws -> Dataset {
        do { return try Dataset.load(from: directory) } catch { throw Failure(directory: directory, problem: error) }
    }
}
