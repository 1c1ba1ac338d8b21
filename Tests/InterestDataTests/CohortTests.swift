import Foundation
import Testing
@testable import InterestData

/// The cohort expression language (docs/COHORTS.md): parsing, errors with positions, and the
/// users selected, checked against a direct filter of the sample data.
@Suite struct CohortTests {
    static let sample: Dataset = {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("sample-data").path
        return try! Dataset.load(from: folder)
    }()
    let dataset = CohortTests.sample
    var facts: CohortFacts { CohortFacts(dataset: dataset) }

    func users(_ text: String) throws -> [Int] { try Cohort(parsing: text, in: dataset).users(in: facts) }
    func direct(_ keep: (Int) -> Bool) -> [Int] { (0..<dataset.userCount).filter(keep) }
    func count(_ u: Int, _ scene: Int) -> Int { dataset.history(ofUser: Int32(u), scene: Int32(scene)).count }
    func column(_ name: String) -> Int { dataset.users.attributeNames.firstIndex(of: name)! }

    @Test func parsesPrecedenceParenthesesAndMultiWordValues() throws {
        let e = try CohortExpression.parse("city = 杭州 Hangzhou and not (active in 新闻 or 科技 >= 20)")
        guard case let .and(.compare(city, .equal, value), .not(.or(.activity(true, news), .compare(tech, .greaterOrEqual, "20")))) = e else {
            Issue.record("parsed as \(e)"); return
        }
        #expect(city.text == "city" && value == "杭州 Hangzhou" && news.text == "新闻" && tech.text == "科技")
        #expect(news.position == 39)
        // and binds tighter than or.
        #expect(try CohortExpression.parse("a = 1 or b = 2 and c = 3")
                == .or(.compare(.init(text: "a", position: 1), .equal, "1"),
                       .and(.compare(.init(text: "b", position: 10), .equal, "2"), .compare(.init(text: "c", position: 20), .equal, "3"))))
        #expect(try CohortExpression.parse(#"name ~ "Wang and Li""#) == .compare(.init(text: "name", position: 1), .contains, "Wang and Li"))
    }

    @Test(arguments: [
        ("", 1, "expected a condition"),
        ("active 新闻", 8, "expected 'in' and a scene, found '新闻'"),
        ("active in", 10, "expected a scene, found the end of the expression"),
        ("city = 杭州 and", 14, "expected a condition"),
        ("(active in news", 16, "expected ')'"),
        ("city 杭州", 8, "expected a comparison (=, !=, <, <=, >, >=, ~), found the end"),
        ("positive share > lots", 18, "expected a number"),
        ("city = \"杭州", 8, "this quote is never closed"),
        ("active in news )", 16, "expected 'and', 'or' or the end, found ')'"),
    ])
    func invalidExpressionsSayWhereAndWhat(_ text: String, _ position: Int, _ message: String) {
        #expect { try CohortExpression.parse(text) } throws: { error in
            guard let e = error as? CohortError else { return false }
            return e.position == position && e.message.contains(message)
        }
    }

    @Test func unknownNamesAreRefusedWithWhatExists() {
        #expect { try Cohort(parsing: "active in weather", in: dataset) } throws: {
            "\($0)".hasPrefix("position 11: no scene 'weather' (scenes: news 新闻 news")
        }
        #expect { try Cohort(parsing: "country = China", in: dataset) } throws: {
            "\($0)".contains("position 1: 'country' is neither a users.csv column (name, city, joined) nor a scene")
        }
        #expect { try Cohort(parsing: "新闻 >= many", in: dataset) } throws: { "\($0)".contains("compares with a number") }
    }

    @Test func countsEqualADirectFilter() throws {
        let city = column("city"), joined = column("joined")
        #expect(try users("active in 新闻") == direct { count($0, 0) > 0 })
        #expect(try users("inactive in news") == direct { count($0, 0) == 0 })
        #expect(try users("新闻 >= 20") == direct { count($0, 0) >= 20 })
        #expect(try users("city = 杭州 Hangzhou") == direct { dataset.users.attributes[$0][city] == "杭州 Hangzhou" })
        #expect(try users("city ~ hangzhou and joined < 2018")
                == direct { dataset.users.attributes[$0][city].contains("Hangzhou") && Int(dataset.users.attributes[$0][joined])! < 2018 })
        #expect(try users("not active in 娱乐 or 体育 > 5") == direct { count($0, 2) == 0 || count($0, 3) > 5 })
        let positiveNews = direct { u in
            let history = dataset.history(ofUser: Int32(u), scene: 0)
            let positive = history.filter { dataset.interactions.feedback[Int($0)] == 1 }.count
            return !history.isEmpty && Double(positive) / Double(history.count) > 0.5
        }
        #expect(try users("positive share in news > 0.5") == positiveNews)
        // The cohorts of the issue's example are not empty on the sample data, and complements add up.
        let hangzhou = try users("city = 杭州 Hangzhou").count
        let inactive = try users("city = 杭州 Hangzhou and inactive in 新闻").count
        let active = try users("city = 杭州 Hangzhou and active in 新闻").count
        #expect(hangzhou > 0 && inactive + active == hangzhou)
    }
}
