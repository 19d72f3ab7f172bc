import Foundation
import RNNLabResults
import Testing

@testable import RNNLabReport

/// The report is a pure function of the folder: the order in which trials
/// were loaded (or shards merged) does not change a byte.
@Suite struct DeterminismTests {
  @Test func reportIgnoresTheOrderTrialsWereLoadedIn() throws {
    let folder = try ResultsFolder.load(GoldenFiles.input)
    let reference = try Fixtures.render(folder)
    let count = folder.trials.count
    let orders: [[Int]] = [
      Array((0..<count).reversed()),
      (0..<count).map { ($0 * 7) % count },  // 7 is coprime with 24: a permutation
      (0..<count).map { ($0 + 11) % count },
    ]
    for order in orders {
      var shuffled = folder
      shuffled.trials = order.map { folder.trials[$0] }
      #expect(try Fixtures.render(shuffled) == reference)
    }
  }

  @Test func renderingTwiceGivesTheSameBytes() throws {
    let folder = try ResultsFolder.load(GoldenFiles.input)
    #expect(try Fixtures.render(folder) == (try Fixtures.render(folder)))
  }

  @Test func withoutPlanIndexesModelsAndTasksAreSortedByName() throws {
    var folder = try ResultsFolder.load(GoldenFiles.input)
    folder.trials = folder.trials.map { var trial = $0; trial.config = nil; return trial }
    let index = ResultsIndex(folder.trials.reversed())
    #expect(!index.inPlanOrder)
    #expect(index.models.map(\.name) == ["bigru", "lstm", "rnn"])
    #expect(index.tasks.map(\.name) == ["adding", "copy"])
    var reversed = folder
    reversed.trials.reverse()
    #expect(try Fixtures.render(folder) == (try Fixtures.render(reversed)))
  }

  @Test func planIndexesGiveTheSpecOrder() throws {
    let index = ResultsIndex(try ResultsFolder.load(GoldenFiles.input).trials)
    #expect(index.inPlanOrder)
    #expect(index.models.map(\.name) == ["rnn", "lstm", "bigru"])
    #expect(index.trials.first?.id == "adding-T25-rnn-s1")
    #expect(index.trials.last?.id == "copy-T40-bigru-s2")
  }
}
