import Foundation
import Testing
@testable import RNNLabSpec

/// Resolved YAML, JSON, and the plan listings.
@Suite struct RenderingTests {
  @Test(arguments: ["minimal.yaml", "full.yaml", "anchors.yaml"])
  func resolvedYAMLLoadsBackToAnEqualSpec(fixture: String) throws {
    let spec = try ExperimentSpec.load(path: SpecTestSupport.fixture(fixture))
    let reloaded = try ExperimentSpec.parse(spec.resolvedYAML, sourceName: "resolved.yaml")
    #expect(reloaded == spec)
    #expect(reloaded.resolvedYAML == spec.resolvedYAML)
  }

  @Test func resolvedYAMLShowsDefaultsAndOverrides() throws {
    let spec = try ExperimentSpec.load(path: SpecTestSupport.fixture("minimal.yaml"), overrides: ["training.steps=7"])
    #expect(spec.resolvedYAML == """
      # Resolved spec: overrides applied, every default filled in.
      name: minimal
      description: ""
      seeds: [1]
      tasks:
        - name: adding
          kind: adding
          seq_len: [10]
          placement: halves
      models:
        - name: lstm
          cell: lstm
          hidden: 8
          layers: 1
          bidirectional: false
          forget_bias: 1.0
          chrono_t_max: null
          init: default
          recurrent_radius: null
          input_gate: true
          forget_gate: true
          output_gate: true
          input_activation: true
          output_activation: true
      training:
        steps: 7
        batch_size: 32
        optimizer: adam
        learning_rate: 0.001
        momentum: 0.0
        clip_norm: 1.0
        clip_value: null
        eval_every: 100
        eval_size: 512
        flow_every: null
        log_every: 1
        checkpoint_every: null
        val_size: null
        keep: last
        lr_schedule: constant
        lr_min: 0.0
        lr_step_every: null
        lr_step_factor: 0.1
        warmup_steps: 0
      report:
        compare_to: lstm

      """)
  }

  @Test func awkwardStringsSurviveTheRoundTrip() throws {
    let awkward = "a: b # c\n\"q\" \\ \t\u{0}\u{7F}\u{85}\u{2028}\u{FEFF}ü😀"
    var spec = try ExperimentSpec.parse(SpecTestSupport.validText)
    spec.description = awkward
    spec.name = "1.0"  // would read back as a number if written plain
    spec.models[0].name = "null"
    spec.models[0].training = TrainingOverride().setting(\.learningRate, 1e-5).setting(\.clipNorm, nil)
      .setting(\.flowEvery, 3)
    let reloaded = try ExperimentSpec.parse(spec.resolvedYAML)
    #expect(reloaded == spec)
    #expect(reloaded.description == awkward)
  }

  @Test func jsonShowsTheResolvedSpec() throws {
    let plan = Plan(spec: try ExperimentSpec.parse(SpecTestSupport.validText))
    let json = try JSONSerialization.jsonObject(with: Data(plan.json().utf8)) as? [String: Any]
    let document = try #require(json)
    #expect(document["total"] as? Int == 8)
    let spec = try #require(document["spec"] as? [String: Any])
    let training = try #require(spec["training"] as? [String: Any])
    #expect(training["batch_size"] as? Int == 32)
    #expect(training["clip_value"] is NSNull)
    let trials = try #require(document["trials"] as? [[String: Any]])
    #expect(trials.count == 8)
    #expect(trials[0]["trial_id"] as? String == "adding-T10-rnn-s1")
    #expect(trials[0]["config_hash"] as? String == plan.trials[0].configHash)
  }

  @Test func csvHasAHeaderAndOneRowPerTrial() throws {
    let plan = Plan(spec: try ExperimentSpec.parse(SpecTestSupport.validText))
    let lines = plan.csv().split(separator: "\n").map(String.init)
    #expect(lines.count == 9)
    #expect(lines[0] == "index,trial_id,task,seq_len,model,cell,hidden,layers,bidirectional,seed,steps,config_hash")
    #expect(lines[1] == "0,adding-T10-rnn-s1,adding,10,rnn,rnn,8,1,false,1,10,\(plan.trials[0].configHash)")
  }

  @Test func tableIsAlignedAndEndsWithTheTotal() throws {
    let plan = Plan(spec: try ExperimentSpec.parse(SpecTestSupport.validText))
    let lines = plan.table().split(separator: "\n").map(String.init)
    #expect(lines.count == 10)
    #expect(lines[0].hasPrefix("index  trial_id            task    seq_len"))
    #expect(lines[1].hasPrefix("0      adding-T10-rnn-s1   adding  10 "))
    #expect(lines.last == "8 trials (1 task × 2 lengths × 2 models × 2 seeds)")
  }

  @Test func canonicalJSONEscapesAndSorts() {
    let value = JSONValue.object([("b", .string("x\"\n\u{1}")), ("a", .array([.int(-1), .double(0.5), .null, .bool(true)]))])
    #expect(value.canonicalText == #"{"a":[-1,0.5,null,true],"b":"x\"\n\u0001"}"#)
  }
}
