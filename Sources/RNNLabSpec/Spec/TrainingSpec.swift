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
  ]
}
