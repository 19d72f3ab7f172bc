import Foundation
import Testing
@testable import RNNLabResults

/// `eval_lengths` in summary.json and its columns in summary.csv: present
/// only where a trial was tested at other lengths.
@Suite struct LengthEvaluationSchemaTests {
  private func tested(_ entries: [LengthEvaluation], id: String = "adding-T100-lstm-s1") -> TrialSummary {
    var summary = TestData.summary(id: id)
    summary.evalLengths = entries
    return summary
  }

  private let entries = [
    LengthEvaluation(seqLen: 200, loss: 0.003, accuracy: nil, solved: true),
    LengthEvaluation(seqLen: 1000, loss: .infinity, accuracy: nil, solved: false),
  ]

  @Test func summaryJSONWritesEveryEntryWithNullsAndReadsItBack() throws {
    let data = try ResultsJSON.encode(tested(entries))
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let list = try #require(object["eval_lengths"] as? [[String: Any]])
    #expect(list.map { $0["seq_len"] as? Int } == [200, 1000])
    #expect(list[0]["accuracy"] is NSNull && list[0]["solved"] as? Bool == true)
    #expect(list[1]["loss"] as? String == "inf")
    let back = try ResultsJSON.decode(TrialSummary.self, from: data, path: "summary.json")
    #expect(back == tested(entries))
    // A summary without them has no such key at all (its bytes are those of before).
    let plain = try ResultsJSON.encode(TestData.summary())
    #expect(!String(decoding: plain, as: UTF8.self).contains("eval_lengths"))
    #expect(try ResultsJSON.decode(TrialSummary.self, from: plain, path: "summary.json").evalLengths == nil)
  }

  @Test func summaryCSVGetsThreeColumnsPerLengthOnlyWhenSomeTrialHasThem() throws {
    #expect(TrialSummary.csv([TestData.summary()]).split(separator: "\n")[0] == TrialSummary.csvHeader.joined(separator: ","))
    let other = tested([LengthEvaluation(seqLen: 400, loss: 0.5, accuracy: 0.25, solved: false)], id: "adding-T200-lstm-s1")
    let records = try CSV.parse(TrialSummary.csv([tested(entries), other, TestData.summary(id: "x")]), path: "summary.csv")
    let header = records[0].fields
    let columns = header.filter { $0.hasPrefix("eval_T") }
    #expect(columns == [200, 400, 1000].flatMap(TrialSummary.lengthColumns))
    #expect(header.firstIndex(of: "eval_T200_loss") == header.firstIndex(of: "steps_to_solve")! + 1)
    let rows = records.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0.fields)) }
    #expect(rows.allSatisfy { $0.count == header.count })
    #expect(rows[0]["eval_T200_loss"] == "0.003" && rows[0]["eval_T200_solved"] == "true")
    #expect(rows[0]["eval_T200_accuracy"] == "" && rows[0]["eval_T1000_loss"] == "inf")
    #expect(rows[0]["eval_T400_loss"] == "", "not tested there")
    #expect(rows[1]["eval_T400_accuracy"] == "0.25" && rows[1]["eval_T200_solved"] == "")
    #expect(rows[2]["eval_T1000_solved"] == "")
  }
}
