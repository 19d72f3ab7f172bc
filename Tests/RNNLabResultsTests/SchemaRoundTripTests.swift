import Foundation
import Testing

@testable import RNNLabResults

/// The results schema encodes and decodes back to the same values, with the
/// exact keys of the contract and the same bytes every time.
@Suite struct SchemaRoundTripTests {
  @Test(arguments: [TrialStatus.done, .diverged, .failed])
  func summaryRoundTrips(status: TrialStatus) throws {
    for summary in [
      TestData.summary(status: status), TestData.summary(status: status, loss: nil, accuracy: 0.75, bidirectional: true),
    ] {
      let data = try ResultsJSON.encode(summary)
      #expect(try ResultsJSON.decode(TrialSummary.self, from: data, path: "summary.json") == summary)
    }
  }

  @Test func summaryWritesEveryContractKeyIncludingNulls() throws {
    let data = try ResultsJSON.encode(TestData.summary(status: .diverged, loss: nil))
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let contract = [
      "trial_id", "config_hash", "status", "task", "task_kind", "seq_len", "model", "cell", "hidden", "layers",
      "bidirectional", "seed", "steps", "steps_completed", "parameter_count", "final_eval_loss",
      "final_eval_accuracy", "final_val_loss", "final_val_accuracy", "kept_step", "baseline", "solved", "steps_to_solve", "grad_norm_init", "grad_norm_mean",
      "clipped_fraction", "grad_decay_init", "grad_decay_final", "grad_decay_init_backward", "grad_decay_final_backward",
      "grad_underflow_init", "grad_underflow_final", "recurrent_radius_init",
      "diverged_at_step", "error", "wall_seconds", "steps_per_second", "isa",
      "config_index", "search_values",
    ]
    #expect(Set(object.keys) == Set(contract))
    #expect(object["final_eval_loss"] is NSNull)
    #expect(object["diverged_at_step"] as? Int == 730)
    #expect(object["status"] as? String == "diverged")
  }

  @Test func encodingIsDeterministicSortedAndFullPrecision() throws {
    let summary = TestData.summary()
    let first = try ResultsJSON.encode(summary)
    #expect(first == (try ResultsJSON.encode(summary)))
    let text = String(decoding: first, as: UTF8.self)
    #expect(text.hasSuffix("}\n"))
    let keys = text.split(separator: "\n").compactMap { line -> String? in
      guard let quote = line.firstIndex(of: "\""), let end = line[line.index(after: quote)...].firstIndex(of: "\"")
      else { return nil }
      return String(line[line.index(after: quote)..<end])
    }
    #expect(keys == keys.sorted())
    #expect(text.contains("\"grad_decay_init\" : -1.2345678901234567"))
    #expect(text.contains("\"grad_norm_mean\" : 0.3140000000000001"))
  }

  @Test func nonFiniteNumbersSurviveAsStrings() throws {
    var summary = TestData.summary(status: .diverged)
    summary.gradNormMean = .infinity
    summary.finalEvalLoss = .nan
    let data = try ResultsJSON.encode(summary)
    let text = String(decoding: data, as: UTF8.self)
    #expect(text.contains("\"grad_norm_mean\" : \"inf\""))
    #expect(text.contains("\"final_eval_loss\" : \"nan\""))
    let decoded = try ResultsJSON.decode(TrialSummary.self, from: data, path: "summary.json")
    #expect(decoded.gradNormMean == .infinity)
    #expect(decoded.finalEvalLoss?.isNaN == true)
  }

  @Test func manifestRoundTripsWithNullCommit() throws {
    let manifest = Manifest(
      runnerVersion: "0.1.0", gitCommit: nil, host: "lab-1", isa: "avx512", created: "2025-03-01T10:00:00Z")
    let data = try ResultsJSON.encode(manifest)
    #expect(String(decoding: data, as: UTF8.self).contains("\"git_commit\" : null"))
    #expect(try ResultsJSON.decode(Manifest.self, from: data, path: "manifest.json") == manifest)
  }

  @Test func summariesWrittenBeforeClippedFractionStillRead() throws {
    // Folders recorded before the key existed have no `clipped_fraction`: it reads as null.
    let summary = String(decoding: try ResultsJSON.encode(TestData.summary(status: .done)), as: UTF8.self)
    let old = summary.replacingOccurrences(of: "\"clipped_fraction\" : 0.25,", with: "")
    #expect(old != summary && !old.contains("clipped_fraction"))
    let decoded = try ResultsJSON.decode(TrialSummary.self, from: Data(old.utf8), path: "summary.json")
    var expected = TestData.summary(status: .done)
    expected.clippedFraction = nil
    #expect(decoded == expected)
  }

  @Test func foldersRecordedWithABLASFieldStillRead() throws {
    // Before the engine had its own kernels, summaries and manifests named
    // the BLAS; they must still read (with no kernel path) until re-recorded.
    let summary = String(decoding: try ResultsJSON.encode(TestData.summary(status: .done)), as: UTF8.self)
    let old = summary.replacingOccurrences(of: "\"isa\" : \"avx512\"", with: "\"blas\" : \"OpenBLAS 0.3.21 SkylakeX\"")
    #expect(old != summary)
    let decoded = try ResultsJSON.decode(TrialSummary.self, from: Data(old.utf8), path: "summary.json")
    var expected = TestData.summary(status: .done)
    expected.isa = nil
    #expect(decoded == expected)
    let manifest = #"{"runner_version": "0.1.0", "git_commit": null, "host": "h", "blas": "OpenBLAS", "created": "2025-01-01T00:00:00Z", "platform": null}"#
    let oldManifest = try ResultsJSON.decode(Manifest.self, from: Data(manifest.utf8), path: "manifest.json")
    #expect(oldManifest.isa == nil && oldManifest.runnerVersion == "0.1.0")
  }

  @Test func metricsRoundTripThroughCSV() throws {
    let points = [
      MetricPoint(step: 0, split: .train, metric: .loss, value: 0.1),
      MetricPoint(step: 0, split: .eval, metric: .accuracy, value: 1.0 / 3.0),
      MetricPoint(step: 100, split: .train, metric: "grad_norm_peephole", value: 1e-7),
      MetricPoint(step: 230, split: .train, metric: .gradNorm, value: .infinity),
      MetricPoint(step: 230, split: .train, metric: .clipped, value: 1),
    ]
    let text = MetricPoint.csv(points)
    #expect(text.hasPrefix("step,split,metric,value\n0,train,loss,0.1\n"))
    #expect(try MetricPoint.parse(csv: text, path: "metrics.csv") == points)
    let nan = try MetricPoint.parse(csv: "step,split,metric,value\n5,train,loss,nan\n", path: "m.csv")
    #expect(nan[0].value.isNaN)
  }

  @Test func flowRoundTripsThroughCSVWithEmptyCellNorms() throws {
    let points = [
      FlowPoint(step: 0, layer: 0, direction: .forward, timestep: 1, normDh: 2.5e-6, normDc: nil),
      FlowPoint(step: 0, layer: 1, direction: .backward, timestep: 2, normDh: 0.125, normDc: 0.25),
    ]
    let text = FlowPoint.csv(points)
    #expect(text == "step,layer,direction,timestep,norm_dh,norm_dc\n0,0,forward,1,2.5e-06,\n0,1,backward,2,0.125,0.25\n")
    #expect(try FlowPoint.parse(csv: text, path: "gradient_flow.csv") == points)
  }

  @Test func configValuesRoundTrip() throws {
    let config: JSONValue = .object([
      "index": .number(7), "name": .string("a/b"), "flags": .array([.bool(true), .null]),
      "nested": .object(["rate": .number(0.001)]),
    ])
    let data = try ResultsJSON.encode(config)
    let decoded = try ResultsJSON.decode(JSONValue.self, from: data, path: "config.json")
    #expect(decoded == config)
    #expect(decoded["index"]?.intValue == 7)
    #expect(decoded["name"]?.stringValue == "a/b")
    #expect(decoded["nested"]?["rate"]?.intValue == nil)
  }

  @Test func summaryCSVHasOneColumnPerFieldAndQuotesErrors() throws {
    let summary = TestData.summary(status: .failed, loss: nil)
    #expect(summary.csvFields().count == TrialSummary.csvHeader.count)
    let text = TrialSummary.csv([summary])
    let records = try CSV.parse(text, path: "summary.csv")
    #expect(records.count == 2)
    let row = Dictionary(uniqueKeysWithValues: zip(records[0].fields, records[1].fields))
    #expect(row["error"] == "engine: out of memory, \"backward\" cache")
    #expect(row["final_eval_loss"] == "")
    #expect(row["baseline"] == "0.16666666666666666")
    #expect(row["bidirectional"] == "false")
    #expect(row["trial_id"] == "adding-T100-lstm-s1")
  }
}
