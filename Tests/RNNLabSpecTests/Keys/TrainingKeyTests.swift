import Testing
@testable import RNNLabSpec

/// `TrainingSpec.keys` is the one declaration of the training keys: every
/// setting has a row, and decoding, overrides and rendering follow the rows.
@Suite struct TrainingKeyTests {
  @Test func everySettingHasExactlyOneRow() {
    let properties = Mirror(reflecting: TrainingSpec()).children.count
    #expect(TrainingSpec.keys.count == properties, "a TrainingSpec property without a row in TrainingSpec.keys")
    #expect(Set(TrainingSpec.keys.map(\.name)).count == TrainingSpec.keys.count)
    #expect(Set(TrainingSpec.keys.map(\.field)).count == TrainingSpec.keys.count)
    #expect(SpecSchema.trainingKeys == TrainingSpec.keys.map(\.name))
  }

  @Test func eachRowDecodesRendersAndOverridesItsOwnField() throws {
    // A value for each key that differs from its default, as YAML that is also JSON.
    let values: [String: String] = [
      "steps": "7", "batch_size": "3", "optimizer": "\"sgd\"", "learning_rate": "0.25", "momentum": "0.5",
      "clip_norm": "null", "clip_value": "2.5", "eval_every": "4", "eval_size": "9", "flow_every": "6",
      "log_every": "5", "checkpoint_every": "8", "val_size": "11", "keep": "\"best_val\"",
      "lr_schedule": "\"cosine\"", "lr_min": "0.0001", "lr_step_every": "12", "lr_step_factor": "0.5",
      "warmup_steps": "3",
    ]
    // Keys that only mean something next to another setting, and that setting.
    let companions: [String: [(key: String, value: String)]] = [
      "momentum": [("optimizer", "sgd")],
      "lr_min": [("lr_schedule", "cosine")],
      "lr_step_every": [("lr_schedule", "step")],
      "lr_step_factor": [("lr_schedule", "step"), ("lr_step_every", "12")],
    ]
    #expect(Set(values.keys) == Set(SpecSchema.trainingKeys), "give the new key a value here")
    for key in TrainingSpec.keys {
      let value = try #require(values[key.name])
      let extra = companions[key.name] ?? []
      let shared = (extra.map { "\($0.key): \($0.value), " }).joined() + "\(key.name): \(value)"
      let text = "name: t\ntasks: [{kind: adding, seq_len: 5}]\nmodels: [{cell: rnn, hidden: 2, training: {\(key.name): \(value)}}]\ntraining: {\(shared)}\n"
      let spec = try ExperimentSpec.parse(text)
      // Shared: only this key differs from the defaults, and renders as written.
      let changed = TrainingSpec.keys.filter { $0.value(in: spec.training) != $0.value(in: TrainingSpec()) }
      #expect(Set(changed.map(\.name)) == Set([key.name] + extra.map(\.key)))
      #expect(key.value(in: spec.training).canonicalText == value)
      // Per model: the override sets only this key, and applies it.
      #expect(spec.models[0].training.setKeys == [key.name])
      #expect(spec.models[0].training.jsonValue.canonicalText == "{\"\(key.name)\":\(value)}")
      #expect(key.value(in: TrainingSpec().applying(spec.models[0].training)) == key.value(in: spec.training))
      #expect(spec.training.applying(spec.models[0].training) == spec.training)
    }
  }

  /// The model keys too: every option of `ModelSpec` (all but `name`,
  /// `cell`, `hidden` and its `parameterBudget`, `training` and `search`) has one row, and applies where it says.
  @Test func everyModelOptionHasExactlyOneRow() throws {
    let properties = Mirror(reflecting: ModelSpec(cell: .rnn, hidden: 1)).children.compactMap(\.label)
    #expect(ModelSpec.keys.count == properties.count - 6)
    #expect(Set(ModelSpec.keys.map(\.field)).count == ModelSpec.keys.count)
    #expect(SpecSchema.modelKey("activation", appliesTo: .rnn) && !SpecSchema.modelKey("activation", appliesTo: .gru))
    #expect(SpecSchema.modelKey("output_gate", appliesTo: .cifg) && !SpecSchema.modelKey("input_gate", appliesTo: .cifg))
    #expect(SpecSchema.modelKey("hidden", appliesTo: .gru) && SpecSchema.modelKey("training", appliesTo: .gru))
    let spec = try ExperimentSpec.parse(
      "name: m\ntasks: [{kind: adding, seq_len: 5}]\nmodels: [{cell: peephole, hidden: 2, layers: 3, forget_gate: false, output_activation: false}]\n")
    #expect(spec.models[0].layers == 3 && !spec.models[0].forgetGate && !spec.models[0].outputActivation)
    // forget_bias needs the forget gate, so it is neither rendered nor hashed here.
    #expect(spec.models[0].configJSON["forget_bias"] == nil && spec.models[0].configJSON["forget_gate"] == .bool(false))
  }
}
