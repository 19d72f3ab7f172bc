import Foundation
import RNNLabResults
import Testing
@testable import RNNLabRun

/// `runner verify` compares the numbers at other lengths like every other
/// summary number, and names the one that differs.
@Suite struct LengthVerificationTests {
  private func summary(_ entries: String) -> Data {
    Data(#"{"trial_id": "adding-T10-lstm-s1", "final_eval_loss": 0.25, "eval_lengths": [\#(entries)]}"#.utf8)
  }

  private let entries = #"{"seq_len": 20, "loss": 0.5, "accuracy": null, "solved": false}, {"seq_len": 400, "loss": 0.125, "accuracy": null, "solved": true}"#

  @Test func aChangedNumberAtOneLengthIsNamed() throws {
    let changed = entries.replacingOccurrences(of: "0.125", with: "0.12500001")
    let difference = try #require(
      try TrialFileComparison.compareSummary(committed: summary(entries), rerun: summary(changed), mode: .exact))
    #expect(difference.location == "eval_lengths[T=400].loss")
    #expect(difference.committed == "0.125" && difference.rerun == "0.12500001")
    #expect(try TrialFileComparison.compareSummary(
      committed: summary(entries), rerun: summary(changed), mode: .tolerance(relative: 1e-3)) == nil)
    let unsolved = entries.replacingOccurrences(of: "\"solved\": true", with: "\"solved\": false")
    #expect(try TrialFileComparison.compareSummary(committed: summary(entries), rerun: summary(unsolved), mode: .exact)?
      .location == "eval_lengths[T=400].solved")
  }

  @Test func aMissingLengthOrAMissingListIsADifference() throws {
    let one = #"{"seq_len": 20, "loss": 0.5, "accuracy": null, "solved": false}"#
    let shorter = try #require(
      try TrialFileComparison.compareSummary(committed: summary(entries), rerun: summary(one), mode: .exact))
    #expect(shorter.location == "eval_lengths")
    let none = Data(#"{"trial_id": "adding-T10-lstm-s1", "final_eval_loss": 0.25}"#.utf8)
    #expect(try TrialFileComparison.compareSummary(committed: summary(entries), rerun: none, mode: .exact)?
      .rerun == "absent")
    #expect(try TrialFileComparison.compareSummary(committed: summary(entries), rerun: summary(entries), mode: .exact) == nil)
  }
}
