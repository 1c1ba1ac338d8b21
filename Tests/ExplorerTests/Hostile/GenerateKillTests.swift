import Foundation
import InterestData
import Testing

/// `kill -9` of `mist generate` over an existing dataset, at any moment, never leaves a folder
/// that mixes old and new files (issue 9): the target holds either the old files, byte for byte,
/// or a whole new dataset that loads; and a later run removes the temporary folders a killed one
/// left beside it.
@Suite struct GenerateKillTests {
    static func files(in folder: String) -> [String: Data] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return Dictionary(uniqueKeysWithValues: names.map { ($0, FileManager.default.contents(atPath: folder + "/" + $0) ?? Data()) })
    }

    @Test func killedAtAnyMomentTheFolderIsOldOrWholeNew() throws {
        let scratch = try HostileScratch()
        let out = scratch.root + "/gen"
        let first = try HostileRunner.mist(["generate", out, "--users", "200", "--seed", "1"], seconds: 60)
        #expect(first.status == 0, "\(first)")
        var current = Self.files(in: out)
        #expect(current.keys.contains("interactions.csv"))
        var killedOnce = false
        // Kills every quarter second across a run of a second or two, so that some land while it
        // generates and some while it writes and swaps the folder in.
        for (index, delay) in stride(from: 0.25, through: 3.0, by: 0.25).enumerated() {
            let seed = String(2 + index)
            let run = try HostileRunner.mist(["generate", out, "--users", "1500", "--seed", seed, "--force"], seconds: delay)
            killedOnce = killedOnce || run.timedOut
            let now = Self.files(in: out)
            if run.timedOut && now.isEmpty {
                // Killed in the instant between the two renames: no target, and the old folder
                // kept aside, untouched.
                let aside = try FileManager.default.contentsOfDirectory(atPath: scratch.root).filter { $0.hasPrefix(".gen.old-") }
                #expect(aside.count == 1 && Self.files(in: scratch.root + "/" + aside[0]) == current)
                continue
            }
            guard now != current else { #expect(run.timedOut, "a finished run left the old files: \(run)"); continue }
            // Not the old files: they must be exactly the whole new dataset of this seed (the
            // generator is deterministic), whether the run finished or was killed after the swap.
            let expected = scratch.root + "/expected-" + seed
            let reference = try HostileRunner.mist(["generate", expected, "--users", "1500", "--seed", seed], seconds: 120)
            #expect(reference.status == 0, "\(reference)")
            #expect(now == Self.files(in: expected), "killed after \(delay) s: the folder mixes old and new files")
            current = now
        }
        #expect(killedOnce, "every run finished before its kill: nothing was tested")
        // A normal run cleans what the killed ones left beside the target.
        let last = try HostileRunner.mist(["generate", out, "--users", "100", "--seed", "9", "--force"], seconds: 60)
        #expect(last.status == 0, "\(last)")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: scratch.root).filter { $0.hasPrefix(".gen.") }
        #expect(leftovers.isEmpty, "left behind: \(leftovers)")
    }
}
