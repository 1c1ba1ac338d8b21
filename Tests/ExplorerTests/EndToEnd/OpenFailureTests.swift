import Foundation
import Testing

/// `mist explore` on a broken dataset says which file, line and column is wrong, and does not bury
/// it under the usage text (the command line itself was fine).
@Suite struct OpenFailureTests {
    @Test func aBadRatingIsReportedWithItsLineAndNoUsageText() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mist-open-failure-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "scene_id,name\nnews,新闻\n".write(to: directory.appendingPathComponent("scenes.csv"), atomically: true, encoding: .utf8)
        try "item_id,scene_id,topic\nn1,news,politics\n".write(to: directory.appendingPathComponent("items.csv"), atomically: true, encoding: .utf8)
        try "user_id,item_id,timestamp,rating\nu1,n1,10,4\nu1,n1,11,9\n"
            .write(to: directory.appendingPathComponent("interactions.csv"), atomically: true, encoding: .utf8)

        let result = try TmuxDriver.run([try TmuxDriver.mistBinary(), "explore", directory.path])
        #expect(result.status != 0)
        #expect(result.output.contains("cannot open \(directory.path): interactions.csv:3 column rating"))
        #expect(!result.output.contains("Usage:"))
    }
}
