import Foundation
import RNNLabEngine
import RNNLabSpec
import Testing
@testable import RNNLabRun

/// How a spec's `forget_bias` reaches the engine: chrono with T_max = the
/// trial's seq_len unless `chrono_t_max` says otherwise; the GRU's default
/// is PyTorch's draw, as before the key applied to it.
@Suite struct ChronoBlueprintTests {
  private func config(_ model: String, task: String = "{kind: adding, seq_len: [6]}") throws -> ModelConfig {
    try TrialBlueprint(trial: try TinyPlans.trial(task: task, model: model)).modelConfig
  }

  @Test func chronoTakesTheTrialsLengthOrChronoTMax() throws {
    #expect(try config("{cell: lstm, hidden: 4, forget_bias: chrono}").forgetBias == .chrono(maxLag: 6))
    #expect(try config("{cell: cifg, hidden: 4, forget_bias: chrono, chrono_t_max: 40}").forgetBias == .chrono(maxLag: 40))
    #expect(try config("{cell: gru, hidden: 4, forget_bias: chrono}").forgetBias == .chrono(maxLag: 6))
  }

  @Test func theDefaultsAreWhatTheyWere() throws {
    #expect(try config("{cell: lstm, hidden: 4}").forgetBias == .constant(1))
    #expect(try config("{cell: gru, hidden: 4}").forgetBias == .drawn)
    #expect(try config("{cell: gru, hidden: 4, forget_bias: 2.5}").forgetBias == .constant(2.5))
    #expect(try config("{cell: rnn, hidden: 4}").forgetBias == .drawn)
  }

  @Test func aChronoTrialTrains() throws {
    let trial = try TinyPlans.trial(model: "{cell: peephole, hidden: 4, layers: 2, forget_bias: chrono}")
    let record = try Trainer(blueprint: try TrialBlueprint(trial: trial), stop: StopFlag(), progress: nil).train()
    #expect(record.status == .done && record.stepsCompleted == 8)
  }
}
