import Testing
import RNNLabSpec
@testable import RNNLabRun

/// A trial built without the spec decoder (which reports these at line:col)
/// still cannot train a combination the decoder refuses: the blueprint
/// fails with a one-line reason instead of training something else.
@Suite struct TrialBlueprintCheckTests {
  private func trial(_ change: (inout TrainingSpec) -> Void) -> Trial {
    var training = TrainingSpec()
    training.steps = 5
    change(&training)
    return Trial(
      index: 0, task: TaskSpec(kind: .adding, seqLens: [6]), seqLen: 6, model: ModelSpec(cell: .rnn, hidden: 2),
      training: training, seed: 1)
  }

  private func reason(_ trial: Trial) -> String? {
    do {
      _ = try TrialBlueprint(trial: trial)
      return nil
    } catch {
      return error.description
    }
  }

  @Test func aStepScheduleWithoutItsIntervalIsRefused() {
    // It used to fall back to an interval of `steps`: a constant rate.
    #expect(reason(trial { $0.lrSchedule = .step }) == "lr_schedule 'step' needs lr_step_every")
    #expect(reason(trial { $0.lrSchedule = .step; $0.lrStepEvery = 2 }) == nil)
  }

  @Test func aWarmUpAsLongAsTrainingIsRefused() {
    #expect(reason(trial { $0.warmupSteps = 5 }) == "warmup_steps (5) must be fewer than steps (5)")
  }
}
