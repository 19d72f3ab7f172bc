import Testing
@testable import RNNLabSpec

/// Every kind of spec error, with its exact position and message.
@Suite struct SpecValidationTests {
  /// The errors of `validText` with one piece replaced.
  private func errors(replacing old: String, with new: String) -> [String] {
    SpecTestSupport.errors(SpecTestSupport.valid(replacing: old, with: new))
  }

  @Test func theBaseSpecIsValid() {
    #expect(SpecTestSupport.errors(SpecTestSupport.validText) == [])
  }

  @Test func unknownKeysSuggestTheClosestKnownKey() {
    #expect(errors(replacing: "  steps: 10", with: "  stepz: 10")
      == ["t.yaml:14:3: error: unknown key 'stepz' (did you mean 'steps'?)"])
    #expect(errors(replacing: "cell: rnn\n    hidden: 8", with: "cell: rnn\n    hiden: 8")
      == ["t.yaml:9:5: error: unknown key 'hiden' (did you mean 'hidden'?)"])
    #expect(errors(replacing: "name: t", with: "name: t\nmodles: []")
      == ["t.yaml:2:1: error: unknown key 'modles' (did you mean 'models'?)"])
    #expect(errors(replacing: "  steps: 10", with: "  zzzzzz: 1")
      == ["t.yaml:14:3: error: unknown key 'zzzzzz' in 'training' (known keys: steps, batch_size, optimizer, learning_rate, momentum, clip_norm, clip_value, eval_every, eval_size, flow_every, log_every, checkpoint_every, val_size, keep, lr_schedule, lr_min, lr_step_every, lr_step_factor, warmup_steps)"])
  }

  @Test func wrongTypes() {
    #expect(errors(replacing: "cell: rnn\n    hidden: 8", with: "cell: rnn\n    hidden: eight")
      == ["t.yaml:9:13: error: 'hidden' must be an integer, got string 'eight'"])
    #expect(errors(replacing: "cell: rnn\n    hidden: 8", with: "cell: rnn\n    hidden: \"8\"")
      == ["t.yaml:9:13: error: 'hidden' must be an integer, got string '8'"])
    #expect(errors(replacing: "cell: rnn\n    hidden: 8", with: "cell: rnn\n    hidden: 8.5")
      == ["t.yaml:9:13: error: 'hidden' must be an integer, got number 8.5"])
    #expect(errors(replacing: "cell: rnn\n    hidden: 8", with: "cell: rnn\n    hidden: [8]")
      == ["t.yaml:9:13: error: 'hidden' must be an integer, got a list"])
    #expect(errors(replacing: "cell: rnn\n    hidden: 8", with: "cell: rnn\n    hidden: 8\n    bidirectional: yes")
      == ["t.yaml:10:20: error: 'bidirectional' must be true or false, got string 'yes'"])
    #expect(errors(replacing: "  steps: 10", with: "  learning_rate: fast")
      == ["t.yaml:14:18: error: 'learning_rate' must be a number, got string 'fast'"])
    #expect(errors(replacing: "training:\n  steps: 10", with: "training: 5")
      == ["t.yaml:13:11: error: 'training' must be a mapping of keys, got integer 5"])
    #expect(errors(replacing: "  steps: 10", with: "  steps:")
      == ["t.yaml:14:9: error: 'steps' must be an integer, got null"])
    #expect(SpecTestSupport.errors("- a\n- b\n")
      == ["t.yaml:1:1: error: the spec must be a mapping with 'name', 'tasks' and 'models', got a list"])
  }

  @Test func listsOfTheWrongShape() {
    #expect(errors(replacing: "tasks:\n  - kind: adding\n    seq_len: [10, 20]", with: "tasks: adding")
      == ["t.yaml:3:8: error: 'tasks' must be a list, got string 'adding'"])
    #expect(errors(replacing: "tasks:\n  - kind: adding\n    seq_len: [10, 20]", with: "tasks: []")
      == ["t.yaml:3:8: error: 'tasks' must not be empty"])
    #expect(errors(replacing: "tasks:\n  - kind: adding\n    seq_len: [10, 20]", with: "tasks: [adding]")
      == ["t.yaml:3:9: error: a task must be a mapping of keys, got string 'adding'"])
    #expect(errors(replacing: "seeds: [1, 2]", with: "seeds: []")
      == ["t.yaml:2:8: error: 'seeds' must not be empty"])
    #expect(errors(replacing: "seeds: [1, 2]", with: "seeds: {a: 1}")
      == ["t.yaml:2:8: error: 'seeds' must be a list of integers, got a mapping"])
    #expect(errors(replacing: "seeds: [1, 2]", with: "seeds: [1, a, 1]")
      == ["t.yaml:2:12: error: each of 'seeds' must be an integer, got string 'a'",
          "t.yaml:2:15: error: duplicate value 1 in 'seeds' (first at 2:9)"])
    #expect(errors(replacing: "seq_len: [10, 20]", with: "seq_len: [10, 20, 10]")
      == ["t.yaml:5:23: error: duplicate value 10 in 'seq_len' (first at 5:15)"])
  }

  @Test func valuesOutOfRange() {
    #expect(errors(replacing: "cell: rnn\n    hidden: 8", with: "cell: rnn\n    hidden: 0")
      == ["t.yaml:9:13: error: 'hidden' must be at least 1, got 0"])
    #expect(errors(replacing: "cell: lstm\n    hidden: 8", with: "cell: lstm\n    hidden: 8\n    layers: 0")
      == ["t.yaml:13:13: error: 'layers' must be at least 1, got 0"])
    #expect(errors(replacing: "seq_len: [10, 20]", with: "seq_len: [10, 0]")
      == ["t.yaml:5:19: error: each of 'seq_len' must be at least 1, got 0"])
    #expect(errors(replacing: "  steps: 10", with: "  steps: 0")
      == ["t.yaml:14:10: error: 'steps' must be at least 1, got 0"])
    #expect(errors(replacing: "  steps: 10", with: "  batch_size: -2")
      == ["t.yaml:14:15: error: 'batch_size' must be at least 1, got -2"])
    #expect(errors(replacing: "  steps: 10", with: "  eval_every: 0")
      == ["t.yaml:14:15: error: 'eval_every' must be at least 1, got 0"])
    #expect(errors(replacing: "  steps: 10", with: "  eval_size: 0")
      == ["t.yaml:14:14: error: 'eval_size' must be at least 1, got 0"])
    #expect(errors(replacing: "  steps: 10", with: "  learning_rate: 0")
      == ["t.yaml:14:18: error: 'learning_rate' must be greater than 0, got 0"])
    #expect(errors(replacing: "  steps: 10", with: "  learning_rate: -1e-3")
      == ["t.yaml:14:18: error: 'learning_rate' must be greater than 0, got -1e-3"])
    #expect(errors(replacing: "  steps: 10", with: "  clip_norm: 0")
      == ["t.yaml:14:14: error: 'clip_norm' must be greater than 0, got 0"])
    #expect(errors(replacing: "  steps: 10", with: "  momentum: 1\n  optimizer: sgd")
      == ["t.yaml:14:13: error: 'momentum' must be less than 1, got 1"])
    #expect(errors(replacing: "  steps: 10", with: "  flow_every: 0")
      == ["t.yaml:14:15: error: 'flow_every' must be at least 1, got 0"])
    #expect(errors(replacing: "cell: rnn\n    hidden: 8", with: "cell: rnn\n    hidden: 100000")
      == ["t.yaml:9:13: error: 'hidden' must be at most 8192, got 100000"])
  }

  @Test func nonFiniteAndHugeNumbers() {
    #expect(errors(replacing: "  steps: 10", with: "  learning_rate: .nan")
      == ["t.yaml:14:18: error: 'learning_rate' must be a finite number, got .nan"])
    #expect(errors(replacing: "  steps: 10", with: "  learning_rate: .inf")
      == ["t.yaml:14:18: error: 'learning_rate' must be a finite number, got .inf"])
    #expect(errors(replacing: "  steps: 10", with: "  learning_rate: 1e999")
      == ["t.yaml:14:18: error: 'learning_rate' must be a finite number, got 1e999"])
    #expect(errors(replacing: "  steps: 10", with: "  steps: 99999999999999999999")
      == ["t.yaml:14:10: error: 'steps' must be at most 1000000000, got 99999999999999999999"])
    #expect(errors(replacing: "seeds: [1, 2]", with: "seeds: [-99999999999999999999]")
      == ["t.yaml:2:9: error: each of 'seeds' must be at least -9223372036854775808, got -99999999999999999999"])
    #expect(errors(replacing: "cell: lstm\n    hidden: 8", with: "cell: lstm\n    hidden: 8\n    forget_bias: -.inf")
      == ["t.yaml:13:18: error: 'forget_bias' must be a finite number, got -.inf"])
  }

  @Test func unknownNamesListTheChoicesAndSuggestOne() {
    #expect(errors(replacing: "cell: lstm", with: "cell: lstmm")
      == ["t.yaml:11:11: error: unknown cell 'lstmm' (expected one of: rnn, lstm, peephole, cifg, gru); did you mean 'lstm'?"])
    #expect(errors(replacing: "kind: adding", with: "kind: addin")
      == ["t.yaml:4:11: error: unknown task kind 'addin' (expected one of: adding, copy, first_symbol, temporal_order, lookahead); did you mean 'adding'?"])
    #expect(errors(replacing: "  steps: 10", with: "  optimizer: adamw")
      == ["t.yaml:14:14: error: unknown optimizer 'adamw' (expected one of: adam, sgd, rmsprop); did you mean 'adam'?"])
    #expect(errors(replacing: "seq_len: [10, 20]", with: "seq_len: [10, 20]\n    placement: halfs")
      == ["t.yaml:6:16: error: unknown placement 'halfs' (expected one of: halves, hochreiter, anywhere); did you mean 'halves'?"])
    #expect(errors(replacing: "cell: rnn\n    hidden: 8", with: "cell: rnn\n    hidden: 8\n    activation: sigmoid")
      == ["t.yaml:10:17: error: unknown activation 'sigmoid' (expected one of: tanh, relu)"])
    #expect(errors(replacing: "cell: rnn\n    hidden: 8", with: "cell: rnn\n    hidden: 8\n    init: identiy")
      == ["t.yaml:10:11: error: unknown init 'identiy' (expected one of: default, orthogonal, identity, normal); did you mean 'identity'?"])
    #expect(errors(replacing: "  steps: 10", with: "  steps: 10\nreport: {compare_to: lstn}")
      == ["t.yaml:15:22: error: unknown model 'lstn' (expected one of: rnn, lstm); did you mean 'lstm'?"])
  }

  @Test func namesMustBeSafeFolderNames() {
    #expect(errors(replacing: "name: t", with: "name: a b")
      == ["t.yaml:1:7: error: 'name' must be safe as a folder name (letters, digits, '_', '.', '-'), got 'a b'"])
    #expect(errors(replacing: "name: t", with: "name: ..")
      == ["t.yaml:1:7: error: 'name' cannot be '..', which is not usable as a folder name"])
    #expect(errors(replacing: "name: t", with: "name: .")
      == ["t.yaml:1:7: error: 'name' cannot be '.', which is not usable as a folder name"])
    #expect(errors(replacing: "name: t", with: "name: \"\"")
      == ["t.yaml:1:7: error: 'name' must not be empty"])
    #expect(errors(replacing: "- name: lstm", with: "- name: ../lstm")
      == ["t.yaml:10:11: error: 'name' must be safe as a folder name (letters, digits, '_', '.', '-'), got '../lstm'"])
    #expect(errors(replacing: "- kind: adding", with: "- kind: adding\n    name: a/b")
      == ["t.yaml:5:11: error: 'name' must be safe as a folder name (letters, digits, '_', '.', '-'), got 'a/b'"])
    let long = String(repeating: "n", count: 65)
    #expect(errors(replacing: "name: t", with: "name: \(long)")
      == ["t.yaml:1:7: error: 'name' must be at most 64 characters, got 65"])
  }

  @Test func duplicateNames() {
    #expect(errors(replacing: "- name: lstm", with: "- name: rnn")
      == ["t.yaml:10:11: error: duplicate model name 'rnn' (first at 7:11); give each model its own 'name'"])
    #expect(errors(replacing: "seq_len: [10, 20]", with: "seq_len: [10, 20]\n  - kind: adding\n    seq_len: [5]")
      == ["t.yaml:6:11: error: duplicate task name 'adding' (first at 4:11); give each task its own 'name'"])
    // Named apart, two tasks of one kind are fine.
    #expect(errors(replacing: "seq_len: [10, 20]", with: "seq_len: [10, 20]\n  - {kind: adding, name: adding2, seq_len: [5]}") == [])
  }

  @Test func optionsThatDoNotApplyAreErrors() {
    #expect(errors(replacing: "cell: lstm\n    hidden: 8", with: "cell: lstm\n    hidden: 8\n    activation: tanh")
      == ["t.yaml:13:5: error: 'activation' does not apply to cell 'lstm' (only to rnn)"])
    #expect(errors(replacing: "cell: rnn\n    hidden: 8", with: "cell: rnn\n    hidden: 8\n    input_gate: false")
      == ["t.yaml:10:5: error: 'input_gate' does not apply to cell 'rnn' (only to lstm, peephole)"])
    #expect(errors(replacing: "cell: rnn\n    hidden: 8", with: "cell: gru\n    hidden: 8\n    output_gate: false")
      == ["t.yaml:10:5: error: 'output_gate' does not apply to cell 'gru' (only to lstm, peephole, cifg)"])
    #expect(errors(replacing: "cell: rnn\n    hidden: 8", with: "cell: rnn\n    hidden: 8\n    forget_bias: 1")
      == ["t.yaml:10:5: error: 'forget_bias' does not apply to cell 'rnn' (only to lstm, peephole, cifg, gru)"])
    #expect(errors(replacing: "cell: lstm\n    hidden: 8", with: "cell: cifg\n    hidden: 8\n    input_gate: false")
      == ["t.yaml:13:5: error: 'input_gate' does not apply to cell 'cifg' (only to lstm, peephole)"])
    #expect(errors(replacing: "cell: lstm\n    hidden: 8", with: "cell: lstm\n    hidden: 8\n    forget_gate: false\n    forget_bias: 2")
      == ["t.yaml:14:5: error: 'forget_bias' does not apply when 'forget_gate' is false"])
    #expect(errors(replacing: "seq_len: [10, 20]", with: "seq_len: [10, 20]\n    symbols: 4")
      == ["t.yaml:6:5: error: 'symbols' does not apply to task kind 'adding' (only to copy, lookahead)"])
    #expect(errors(replacing: "kind: adding\n    seq_len: [10, 20]", with: "kind: copy\n    seq_len: [10, 20]\n    placement: halves")
      == ["t.yaml:6:5: error: 'placement' does not apply to task kind 'copy' (only to adding)"])
    #expect(errors(replacing: "  steps: 10", with: "  momentum: 0.9")
      == ["t.yaml:14:3: error: 'momentum' does not apply to optimizer 'adam'"])
    // A model that switches to Adam under a shared SGD momentum.
    #expect(errors(replacing: "cell: lstm\n    hidden: 8", with: "cell: lstm\n    hidden: 8\n    training: {optimizer: adam}")
      .isEmpty)
    #expect(errors(
      replacing: "cell: lstm\n    hidden: 8\ntraining:\n  steps: 10",
      with: "cell: lstm\n    hidden: 8\n    training: {optimizer: adam}\ntraining:\n  optimizer: sgd\n  momentum: 0.9")
      == ["t.yaml:16:3: error: 'momentum' does not apply to optimizer 'adam' (model 'lstm')"])
  }

  @Test func optionValuesAreCheckedEvenWhenTheKindIsUnknown() {
    #expect(errors(replacing: "kind: adding\n    seq_len: [10, 20]", with: "kind: cpy\n    seq_len: [10, 20]\n    symbols: 1")
      == ["t.yaml:4:11: error: unknown task kind 'cpy' (expected one of: adding, copy, first_symbol, temporal_order, lookahead); did you mean 'copy'?",
          "t.yaml:6:14: error: 'symbols' must be at least 2, got 1"])
  }

  @Test func missingRequiredKeys() {
    #expect(errors(replacing: "name: t\n", with: "")
      == ["t.yaml:1:1: error: missing required key 'name' in the spec"])
    #expect(errors(replacing: "    cell: lstm\n", with: "")
      == ["t.yaml:10:5: error: missing required key 'cell' in model"])
    #expect(errors(replacing: "  - kind: adding\n    seq_len: [10, 20]", with: "  - seq_len: [10, 20]")
      == ["t.yaml:4:5: error: missing required key 'kind' in task"])
    #expect(errors(replacing: "  - kind: adding\n    seq_len: [10, 20]", with: "  - kind: adding")
      == ["t.yaml:4:5: error: missing required key 'seq_len' in task"])
  }

  @Test func trialIDsThatCollideAreAnError() {
    let text = """
      name: clash
      tasks:
        - {name: a, kind: copy, seq_len: [1]}
        - {name: a-T1-b, kind: copy, seq_len: [2]}
      models:
        - {name: b-T2-c, cell: rnn, hidden: 1}
        - {name: c, cell: rnn, hidden: 1}
      """
    #expect(SpecTestSupport.errors(text)
      == ["t.yaml:7:12: error: trial id 'a-T1-b-T2-c-s1' of task 'a-T1-b' and model 'c' is also the id of task 'a' and model 'b-T2-c'; rename one"])
  }

  @Test func allErrorsAreReportedInOnePassSortedByPosition() {
    let path = SpecTestSupport.fixture("many_errors.yaml")
    let errors = SpecTestSupport.fileErrors(path).map { String($0.dropFirst(path.count)) }
    #expect(errors == [
      ":1:7: error: 'name' must be safe as a folder name (letters, digits, '_', '.', '-'), got 'bad/name'",
      ":2:12: error: duplicate value 1 in 'seeds' (first at 2:9)",
      ":2:15: error: each of 'seeds' must be an integer, got string 'x'",
      ":4:11: error: unknown task kind 'addding' (expected one of: adding, copy, first_symbol, temporal_order, lookahead); did you mean 'adding'?",
      ":5:15: error: each of 'seq_len' must be at least 1, got 0",
      ":8:5: error: 'placement' does not apply to task kind 'copy' (only to adding)",
      ":11:11: error: unknown cell 'lstmm' (expected one of: rnn, lstm, peephole, cifg, gru); did you mean 'lstm'?",
      ":12:5: error: unknown key 'hiden' (did you mean 'hidden'?)",
      ":13:11: error: duplicate model name 'lstm' (first at 10:11); give each model its own 'name'",
      ":15:13: error: 'hidden' must be an integer, got string '64'",
      ":16:5: error: 'activation' does not apply to cell 'lstm' (only to rnn)",
      ":18:13: error: 'hidden' must be at most 8192, got 99999999999999999999999",
      ":19:5: error: 'input_gate' does not apply to cell 'rnn' (only to lstm, peephole)",
      ":21:10: error: 'steps' must be at least 1, got 0",
      ":22:18: error: 'learning_rate' must be a finite number, got .nan",
      ":23:14: error: 'clip_norm' must be greater than 0, got -1",
      ":24:3: error: unknown key 'stepz' (did you mean 'steps'?)",
      ":26:15: error: unknown model 'lsmt' (expected one of: lstm, rnn); did you mean 'lstm'?",
    ])
  }

  @Test func suggestionsNeedACloseMatch() {
    #expect(Suggestion.closest(to: "lsmt", among: ["rnn", "lstm"]) == "lstm")  // transposition
    #expect(Suggestion.closest(to: "LSTM", among: ["rnn", "lstm"]) == "lstm")  // case
    #expect(Suggestion.closest(to: "batchsize", among: SpecSchema.trainingKeys) == "batch_size")
    #expect(Suggestion.closest(to: "xyz", among: ["rnn", "lstm", "gru"]) == nil)
    #expect(Suggestion.editDistance(Array("kitten"), Array("sitting")) == 3)
  }
}

/// Checks that used to surface only when a trial ran.
@Suite struct SpecRunnabilityTests {
  func errors(_ text: String) -> [String] { SpecTestSupport.errors(text) }

  @Test func aSequenceTooShortForItsTaskIsASpecError() {
    let spec = """
      name: x
      tasks:
        - {kind: lookahead, seq_len: [20, 5], offset: 9}
      models:
        - {cell: rnn, hidden: 4}
      """
    #expect(errors(spec) == [
      "t.yaml:3:32: error: 'seq_len' 5 is too short for task kind 'lookahead' with these options (at least 10)"
    ])
  }

  @Test func hiddenFolderNamesAreRefused() {
    let spec = """
      name: x
      tasks:
        - {kind: adding, seq_len: [10], name: .x}
      models:
        - {cell: rnn, hidden: 4}
      """
    #expect(errors(spec) == ["t.yaml:3:41: error: 'name' must not start with '.', got '.x'"])
  }
}
