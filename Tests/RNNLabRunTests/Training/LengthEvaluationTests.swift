import Foundation
import RNNLabResults
import RNNLabSpec
import RNNLabTasks
import RNNLabTestSupport
import Testing
@testable import RNNLabRun

/// `evaluation: {lengths: …}`: the final (kept) parameters tested at each
/// length after training, without changing a bit of training.
@Suite struct LengthEvaluationTests {
  /// The `keep: best_val` setting of `TrainerSelectionTests` whose best
  /// evaluation is not the last.
  static let settings = ["learning_rate": "0.3", "steps": "12", "eval_every": "2", "keep": "best_val"]
  static let model = "{cell: rnn, hidden: 4}"

  private func trained(_ task: String, _ settings: [String: String] = settings) throws -> (TrainingRecord, Trainer) {
    let trial = try TinyPlans.trial(task: task, model: Self.model, training: settings)
    let trainer = Trainer(blueprint: try TrialBlueprint(trial: trial), stop: StopFlag(), progress: nil)
    return (try trainer.train(), trainer)
  }

  @Test func theKeptParametersAreTestedAndTrainingIsUntouched() throws {
    let (record, trainer) = try trained("{kind: adding, seq_len: [6], evaluation: {lengths: [24, 6]}}")
    let tested = try #require(trainer.evaluateLengths())
    #expect(tested.map(\.seqLen) == [6, 24])
    #expect(tested.allSatisfy { $0.loss?.isFinite == true && $0.accuracy == nil })
    // Its own sets: at T′ = T still other sequences than the test set's.
    #expect(tested[0].loss != record.finalEvalLoss)
    // The same trial without the key trains to the same bits.
    let (plainRecord, plain) = try trained("{kind: adding, seq_len: [6]}")
    #expect(plainRecord.metrics == record.metrics && plain.model.parameters == trainer.model.parameters)
    #expect(plainRecord.flow == record.flow)
    // Kept, not last: a trial that stops at the kept step ends with these
    // parameters (TrainerSelectionTests), and tests the same.
    let kept = try #require(record.kept)
    #expect(kept.step > 0 && kept.step < 12)
    var stopped = Self.settings
    stopped["steps"] = String(kept.step)
    stopped["keep"] = "last"
    let (_, short) = try trained("{kind: adding, seq_len: [6], evaluation: {lengths: [6, 24]}}", stopped)
    #expect(short.evaluateLengths() == tested)
    var last = Self.settings
    last["keep"] = "last"
    let (_, lastTrainer) = try trained("{kind: adding, seq_len: [6], evaluation: {lengths: [6, 24]}}", last)
    #expect(lastTrainer.evaluateLengths() != tested)
  }

  @Test func solvedIsTheTasksRuleAtTheTestedLength() throws {
    let (_, trainer) = try trained("{kind: copy, seq_len: [3], copy_length: 2, evaluation: {lengths: [3, 9]}}")
    let tested = try #require(trainer.evaluateLengths())
    for entry in tested {
      let task = try CopyTask(seqLen: entry.seqLen, copyLength: 2)
      let accuracy = try #require(entry.accuracy)
      #expect(entry.solved == task.isSolved(loss: entry.loss ?? .nan, accuracy: accuracy))
      #expect((0...1).contains(accuracy))
    }
  }

  @Test func aStopDuringTheTestsLeavesNoNumbers() throws {
    let (_, trainer) = try trained("{kind: adding, seq_len: [6], evaluation: {lengths: [60]}}")
    let stop = StopFlag()
    stop.raise(.interrupted(signal: 2))
    let stopped = Trainer(blueprint: trainer.blueprint, stop: stop, progress: nil)
    #expect(stopped.evaluateLengths() == nil)
  }

  @Test func theMemoryEstimateCountsTheLongestLength() throws {
    func bytes(_ task: String) throws -> UInt64 {
      try #require(MemoryEstimate.bytes(for: try TinyPlans.trial(task: task, model: "{cell: lstm, hidden: 64}")))
    }
    let plain = try bytes("{kind: adding, seq_len: [6]}")
    // Shorter than training's batch of steps: the training buffers hold it.
    #expect(try bytes("{kind: adding, seq_len: [6], evaluation: {lengths: [2, 6]}}") == plain)
    let long = try bytes("{kind: adding, seq_len: [6], evaluation: {lengths: [2, 100000]}}")
    // 100,000 steps × 4 sequences × (4·64 gates + 2·64 cell values + …) floats.
    #expect(long > plain + 100_000 * 4 * 384 * 4)
    #expect(try bytes("{kind: adding, seq_len: [6], evaluation: {lengths: [100000]}}") == long)
  }

  /// Two tasks with lengths, one trial that diverges (the setting of
  /// `ExperimentRunTests`): the same files with one job or two, and every
  /// summary lists every length of its task, numbers only where it finished.
  @Test func sameBitsWithOneOrTwoJobs() throws {
    let plan = try TinyPlans.plan("""
      name: lengths
      seeds: [1]
      tasks:
        - {kind: adding, seq_len: [6], evaluation: {lengths: [12, 6]}}
        - {kind: first_symbol, seq_len: [4, 6], evaluation: {lengths: [9]}}
      models:
        - {name: gru, cell: gru, hidden: 4}
        - {name: wild, cell: rnn, hidden: 4, training: {learning_rate: 10000.0, optimizer: sgd, clip_norm: null}}
      training: {steps: 20, batch_size: 4, learning_rate: 0.01, eval_every: 5, eval_size: 8}
      """)
    var files: [[String: Data]] = []
    for jobs in [1, 2] {
      let folder = TemporaryFolder()
      defer { folder.remove() }
      let options = ExperimentRun.Options(
        folder: folder.url, jobs: jobs, shard: .whole, force: false, progressMode: .quiet, runnerVersion: "test")
      _ = try ExperimentRun(plan: plan, options: options) { _ in [] }.perform { _ in }
      let layout = ResultsLayout(root: folder.url)
      var found: [String: Data] = [:]
      for trial in plan.trials {
        let summary = try #require(try layout.readSummary(trial: trial.id))
        let entries = try #require(summary.evalLengths)
        #expect(entries.map(\.seqLen) == trial.task.evaluationLengths, "\(trial.id)")
        if summary.status == .done {
          #expect(entries.allSatisfy { $0.loss != nil && ($0.accuracy != nil) == (trial.task.kind != .adding) })
        } else {
          #expect(entries.allSatisfy { $0.loss == nil && $0.accuracy == nil && !$0.solved }, "\(trial.id)")
        }
        for name in ["summary.json", "metrics.csv", "weights.safetensors"] {
          var data = try Data(contentsOf: layout.trialFolder(trial.id).appendingPathComponent(name))
          if name == "summary.json" {
            data = Data(String(decoding: data, as: UTF8.self).split(separator: "\n")
              .filter { !$0.contains("\"wall_seconds\"") && !$0.contains("\"steps_per_second\"") }.joined().utf8)
          }
          found["\(trial.id)/\(name)"] = data
        }
      }
      #expect(try layout.readSummary(trial: "adding-T6-wild-s1")?.status == .diverged)
      files.append(found)
    }
    #expect(files[0].count == 6 * 3 && files[0] == files[1])
  }
}
