/// How every trial is trained, with every value filled in.
///
/// Each setting is a stored property with its default here and one row in
/// `keys` below: that row is all the spec's decoder, `--set`, per-model
/// `training:` overrides, rendering, the config hash and docs/spec.md know
/// of it. Adding a key is one property and one row (plus its use).
public struct TrainingSpec: Hashable, Sendable {
  public var steps = 2000
  public var batchSize = 32
  public var optimizer = OptimizerKind.adam
  public var learningRate = 0.001
  public var momentum = 0.0
  public var clipNorm: Double? = 1.0
  public var clipValue: Double? = nil
  public var evalEvery = 100
  public var evalSize = 512
  public var flowEvery: Int? = nil
  public var logEvery = 1
  /// Checkpoint a running trial every this many steps; nil: about once a
  /// minute of training. Not hashed: it changes no result.
  public var checkpointEvery: Int? = nil
  /// Sequences in the fixed validation set; nil: as many as `evalSize`.
  public var valSize: Int? = nil
  /// Which parameters the trial ends with and reports.
  public var keep = KeepKind.last
  public var lrSchedule = LearningRateScheduleKind.constant
  /// The cosine schedule's floor.
  public var lrMin = 0.0
  /// The step schedule's interval; required by it, meaningless otherwise.
  public var lrStepEvery: Int? = nil
  public var lrStepFactor = 0.1
  /// Steps of linear warm-up from 0 to the scheduled rate.
  public var warmupSteps = 0

  /// The validation set's size with its default filled in.
  public var effectiveValSize: Int { valSize ?? evalSize }

  /// Every setting at its default.
  public init() {}

  /// The training keys, in the order specs, configs and docs list them.
  /// (Upper bounds are generous caps that stop a typo — an extra zero or
  /// three — from asking the engine for terabytes.)
  public static let keys: [SpecKey<TrainingSpec>] = [
    .integer("steps", \.steps, in: 1...1_000_000_000, "Optimiser steps, one fresh batch each."),
    .integer("batch_size", \.batchSize, in: 1...65_536, "Sequences per training batch."),
    .name("optimizer", \.optimizer, "The optimiser."),
    .number("learning_rate", \.learningRate, .greaterThan(0), "Step size."),
    .number("momentum", \.momentum, .from(0, below: 1), "Momentum of `sgd` and `rmsprop`; must stay 0 with `adam`."),
    .numberOrNull("clip_norm", \.clipNorm, .greaterThan(0), "Clip the global gradient norm to this."),
    .numberOrNull("clip_value", \.clipValue, .greaterThan(0), "Clip each gradient element to ± this."),
    .integer("eval_every", \.evalEvery, in: 1...1_000_000_000, "Evaluate on the fixed evaluation set every this many steps (and at the last)."),
    .integer("eval_size", \.evalSize, in: 1...1_000_000, "Sequences in the fixed evaluation set."),
    .integerOrNull("flow_every", \.flowEvery, in: 1...1_000_000_000, "Extra gradient-flow snapshots every this many steps; null: first and last step only."),
    .integer("log_every", \.logEvery, in: 1...1_000_000_000, "Write training-step rows of `metrics.csv` every this many steps (and at the last); evaluation rows and summary statistics are not thinned."),
    .integerOrNull("checkpoint_every", \.checkpointEvery, in: 1...1_000_000_000, hashed: false, "Checkpoint a running trial (model, optimiser, data stream, records so far) every this many steps; null: after each minute of training. A killed trial resumes from its last checkpoint; not part of the config hash, since it changes no result."),
    // Keys added after results were first committed stay out of the config
    // hash at their neutral value, so existing trials keep their ids and hashes.
    SpecKey.integerOrNull("val_size", \.valSize, in: 1...1_000_000, null: "`eval_size`", "Sequences in the fixed validation set (its own seeded stream, apart from the evaluation (test) set and training data); null: `eval_size`.")
      .unhashed(at: .null),
    SpecKey.name("keep", \.keep, "Parameters the trial ends with: `last`, or `best_val` (those with the lowest validation loss at any evaluation; the weights file and the final metrics are theirs, `kept_step` says from which step).")
      .unhashed(at: .string("last")),
    SpecKey.name("lr_schedule", \.lrSchedule, "Learning-rate schedule after warm-up: `constant`, `cosine` (down to `lr_min` at the last step) or `step` (× `lr_step_factor` every `lr_step_every` steps).")
      .unhashed(at: .string("constant")),
    SpecKey.number("lr_min", \.lrMin, NumberBounds(atLeast: 0), "Floor of the `cosine` schedule; below `learning_rate`.")
      .unhashed(at: .double(0)),
    SpecKey.integerOrNull("lr_step_every", \.lrStepEvery, in: 1...1_000_000_000, "Steps between the `step` schedule's decays; required by it and only allowed with it.")
      .unhashed(at: .null),
    SpecKey.number("lr_step_factor", \.lrStepFactor, NumberBounds(greaterThan: 0, below: 1), "Factor of each `step` decay.")
      .unhashed(at: .double(0.1)),
    SpecKey.integer("warmup_steps", \.warmupSteps, in: 0...1_000_000_000, "Steps of linear warm-up from 0 to the scheduled rate; fewer than `steps`.")
      .unhashed(at: .int(0)),
  ]
}
