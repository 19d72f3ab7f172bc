import Testing
@testable import RNNLabSpec

/// `--set PATH=VALUE` overrides, applied to the node tree before decoding.
@Suite struct SpecOverrideTests {
  private func load(_ overrides: String...) throws -> ExperimentSpec {
    try ExperimentSpec.parse(SpecTestSupport.validText, sourceName: "t.yaml", overrides: overrides)
  }

  private func errors(_ overrides: String...) -> [String] {
    SpecTestSupport.errors(SpecTestSupport.validText, overrides: overrides)
  }

  @Test func scalarsListsAndNullsAreParsedAsYAML() throws {
    let spec = try load("training.steps=200", "seeds=[4, 5, 6]", "training.clip_norm=null", "name=renamed",
                        "description=\"quoted: text\"")
    #expect(spec.training.steps == 200)
    #expect(spec.seeds == [4, 5, 6])
    #expect(spec.training.clipNorm == nil)
    #expect(spec.name == "renamed")
    #expect(spec.description == "quoted: text")
  }

  @Test func listEntriesAreAddressedByName() throws {
    let spec = try load("models.lstm.hidden=32", "models.rnn.activation=relu", "tasks.adding.seq_len=[5, 6]")
    #expect(spec.models.map(\.hidden) == [8, 32])
    #expect(spec.models[0].activation == .relu)
    #expect(spec.tasks[0].seqLens == [5, 6])
  }

  @Test func keysLeftAtTheirDefaultCanBeSet() throws {
    let spec = try load("models.lstm.layers=2", "models.lstm.training.steps=3", "report.compare_to=rnn",
                        "training.flow_every=50")
    #expect(spec.models[1].layers == 2)
    #expect(spec.training(for: spec.models[1]).steps == 3)
    #expect(spec.training(for: spec.models[0]).steps == 10)
    #expect(spec.report.compareTo == "rnn")
    #expect(spec.training.flowEvery == 50)
  }

  @Test func tasksFallBackToTheirKind() throws {
    let text = SpecTestSupport.valid(replacing: "- kind: adding", with: "- kind: adding\n    name: add")
    let spec = try ExperimentSpec.parse(text, overrides: ["tasks.adding.placement=anywhere", "tasks.add.seq_len=[3]"])
    #expect(spec.tasks[0].options == .adding(placement: .anywhere))
    #expect(spec.tasks[0].seqLens == [3])
  }

  @Test func namesWithDotsAreMatchedWhole() throws {
    let text = SpecTestSupport.valid(replacing: "- name: lstm", with: "- name: v1.0")
    let spec = try ExperimentSpec.parse(text, overrides: ["models.v1.0.hidden=3"])
    #expect(spec.models[1].hidden == 3)
  }

  @Test func laterOverridesWin() throws {
    #expect(try load("training.steps=5", "training.steps=6").training.steps == 6)
  }

  @Test func unknownPathsAreErrorsNamingTheOverride() {
    #expect(errors("training.stepz=3") == ["--set training.stepz=3: error: unknown key 'stepz' (did you mean 'steps'?)"])
    #expect(errors("models.lstm.hiden=3") == ["--set models.lstm.hiden=3: error: unknown key 'hiden' (did you mean 'hidden'?)"])
    #expect(errors("models.lstmm.hidden=3") == ["--set models.lstmm.hidden=3: error: no model named 'lstmm' (did you mean 'lstm'?)"])
    #expect(errors("tasks.copy.seq_len=3") == ["--set tasks.copy.seq_len=3: error: no task named 'copy' (the spec's tasks: adding)"])
    #expect(errors("training.steps.max=3") == ["--set training.steps.max=3: error: 'training.steps' is a single value and has no key 'max'"])
    #expect(errors("zzz=1") == ["--set zzz=1: error: unknown key 'zzz' in the spec (known keys: name, description, seeds, tuned_from, tasks, models, training, search, report)"])
    #expect(errors("steps") == ["--set steps: error: expected PATH=VALUE, e.g. training.steps=200"])
    #expect(errors("training..steps=1") == ["--set training..steps=1: error: invalid path 'training..steps'; expected dotted keys like training.steps"])
  }

  @Test func ambiguousKindsMustBeAddressedByName() {
    let text = SpecTestSupport.valid(
      replacing: "seq_len: [10, 20]", with: "seq_len: [10, 20]\n    name: a1\n  - {kind: adding, name: a2, seq_len: [5]}")
    #expect(SpecTestSupport.errors(text, overrides: ["tasks.adding.seq_len=[1]"])
      == ["--set tasks.adding.seq_len=[1]: error: tasks 'a1', 'a2' all have kind 'adding'; address one by name"])
  }

  @Test func errorsInOverriddenValuesPointIntoTheArgument() {
    #expect(errors("training.steps=0") == ["--set training.steps=0:1:16: error: 'steps' must be at least 1, got 0"])
    #expect(errors("models.lstm.activation=relu")
      == ["--set models.lstm.activation=relu:1:24: error: 'activation' does not apply to cell 'lstm' (only to rnn)"])
    #expect(errors("seeds=[1, x]") == ["--set seeds=[1, x]:1:11: error: each of 'seeds' must be an integer, got string 'x'"])
    #expect(errors("tasks.adding.seq_len=[1,") == ["--set tasks.adding.seq_len=[1,:1:25: error: did not find expected node content (while parsing a flow node at 1:25)"])
  }

  @Test func fileAndOverrideErrorsAreReportedTogetherFileFirst() {
    let text = SpecTestSupport.valid(replacing: "  steps: 10", with: "  steps: 0")
    #expect(SpecTestSupport.errors(text, overrides: ["training.batch_size=0", "training.stepz=1"]) == [
      "t.yaml:14:10: error: 'steps' must be at least 1, got 0",
      "--set training.batch_size=0:1:21: error: 'batch_size' must be at least 1, got 0",
      "--set training.stepz=1: error: unknown key 'stepz' (did you mean 'steps'?)",
    ])
  }
}
