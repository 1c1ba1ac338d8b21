import Foundation
import Testing
@testable import Explorer

@Suite struct DocumentationTests {
    /// docs/EXPLORER.md lists exactly the keys the key maps dispatch.
    @Test func keyTablesInTheDocsMatchTheKeyMaps() throws {
        let path = URL(fileURLWithPath: Fixtures.sampleDirectory).deletingLastPathComponent().appendingPathComponent("docs/EXPLORER.md")
        let text = try String(contentsOf: path, encoding: .utf8)
        let begin = try #require(text.range(of: "<!-- keys:begin -->\n"))
        let end = try #require(text.range(of: "<!-- keys:end -->"))
        let documented = String(text[begin.upperBound..<end.lowerBound])
        #expect(documented == KeyMaps.markdown(), "regenerate with `mist explore --keys-markdown`")
    }

    /// Every binding shows up in the generated tables, and no key does two things on one screen.
    @Test func everyBindingIsDocumentedAndUnambiguous() {
        let markdown = KeyMaps.markdown()
        for screen in Screen.allCases {
            let map = KeyMaps.own(screen)
            for binding in map.bindings { #expect(markdown.contains("| `\(binding.keysText)` | \(binding.description) |")) }
            let keys = map.bindings.flatMap(\.keys)
            #expect(Set(keys).count == keys.count, "\(screen.title) binds a key twice")
        }
    }
}
