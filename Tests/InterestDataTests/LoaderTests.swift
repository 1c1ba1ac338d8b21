import Testing
@testable import InterestData

@Suite struct LoaderTests {
    @Test func loadsSmallDatasetWithQuotedFieldsAndIndices() throws {
        let dir = try makeDatasetFolder(smallFiles)
        defer { removeFolder(dir) }
        let d = try Dataset.load(from: dir)
        #expect(d.scenes.map(\.name) == ["新闻 news", "科技 tech"])
        #expect(d.itemCount == 5)
        #expect(d.items.title[0] == "AI, explained")
        #expect(d.items.title[1] == "The \"big\" vote")
        #expect(d.items.title[3] == "multi\nline")
        #expect(d.topics == ["ai", "politics", "phones"])
        #expect(d.items.topic == [0, 1, 0, 0, 2])
        // Users in order of first appearance.
        #expect(d.userID(0) == "u1" && d.userID(1) == "u2")
        #expect(d.interactions.feedback == [1, 0, -1, 1])
        // u1: t1 at 90, then n1 and n2 both at 100 in input order.
        #expect(Array(d.sequence(ofUser: 0)) == [2, 0, 3])
        #expect(Array(d.history(ofUser: 0, scene: 0)) == [0, 3])
        #expect(Array(d.history(ofUser: 0, scene: 1)) == [2])
        #expect(Array(d.history(ofUser: 1, scene: 0)).isEmpty)
        #expect(d.itemIndex(id: "t2") == 4)
        #expect(d.userIndex(id: "u2") == 1)
        // items.csv line 5 starts t1 whose title spans two lines; the line after is 7.
        #expect(d.interactions.line == [2, 3, 4, 5])
    }

    @Test func fingerprintIsStableAndSeesContent() throws {
        let dir = try makeDatasetFolder(smallFiles)
        defer { removeFolder(dir) }
        var changed = smallFiles
        changed["interactions.csv"] = smallFiles["interactions.csv"]!.replacingOccurrences(of: "u2,t1,50,3", with: "u2,t1,50,4")
        let other = try makeDatasetFolder(changed)
        defer { removeFolder(other) }
        let a = try Dataset.load(from: dir), b = try Dataset.load(from: dir), c = try Dataset.load(from: other)
        #expect(a.fingerprint == b.fingerprint)
        #expect(a.fingerprint != c.fingerprint)
    }
}
