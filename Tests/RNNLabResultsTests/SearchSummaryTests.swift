import Foundation
import Testing
@testable import RNNLabResults

/// What a searched trial adds to `summary.json` and `summary.csv`, and that
/// folders without search (or written before it existed) read and write as before.
@Suite struct SearchSummaryTests {
  private func searched(_ index: Int, _ values: SearchValues, id: String) -> TrialSummary {
    var summary = TestData.summary(id: id)
    summary.configIndex = index
    summary.searchValues = values
    return summary
  }

  @Test func searchValuesRoundTripThroughSummaryJSON() throws {
    // summary.json sorts its keys, so values read back come in name order.
    let summary = searched(3, ["init": .string("orthogonal"), "training.clip_norm": .null,
                               "training.learning_rate": .number(0.002)], id: "adding-T100-lstm-c03-s1")
    let data = try ResultsJSON.encode(summary)
    #expect(try ResultsJSON.decode(TrialSummary.self, from: data, path: "summary.json") == summary)
    let text = String(decoding: data, as: UTF8.self)
    #expect(text.contains(#""config_index" : 3"#))
    #expect(text.contains(#""training.learning_rate" : 0.002"#))
  }

  @Test func summariesWrittenBeforeSearchExistedStillRead() throws {
    let text = String(decoding: try ResultsJSON.encode(TestData.summary()), as: UTF8.self)
    let old = text.replacingOccurrences(of: ",\n  \"search_values\" : null", with: "")
      .replacingOccurrences(of: "\"config_index\" : null,\n  ", with: "")
    #expect(!old.contains("config_index") && !old.contains("search_values"))
    #expect(try ResultsJSON.decode(TrialSummary.self, from: Data(old.utf8), path: "summary.json") == TestData.summary())
  }

  @Test func summaryCSVHasConfigIndexAndOneColumnPerSearchedPath() throws {
    let summaries = [
      searched(0, ["training.learning_rate": .number(0.002), "hidden": .number(48)], id: "a-c00-s1"),
      searched(1, ["init": .string("orthogonal")], id: "a-c01-s1"),
      TestData.summary(id: "a-s1"),
    ]
    let records = try CSV.parse(TrialSummary.csv(summaries), path: "summary.csv").map(\.fields)
    let header = records[0]
    // `hidden` is already a column (with the resolved value): not repeated.
    #expect(header.filter { $0 == "hidden" }.count == 1)
    let index = try #require(header.firstIndex(of: "config_index"))
    #expect(Array(header[(index + 1)...(index + 2)]) == ["training.learning_rate", "init"])
    func column(_ name: String) -> [String] { records.dropFirst().map { $0[header.firstIndex(of: name)!] } }
    #expect(column("config_index") == ["0", "1", ""])
    #expect(column("training.learning_rate") == ["0.002", "", ""])
    #expect(column("init") == ["", "orthogonal", ""])
    #expect(records.dropFirst().allSatisfy { $0.count == header.count })
  }

  @Test func withoutSearchTheCSVIsUnchanged() {
    let summaries = [TestData.summary(id: "a-s1"), TestData.summary(id: "a-s2")]
    #expect(TrialSummary.csv(summaries).hasPrefix(TrialSummary.csvHeader.joined(separator: ",") + "\n"))
  }
}
