import Foundation
import RNNLabEngine
import RNNLabResults
import RNNLabSpec
import RNNLabTestSupport
import Testing
@testable import RNNLabRun

/// The trial's gradient-flow probe: float64 norms in gradient_flow.csv for
/// every layer and direction, finite decays where float32 underflows, the
/// float32 underflow count and the initial radius in summary.json.
@Suite struct GradientProbeTests {
  private func run(_ trial: Trial) throws -> (TrialSummary, [FlowPoint]) {
    let folder = TemporaryFolder()
    defer { folder.remove() }
    let layout = ResultsLayout(root: folder.url)
    _ = try #require(try TrialRunner(layout: layout, stop: StopFlag(), progress: nil, isa: "test").run(trial))
    return (try #require(try layout.readSummary(trial: trial.id)), try layout.readFlow(trial: trial.id))
  }

  @Test func flowCoversEveryLayerAndDirectionOfAStackedModel() throws {
    let trial = try TinyPlans.trial(model: "{cell: gru, hidden: 4, layers: 3, bidirectional: true}")
    let (summary, flow) = try run(trial)
    for step in [0, 8] {
      let rows = flow.filter { $0.step == step }
      #expect(Set(rows.map { "\($0.layer)\($0.direction)" }).count == 6, "3 layers × 2 directions at step \(step)")
      #expect(rows.count == 6 * 6 && rows.allSatisfy { $0.normDh > 0 && $0.normDh.isFinite })
    }
    #expect(summary.gradUnderflowInit == 0 && summary.gradUnderflowFinal == 0)
    #expect(summary.recurrentRadiusInit.map { $0 > 0 && $0.isFinite } == true)
  }

  /// A tanh RNN whose W_hh has radius 0.3 at T = 200: float32 loses the
  /// early steps' gradient (counted), the float64 probe still measures it.
  @Test func smallRadiusLongSequenceGivesFiniteDecayAndCountsFloat32Underflow() throws {
    let trial = try TinyPlans.trial(
      task: "{kind: adding, seq_len: [200]}",
      model: "{cell: rnn, hidden: 6, init: orthogonal, recurrent_radius: 0.3}",
      training: ["steps": "2", "eval_every": "2"])
    let (summary, flow) = try run(trial)
    let decay = try #require(summary.gradDecayInit)
    #expect(decay.isFinite && decay < -50, "decay \(decay)")
    #expect(flow.allSatisfy { $0.normDh > 0 && $0.normDh.isFinite })
    let underflow = try #require(summary.gradUnderflowInit)
    #expect(underflow > 50 && underflow < 200, "float32 zeros at \(underflow) steps")
    #expect(abs(try #require(summary.recurrentRadiusInit) - 0.3) <= 0.003)
  }

  @Test func normalInitRecordsTheRequestedRadius() throws {
    let trial = try TinyPlans.trial(model: "{cell: lstm, hidden: 8, layers: 2, init: normal, recurrent_radius: 1.3}")
    let (summary, _) = try run(trial)
    #expect(abs(try #require(summary.recurrentRadiusInit) - 1.3) <= 0.013)
  }
}
