import Foundation
import InterestData
@testable import InterestModel
import TerminalUI
import Testing
@testable import Explorer

/// Golden text files for exports too long to write inline (recorded like the buffer snapshots:
/// a missing file is written and the test fails; `MIST_RECORD_SNAPSHOTS=1` rewrites them).
enum GoldenText {
    static func expect(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let file = Snapshot.folder.appendingPathComponent(name)
        let record = ProcessInfo.processInfo.environment["MIST_RECORD_SNAPSHOTS"] == "1"
        guard !record, let golden = try? String(contentsOf: file, encoding: .utf8) else {
            try? FileManager.default.createDirectory(at: Snapshot.folder, withIntermediateDirectories: true)
            try? text.write(to: file, atomically: true, encoding: .utf8)
            if !record { Issue.record("no golden file \(name) yet: recorded it, check it and run again", sourceLocation: sourceLocation) }
            return
        }
        #expect(text == golden, "export \(name) differs from its golden file", sourceLocation: sourceLocation)
    }
}

/// Each export serialiser on its exact output: CSV/TSV quoting (commas, quotes, line breaks, CJK),
/// the users table, an attention matrix, the transfer trace, the interest layers, the training tables.
@Suite struct ExportSerialiserTests {
    static let data = Fixtures.data

    static func user(_ id: String) -> Int { data.userIDs.firstIndex(of: id)! }

    @Test func csvQuotesOnlyWhatMustBeQuoted() {
        let fields = ["u1", "a,b", "say \"hi\"", "新闻 news", "two\nlines", "tab\there", "cr\rhere", ""]
        #expect(Delimited.csv.record(fields) == "u1,\"a,b\",\"say \"\"hi\"\"\",新闻 news,\"two\nlines\",tab\there,\"cr\rhere\",")
        // TSV: the tab is the separator, so the tab field is quoted and the comma one is not.
        #expect(Delimited.tsv.record(fields) == "u1\ta,b\t\"say \"\"hi\"\"\"\t新闻 news\t\"two\nlines\"\t\"tab\there\"\t\"cr\rhere\"\t")
        #expect(Delimited.csv.table(header: ["id", "名字"], rows: [["x,1", "王磊"]]) == "id,名字\n\"x,1\",王磊\n")
        #expect(Delimited.forPath("a/matrix.TSV") == .tsv && Delimited.forPath("a/matrix.csv") == .csv && Delimited.forPath("m") == .csv)
    }

    @Test func attentionMatrixWithSceneIDsAsHeaders() {
        let ids = ["新闻", "a,b", "q\"x"]
        let matrix: [Float] = [0.5, 0.25, 0.25, 0, 1, 0, 0.125, 0.375, 0.5]
        #expect(AttentionExport.text(matrix: matrix, sceneIDs: ids, format: .csv) == """
            target\\source,新闻,"a,b","q""x"
            新闻,0.5,0.25,0.25
            "a,b",0.0,1.0,0.0
            "q""x",0.125,0.375,0.5

            """)
        #expect(AttentionExport.text(matrix: matrix, sceneIDs: ids, format: .tsv) == """
            target\\source\t新闻\ta,b\t"q""x"
            新闻\t0.5\t0.25\t0.25
            a,b\t0.0\t1.0\t0.0
            "q""x"\t0.125\t0.375\t0.5

            """)
        // Full Float precision, not the screen's two decimals.
        #expect(AttentionExport.text(matrix: [0.41234567], sceneIDs: ["x"], format: .csv) == "target\\source,x\nx,0.41234568\n")
    }

    @Test func usersTableRowsInTheGivenOrder() {
        let order = [Int32(Self.user("u0002")), Int32(Self.user("u0001"))]
        #expect(UsersExport.text(order: order, data: Self.data) == """
            id,name,news,tech,entertainment,sports,dominant,active,total
            u0002,杨娜 Yang Na,0,0,9,0,entertainment,entertainment,9
            u0001,王磊 Wang Lei,0,5,7,20,sports,tech;entertainment;sports,32

            """)
        #expect(UsersExport.text(order: [], data: Self.data) == "id,name,news,tech,entertainment,sports,dominant,active,total\n")
    }

    @Test func transferTraceAsJSON() {
        let item = { (v: Int, score: Float, bias: Float, shares: [Float]) in ScoredItem(item: v, score: score, bias: bias, shares: shares) }
        let trace = TransferTrace(target: 1, states: [], change: [[0.5, 0.25, 0, 1]], transferMatrix: [],
                                  topItemsByIteration: [[item(0, 1.5, 0.5, [0.25, 0.25, 0.25, 0.25])],
                                                        [item(1, 2, 1, [1, 0, 0, 0]), item(0, 1.5, 0.5, [0.25, 0.25, 0.25, 0.25])]])
        let json = TransferExport.json(user: Self.user("u0001"), trace: trace, edges: [0.125, 0.5, 0.25, 0.125], step: 1, beta: 0.5, data: Self.data)
        let shares = "{\n" + ["news", "tech", "entertainment", "sports"].map { String(repeating: " ", count: 12) + "\"\($0)\": 0.25" }
            .joined(separator: ",\n") + "\n" + String(repeating: " ", count: 10) + "}"
        #expect(json.text == """
            {
              "user": "u0001",
              "name": "王磊 Wang Lei",
              "target": "tech",
              "beta": 0.5,
              "iterations": 1,
              "step_shown": 1,
              "edges_into_target": {
                "news": 0.125,
                "tech": 0.5,
                "entertainment": 0.25,
                "sports": 0.125
              },
              "steps": [
                {
                  "k": 0,
                  "change": null,
                  "top": [
                    {
                      "rank": 1,
                      "item": "news-1",
                      "title": "news weekly: summit update #1",
                      "score": 1.5,
                      "bias": 0.5,
                      "shares": \(shares)
                    }
                  ]
                },
                {
                  "k": 1,
                  "change": {
                    "news": 0.5,
                    "tech": 0.25,
                    "entertainment": 0.0,
                    "sports": 1.0
                  },
                  "top": [
                    {
                      "rank": 1,
                      "item": "news-2",
                      "title": "\\"Budget\\" review: fast, cheap, flawed #2",
                      "score": 2.0,
                      "bias": 1.0,
                      "shares": {
                        "news": 1.0,
                        "tech": 0.0,
                        "entertainment": 0.0,
                        "sports": 0.0
                      },
                      "previous_rank": null
                    },
                    {
                      "rank": 2,
                      "item": "news-1",
                      "title": "news weekly: summit update #1",
                      "score": 1.5,
                      "bias": 0.5,
                      "shares": \(shares),
                      "previous_rank": 1
                    }
                  ]
                }
              ]
            }

            """)
    }

    @Test func jsonEscapesAndNumbers() {
        let value = JSONValue.object([
            JSONField("text", .string("a\"b\\c\n\t\u{01}新闻")), JSONField("nan", .float(.nan)), JSONField("small", .float(1e-05)),
            JSONField("list", .array([.int(1), .null, .bool(true)])), JSONField("empty", .array([])), JSONField("none", .object([])),
        ])
        #expect(value.text == """
            {
              "text": "a\\"b\\\\c\\n\\t\\u0001新闻",
              "nan": null,
              "small": 1e-05,
              "list": [1, null, true],
              "empty": [],
              "none": {}
            }

            """)
    }

    @Test func interestLayersAsJSON() {
        // From the data (no model): the layers the Interests screen shows before training.
        let u = Self.user("u0001")
        GoldenText.expect(InterestsExport.json(user: u, explanation: nil, historyLength: 5, data: Self.data).text, named: "export-interests-u0001-data.json")
        // From the fixture model: the same layers plus the similarity of the z vectors.
        var state = Fixtures.state()
        state.select(user: u)
        GoldenText.expect(InterestsExport.json(user: u, explanation: state.model?.explanation, historyLength: 5, data: Self.data).text,
                          named: "export-interests-u0001-model.json")
    }

    @Test func trainingTablesAsCSV() {
        let scores = RankingMetrics.cutoffs.map { _ in RankingScores(hitRate: 0.5, precision: 0.25, recall: 0.75, ndcg: 0.25) }
        let epochs = [
            EpochReport(epoch: 1, meanLoss: 4.5, validation: scores, validationNDCG10: 0.25, coldValidation: scores, coldValidationNDCG10: 0.125,
                        isBest: true, seconds: 3, examplesPerSecond: 9000),
            EpochReport(epoch: 2, meanLoss: 4.25, validation: scores, validationNDCG10: 0.5, isBest: false, seconds: 3, examplesPerSecond: 9000),
        ]
        #expect(TrainingExport.validation(epochs, format: .csv) == """
            epoch,warm_ndcg@10,cold_ndcg@10,hr@10,recall@10,mean_loss,kept
            1,0.25,0.125,0.5,0.75,4.5,best
            2,0.5,,0.5,0.75,4.25,

            """)
        let rows = [ComparisonRow(model: "attention-dot", cases: "warm", scene: "all", k: 10, count: 2101, hr: 0.5, precision: 0.25, recall: 0.125, ndcg: 0.375),
                    ComparisonRow(model: "a,b", cases: "cold", scene: "新闻", k: 5, count: 79, hr: 1, precision: 0, recall: 0.5, ndcg: 0.25)]
        #expect(TrainingExport.test(rows, format: .csv) == """
            model,cases,scene,k,count,hr,precision,recall,ndcg
            attention-dot,warm,all,10,2101,0.5,0.25,0.125,0.375
            "a,b",cold,新闻,5,79,1.0,0.0,0.5,0.25

            """)
        // The test table goes beside the validation table.
        let content = ExportContent.training(epochs: epochs, comparison: rows)
        #expect(content.paths(at: "/tmp/out/mist-validation.csv") == ["/tmp/out/mist-validation.csv", "/tmp/out/mist-validation-test.csv"])
        #expect(content.files(at: "/tmp/v.tsv", data: Self.data).map(\.path) == ["/tmp/v.tsv", "/tmp/v-test.tsv"])
        #expect(ExportContent.training(epochs: epochs, comparison: []).paths(at: "v") == ["v"])
        #expect(ExportContent.sibling(of: "dir.x/name", suffix: "-2") == "dir.x/name-2")
    }
}
