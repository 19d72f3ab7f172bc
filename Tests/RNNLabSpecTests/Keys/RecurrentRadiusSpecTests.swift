import Testing
@testable import RNNLabSpec

/// `recurrent_radius` and `init: normal`: decoded, hashed only when set, and
/// each bad value a one-line error at its position.
@Suite struct RecurrentRadiusSpecTests {
  private func spec(_ rnnOptions: String) -> String {
    SpecTestSupport.valid(replacing: "cell: rnn\n    hidden: 8", with: "cell: rnn\n    hidden: 8\n" + rnnOptions)
  }

  private func rnnTrial(_ text: String) throws -> Trial {
    try #require(Plan(spec: try ExperimentSpec.parse(text)).trial(id: "adding-T10-rnn-s1"))
  }

  @Test func decodesAndEntersTheConfigOnlyWhenSet() throws {
    let orthogonal = try rnnTrial(spec("    init: orthogonal"))
    #expect(orthogonal.model.recurrentRadius == nil)
    #expect(!orthogonal.canonicalConfig.contains("recurrent_radius"))
    // Existing specs keep their hashes: an explicit null is the same trial.
    let explicitNull = try rnnTrial(spec("    init: orthogonal\n    recurrent_radius: null"))
    #expect(explicitNull.configHash == orthogonal.configHash)
    let scaled = try rnnTrial(spec("    init: orthogonal\n    recurrent_radius: 1.1"))
    #expect(scaled.model.recurrentRadius == 1.1)
    #expect(scaled.canonicalConfig.contains(#""recurrent_radius":1.1"#))
    #expect(scaled.configHash != orthogonal.configHash)
    let normal = try rnnTrial(spec("    init: normal\n    recurrent_radius: 0.5"))
    #expect(normal.model.initialization == .normal)
    #expect(normal.canonicalConfig.contains(#""init":"normal""#))
  }

  /// The base spec's trials (no radius) have exactly the configuration they
  /// had before the key existed, so their hashes and folders are unchanged.
  @Test func existingSpecsKeepTheirHashes() throws {
    let trials = Plan(spec: try ExperimentSpec.parse(SpecTestSupport.validText)).trials
    let lstm = try #require(trials.first { $0.id == "adding-T10-lstm-s1" })
    #expect(lstm.canonicalConfig == #"{"model":{"bidirectional":false,"cell":"lstm","forget_bias":1.0,"forget_gate":true,"hidden":8,"init":"default","input_activation":true,"input_gate":true,"layers":1,"name":"lstm","output_activation":true,"output_gate":true},"seed":1,"seq_len":10,"task":{"kind":"adding","name":"adding","placement":"halves"},"training":{"batch_size":32,"clip_norm":1.0,"clip_value":null,"eval_every":100,"eval_size":512,"flow_every":null,"learning_rate":0.001,"log_every":1,"momentum":0.0,"optimizer":"adam","steps":10}}"#)
    for file in ["full.yaml", "anchors.yaml", "minimal.yaml"] {
      for trial in Plan(spec: try ExperimentSpec.load(path: SpecTestSupport.fixture(file))).trials {
        #expect(!trial.canonicalConfig.contains("recurrent_radius"), "\(file): \(trial.id)")
      }
    }
  }

  @Test func badValuesAreOneLineErrorsAtTheirPosition() {
    let cases: [(String, String)] = [
      ("    init: orthogonal\n    recurrent_radius: 0", "t.yaml:11:23: error: 'recurrent_radius' must be greater than 0, got 0"),
      ("    init: normal\n    recurrent_radius: -1.5", "t.yaml:11:23: error: 'recurrent_radius' must be greater than 0, got -1.5"),
      ("    init: identity\n    recurrent_radius: .inf", "t.yaml:11:23: error: 'recurrent_radius' must be a finite number, got .inf"),
      ("    init: normal\n    recurrent_radius: .nan", "t.yaml:11:23: error: 'recurrent_radius' must be a finite number, got .nan"),
      ("    init: normal\n    recurrent_radius: big", "t.yaml:11:23: error: 'recurrent_radius' must be a number, got string 'big'"),
      ("    init: default\n    recurrent_radius: 1.2",
       "t.yaml:11:5: error: 'recurrent_radius' needs 'init' orthogonal, identity or normal (not default)"),
      ("    recurrent_radius: 1.2",
       "t.yaml:10:5: error: 'recurrent_radius' needs 'init' orthogonal, identity or normal (not default)"),
    ]
    for (options, expected) in cases {
      #expect(SpecTestSupport.errors(spec(options)) == [expected], "\(options)")
    }
  }
}
