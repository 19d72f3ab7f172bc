import Foundation
import RNNLabEngine
import RNNLabRandom
import RNNLabResults
import RNNLabTasks

/// Trains one trial from its first step to its last, on the calling thread.
///
/// Step `n` in every record means "the parameters after `n` updates": the
/// training loss at step `n` is that of batch `n` before update `n + 1`, and
/// the evaluation at step `n` sees the same parameters. Each step:
///
/// 1. the next batch of the trial's `data` stream; forward; loss;
/// 2. backward; the global and per-group gradient norms before clipping;
/// 3. clipping: global norm (`clip_norm`) first, then element-wise
///    (`clip_value`); `clipped` is 1 when either changed a gradient;
/// 4. the optimiser update.
///
/// The rows of 1–3 go to `metrics.csv` every `log_every` steps, at the last
/// step and at a step whose loss or gradient norm is not finite; the
/// summary's gradient statistics still see every step.
///
/// Evaluations (on the fixed `eval` (test) set, then on the fixed `val` set)
/// run at step 0, every `eval_every` steps and at the end; gradient-flow
/// snapshots (on a fixed probe batch, the first sequences of the evaluation
/// set) at step 0, every `flow_every` steps and at the end. With `keep:
/// best_val` the parameters of the evaluation with the lowest validation loss
/// are copied, and restored (with that evaluation's numbers) at the end.
/// The learning rate of update `s` is `LearningRateSchedule.rate(atStep: s)`. A non-finite loss or gradient norm ends training with
/// status `diverged` at that step. The stop flag is checked at every step
/// boundary and, every few timesteps, inside the passes of a step, an
/// evaluation or a probe, which a stop abandons without a trace (so each is
/// redone on resume); a stop throws `TrialInterrupted` after saving a checkpoint.
///
/// Checkpoints (`TrialCheckpoint`) are written after every `checkpoint_every`
/// steps (by default after each minute of training) and when a stop is
/// requested; `resume(from:)` continues from one. Neither changes a number.
final class Trainer {
  let blueprint: TrialBlueprint
  let model: RecurrentModel
  private let stop: StopFlag
  private let progress: ProgressReporter?
  private var optimizer: any Optimizer
  private var data: TrainingStream
  private let evaluationSet: EvaluationSet
  private let validationSet: EvaluationSet
  private let schedule: LearningRateSchedule
  /// With `keep: best_val`: the parameters of `record.kept`.
  private var keptParameters: [Float]?
  private let probeBatch: TaskBatch
  private var record = TrainingRecord()
  /// The spectral radius of the initial `weight_hh` (top layer, forward
  /// direction, first gate block), for `recurrent_radius_init`; measured
  /// from the model as built, before any resume replaces its parameters.
  let initialRadius: Double
  /// Where checkpoints go; nil: none (tests that train in memory).
  var checkpoints: CheckpointFiles?
  /// When (monotonic seconds) this segment of the trial began: at start-up
  /// or at the resume.
  private var segmentStarted = ProgressReporter.monotonicSeconds()
  /// The step the next `train()` starts from (after `resume(from:)`).
  private var firstStep = 0
  /// When (monotonic seconds) and at which step the last checkpoint was taken.
  private var lastCheckpoint: (seconds: Double, step: Int)
  /// Default checkpoint interval without `checkpoint_every`: one write per
  /// minute of training costs well under 2 % (docs/faults.md has numbers).
  static let defaultCheckpointSeconds = 60.0

  init(blueprint: TrialBlueprint, stop: StopFlag, progress: ProgressReporter?, checkpoints: CheckpointFiles? = nil) {
    self.checkpoints = checkpoints
    lastCheckpoint = (ProgressReporter.monotonicSeconds(), 0)
    self.blueprint = blueprint
    self.stop = stop
    self.progress = progress
    let training = blueprint.trial.training
    model = RecurrentModel(config: blueprint.modelConfig, seed: blueprint.seed)
    optimizer = blueprint.makeOptimizer(parameterCount: model.parameterCount)
    var radiusStream = SeededGenerator(seed: blueprint.seed, stream: "radius")
    initialRadius = model.recurrentRadius(using: &radiusStream)
    data = TrainingStream(task: blueprint.task, batchSize: training.batchSize, seed: blueprint.seed)
    // Evaluation and probe batches are no larger than training batches, so the
    // model's buffers (which grow with T·B) never outgrow what training needs.
    let evalBatch = min(training.batchSize, training.evalSize)
    evaluationSet = EvaluationSet(
      task: blueprint.task, size: training.evalSize, batchSize: evalBatch, seed: blueprint.seed)
    let valSize = training.effectiveValSize
    validationSet = EvaluationSet(
      task: blueprint.task, size: valSize, batchSize: min(training.batchSize, valSize),
      seed: blueprint.seed, stream: EvaluationSet.validationStreamName)
    schedule = blueprint.learningRateSchedule
    var probe = EvaluationSet(task: blueprint.task, size: evalBatch, batchSize: evalBatch, seed: blueprint.seed)
      .makeIterator()
    probeBatch = probe.next()!
  }

  /// Continues from `checkpoint` instead of step 0; false (nothing changed)
  /// when it does not belong to this trial's configuration and shapes.
  /// A halving search's `rung` must not lie before it.
  func resume(from checkpoint: TrialCheckpoint, rung: Rung? = nil) -> Bool {
    guard checkpoint.configHash == blueprint.trial.configHash, checkpoint.trialID == blueprint.trial.id,
      (1..<blueprint.trial.training.steps).contains(checkpoint.nextStep), checkpoint.nextStep <= rung?.step ?? .max,
      checkpoint.parameters.count == model.parameterCount, optimizer.restore(checkpoint.optimizer)
    else { return false }
    guard (checkpoint.keptParameters == nil) == (checkpoint.record.kept == nil),
      checkpoint.keptParameters.map({ $0.count == model.parameterCount }) != false
    else { return false }
    model.parameters = checkpoint.parameters
    keptParameters = checkpoint.keptParameters
    data.position = checkpoint.data
    record = checkpoint.record
    firstStep = checkpoint.nextStep
    lastCheckpoint = (ProgressReporter.monotonicSeconds(), firstStep)
    segmentStarted = lastCheckpoint.seconds
    return true
  }

  /// Wall seconds of the trial so far, over every segment.
  var wallSeconds: Double { record.wallSeconds + ProgressReporter.monotonicSeconds() - segmentStarted }

  /// The state before step `nextStep`, as a checkpoint.
  func checkpoint(nextStep: Int) -> TrialCheckpoint {
    var saved = record
    saved.wallSeconds = wallSeconds
    return TrialCheckpoint(
      trialID: blueprint.trial.id, configHash: blueprint.trial.configHash, nextStep: nextStep,
      parameters: model.parameters, optimizer: optimizer.state, data: data.position, record: saved,
      keptParameters: keptParameters)
  }

  /// Writes a checkpoint before step `nextStep` when one is due (or `force`d
  /// by a stop), atomically: a kill mid-write leaves the previous one.
  private func saveCheckpoint(nextStep: Int, force: Bool = false) throws {
    guard checkpoints != nil, nextStep > lastCheckpoint.step, nextStep < blueprint.trial.training.steps else { return }
    let now = ProgressReporter.monotonicSeconds()
    let due = blueprint.trial.training.checkpointEvery.map { nextStep % $0 == 0 }
      ?? (now - lastCheckpoint.seconds >= Self.defaultCheckpointSeconds)
    guard due || force else { return }
    try checkpoints?.save(checkpoint(nextStep: nextStep))
    lastCheckpoint = (ProgressReporter.monotonicSeconds(), nextStep)
  }

  /// Runs every step (from the checkpoint's, after `resume`) and returns what
  /// happened. Throws `TrialInterrupted` on a stop, or the error of a
  /// checkpoint that cannot be written.
  ///
  /// With a `rung` (a halving search's step below `training.steps`), it
  /// stops there instead: `.pause` saves the checkpoint from before that
  /// step's evaluation, then evaluates (the rung ranks on it) and returns
  /// with status `paused`, and a promotion resumes exactly where a trial
  /// trained straight through would be; `.prune` ends the trial there like
  /// a last step (evaluation, flow snapshot, kept parameters), status `pruned`.
  func train(rung: Rung? = nil) throws -> TrainingRecord {
    let end = rung?.step ?? blueprint.trial.training.steps
    for step in firstStep...end {
      if stop.isRaised {
        try saveCheckpoint(nextStep: step, force: true)
        throw TrialInterrupted()
      }
      if case .pause(let at) = rung, step == at {
        try saveCheckpoint(nextStep: step, force: true)
        guard let evaluation = measureEvaluation() else { try stopped(before: step) }
        guard store(evaluation, at: step) else { return diverged(at: step) }
        record.status = .paused
        return record
      }
      guard let finite = evaluateAndProbe(at: step, end: end) else { try stopped(before: step) }
      guard finite else { return diverged(at: step) }
      if step == end {
        if rung != nil { record.status = .pruned }
        break
      }
      guard let finite = trainStep(step) else { try stopped(before: step) }
      guard finite else { return diverged(at: step) }
      record.stepsCompleted = step + 1
      try saveCheckpoint(nextStep: step + 1)
    }
    restoreKept()
    return record
  }

  /// A stop during step `step`'s evaluation, probe or update, which left no
  /// trace in the record: the checkpoint (state before `step`) makes a resume
  /// redo them, so the results match an uninterrupted run's.
  private func stopped(before step: Int) throws -> Never {
    try saveCheckpoint(nextStep: step, force: true)
    throw TrialInterrupted()
  }

  /// With `keep: best_val`, puts the kept parameters back and reports their
  /// evaluation as the trial's final one.
  private func restoreKept() {
    guard blueprint.trial.training.keep == .bestVal, let kept = record.kept, let keptParameters else { return }
    model.parameters = keptParameters
    record.finalEvalLoss = kept.evalLoss
    record.finalEvalAccuracy = kept.evalAccuracy
    record.finalValLoss = kept.valLoss
    record.finalValAccuracy = kept.valAccuracy
  }

  /// One update from the parameters after `step` updates; false if the loss or
  /// the gradient norm is not finite (then nothing is updated), nil if a stop
  /// came during the forward or backward pass: then nothing changed (the
  /// batch is put back), so the step can be redone on resume.
  private func trainStep(_ step: Int) -> Bool? {
    let started = DispatchTime.now().uptimeNanoseconds
    defer { record.trainingSeconds += Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9 }
    let training = blueprint.trial.training
    let position = data.position
    let batch = data.nextBatch()
    model.zeroGradients()
    model.interruption = { [stop] in stop.isRaised }
    defer { model.interruption = nil }
    let output = model.forward(inputs: batch.inputs, seqLen: batch.steps, batch: batch.batchSize)
    let loss = BatchLoss(output: output, batch: batch)
    if loss.value.isFinite { model.backward(dOutput: loss.dOutput) }
    if stop.isRaised {
      data.position = position
      return nil
    }
    let logged = step % training.logEvery == 0 || step == training.steps - 1
    if logged || !loss.value.isFinite { record.record(.loss, loss.value, step: step, split: .train) }
    progress?.trialStepped(id: blueprint.trial.id, step: step + 1, loss: loss.value)
    guard loss.value.isFinite else { return false }
    let norms = model.gradientNorms()
    if logged || !norms.global.isFinite {
      record.record(.gradNorm, norms.global, step: step, split: .train)
      for (group, name) in Self.groupMetrics(peephole: blueprint.modelConfig.cell == .peephole) {
        record.record(name, norms[group], step: step, split: .train)
      }
    }
    guard norms.global.isFinite else { return false }
    record.gradientNorms.append(norms.global)
    var clipped = false
    model.withParametersAndGradients { parameters, gradients in
      if let maxNorm = training.clipNorm {
        let coefficient = GradientClipping.clipCoefficient(norm: Float(norms.global), maxNorm: Float(maxNorm))
        if coefficient < 1 {
          GradientClipping.scale(gradients, by: coefficient)
          clipped = true
        }
      }
      if let limit = training.clipValue.map(Float.init) {
        if gradients.contains(where: { abs($0) > limit }) { clipped = true }
        GradientClipping.clipValue(gradients, limit: limit)
      }
      if !schedule.isConstant { optimizer.learningRate = Float(schedule.rate(atStep: step)) }
      optimizer.step(parameters: parameters, gradients: UnsafeBufferPointer(gradients))
    }
    if clipped { record.clippedSteps += 1 }
    if logged { record.record(.clipped, clipped ? 1 : 0, step: step, split: .train) }
    if logged && !schedule.isConstant { record.record(.learningRate, Double(optimizer.learningRate), step: step, split: .train) }
    return true
  }

  /// The evaluation and the gradient-flow snapshot due at `step`; false if
  /// the test loss is not finite, nil if a stop came first. Both are measured
  /// before either is recorded, so a stop leaves the record as it was.
  /// `end`: the trial's last step (its rung's, when a halving search prunes it).
  private func evaluateAndProbe(at step: Int, end: Int) -> Bool? {
    let training = blueprint.trial.training
    var evaluation: Evaluation?
    if step % training.evalEvery == 0 || step == end {
      guard let measured = measureEvaluation() else { return nil }
      guard measured.loss.isFinite else { return store(measured, at: step) }
      evaluation = measured
    }
    var flow: (exact: GradientFlow, single: GradientFlow)??
    if step == 0 || step == end || training.flowEvery.map({ step % $0 == 0 }) == true {
      guard let measured = snapshotFlow() else { return nil }
      flow = measured
    }
    if let evaluation { _ = store(evaluation, at: step) }
    if case let (exact, single)?? = flow { record.record(flow: exact, float32: single, step: step) }
    return true
  }

  /// Test and validation loss and accuracy at one step.
  private typealias Evaluation = (loss: Double, accuracy: Double?, valLoss: Double, valAccuracy: Double?)

  /// Measures on the test set, then (if its loss is finite) on the validation
  /// set; nil if a stop came first.
  private func measureEvaluation() -> Evaluation? {
    guard let (loss, accuracy) = measure(evaluationSet) else { return nil }
    let validation = loss.isFinite ? measure(validationSet) : (.nan, nil)
    guard let (valLoss, valAccuracy) = validation else { return nil }
    return (loss, accuracy, valLoss, valAccuracy)
  }

  /// Records an evaluation; false if the test loss is not finite (then only it is recorded).
  private func store(_ evaluation: Evaluation, at step: Int) -> Bool {
    let (loss, accuracy, valLoss, valAccuracy) = evaluation
    record.record(.loss, loss, step: step, split: .eval)
    if let accuracy { record.record(.accuracy, accuracy, step: step, split: .eval) }
    guard loss.isFinite else { return false }
    record.finalEvalLoss = loss
    record.finalEvalAccuracy = accuracy
    if record.stepsToSolve == nil && blueprint.task.isSolved(loss: loss, accuracy: accuracy) {
      record.stepsToSolve = step
    }
    record.record(.loss, valLoss, step: step, split: .val)
    if let valAccuracy { record.record(.accuracy, valAccuracy, step: step, split: .val) }
    record.finalValLoss = valLoss
    record.finalValAccuracy = valAccuracy
    // A NaN validation loss is never below the best; ties keep the earlier step.
    if blueprint.trial.training.keep == .bestVal, valLoss < (record.kept?.valLoss ?? .infinity) {
      record.kept = KeptEvaluation(
        step: step, evalLoss: loss, evalAccuracy: accuracy, valLoss: valLoss, valAccuracy: valAccuracy)
      keptParameters = model.parameters
    }
    return true
  }

  /// The mean loss (and accuracy, where the task has one) over a fixed set;
  /// nil when a stop is requested (checked between timesteps of each batch).
  func measure(_ set: EvaluationSet) -> (loss: Double, accuracy: Double?)? {
    var weightedLoss = 0.0
    var terms = 0
    var tally = AccuracyTally()
    model.interruption = { [stop] in stop.isRaised }
    defer { model.interruption = nil }
    for batch in set {
      let output = model.forward(inputs: batch.inputs, seqLen: batch.steps, batch: batch.batchSize)
      if stop.isRaised { return nil }
      let loss = BatchLoss(output: output, batch: batch)
      weightedLoss += loss.value * Double(loss.terms)
      terms += loss.terms
      if let accuracy = loss.accuracy { tally += accuracy }
    }
    return (terms > 0 ? weightedLoss / Double(terms) : .nan, set.task.hasAccuracy ? tally.accuracy : nil)
  }

  /// Measures ∂L/∂h_t over the probe batch with the current parameters,
  /// twice: in float32 as training computes it (only to count where it
  /// underflowed to 0) and in float64, whose norms the record keeps. The float32
  /// gradients this leaves behind are zeroed by the next training step.
  /// Returns both profiles (the inner nil: none measured), or nil when a stop
  /// is requested during it: the passes poll the flag and are abandoned half-done.
  private func snapshotFlow() -> (exact: GradientFlow, single: GradientFlow)?? {
    let batch = probeBatch
    model.zeroGradients()
    model.interruption = { [stop] in stop.isRaised }
    defer { model.interruption = nil }
    let output = model.forward(inputs: batch.inputs, seqLen: batch.steps, batch: batch.batchSize)
    if stop.isRaised { return nil }
    model.backward(dOutput: BatchLoss(output: output, batch: batch).dOutput, measureFlow: true)
    if stop.isRaised { return nil }
    guard let single = model.gradientFlow else { return .some(nil) }
    let exact = model.float64GradientFlow(
      inputs: batch.inputs, seqLen: batch.steps, batch: batch.batchSize,
      objective: BatchLoss.flowObjective(for: batch))
    if stop.isRaised { return nil }
    return (exact, single)
  }

  private func diverged(at step: Int) -> TrainingRecord {
    record.status = .diverged
    record.divergedAtStep = step
    record.finalEvalLoss = nil
    record.finalEvalAccuracy = nil
    record.finalValLoss = nil
    record.finalValAccuracy = nil
    return record
  }

  /// The per-group gradient-norm metrics, in the order they are written.
  static func groupMetrics(peephole: Bool) -> [(ParameterGroup, MetricName)] {
    var groups: [(ParameterGroup, MetricName)] = [
      (.input, .gradNormInput), (.recurrent, .gradNormRecurrent), (.bias, .gradNormBias),
    ]
    if peephole { groups.append((.peephole, MetricName("grad_norm_peephole"))) }
    groups.append((.head, .gradNormHead))
    return groups
  }
}

/// The run was asked to stop while this trial was training.
struct TrialInterrupted: Error {}

/// Where a halving search stops a trial short of its `training.steps`.
enum Rung: Equatable, Sendable {
  /// Train to this step, checkpoint and evaluate there, and wait for the ranking.
  case pause(at: Int)
  /// End the trial at this step: its configuration was not promoted.
  case prune(at: Int)

  var step: Int {
    switch self {
    case .pause(let step), .prune(let step): step
    }
  }
}
