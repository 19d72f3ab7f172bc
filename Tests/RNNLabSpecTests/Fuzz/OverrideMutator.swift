import RNNLabRandom
import RNNLabSpec

/// Makes `--set PATH=VALUE` arguments for the fuzz: mostly paths that reach
/// a key of the spec being overridden, with values that fit or nearly fit,
/// some wild paths and nasty values, then character-level damage. Arguments
/// are Swift strings, as the command line delivers them.
enum OverrideMutator {
  /// Values that fit each key (or nearly: some break a cross-key rule).
  static let fittingValues: [String: [String]] = [
    "name": ["exp-2", "a.b", "x"], "description": ["hi", "\"multi\\nline\"", "[x]"],
    "seeds": ["[1, 2]", "5", "[-1, 0]", "[9223372036854775807]"], "report.compare_to": ["null", "lstm"],
    "steps": ["1", "50", "1000000000"], "batch_size": ["1", "64"], "optimizer": ["sgd", "adam", "rmsprop"],
    "learning_rate": ["0.1", "1e-5", "1"], "momentum": ["0", "-0", "0.5"], "clip_norm": ["null", "0.5"],
    "clip_value": ["null", "2"], "eval_every": ["1", "7"], "eval_size": ["8"], "flow_every": ["null", "10"],
    "log_every": ["1", "25"],
    "hidden": ["1", "8192", "3"], "layers": ["2", "64"], "bidirectional": ["true", "false"], "activation": ["relu"],
    "forget_bias": ["-0", "2.5", "0", "chrono", "null"], "chrono_t_max": ["3", "null", "1000000"], "init": ["orthogonal", "identity"], "input_gate": ["false"],
    "forget_gate": ["false"], "output_gate": ["false"], "input_activation": ["false"], "output_activation": ["false"],
    "cell": ["gru", "lstm"], "seq_len": ["[1]", "5", "[1000000, 2]"], "placement": ["anywhere", "hochreiter"],
    "copy_length": ["3"], "symbols": ["2", "10000"], "classes": ["2"], "distractors": ["1"], "offset": ["1"],
    "kind": ["copy", "adding"],
    "": ["{cell: gru, hidden: 4}", "{kind: copy, seq_len: 5}", "{steps: 5}"],
  ]

  /// Paths that are wrong in some way.
  static let wildPaths = [
    "training.stepz", "models.lsmt.hidden", "models", "models.", ".steps", "training..steps", "a.b.c", "name.x",
    "seeds.0", "tasks.adding.seq_len.0", "models.lstm.training.steps.x", "x-anchor", "é", "", "training",
    "report.compare_to.x", "tasks", String(repeating: "a.", count: 500) + "a",
  ]

  /// One to four arguments for input `seed`, aimed at `spec`'s names.
  static func arguments(seed: UInt64, for spec: ExperimentSpec) -> [String] {
    var random = SeededGenerator(seed: seed)
    return (0..<(1 + random.nextInt(below: 4))).map { _ in argument(for: spec, &random) }
  }

  private static func argument(for spec: ExperimentSpec, _ random: inout SeededGenerator) -> String {
    func pick<T>(_ items: [T]) -> T { items[random.nextInt(below: items.count)] }
    let trainingKeys = SpecSchema.trainingKeys
    let path: String
    var key: String
    switch random.nextInt(below: 6) {
    case 0:
      key = pick(["name", "description", "seeds", "report.compare_to"])
      path = key
    case 1:
      key = pick(trainingKeys)
      path = "training." + key
    case 2:
      let model = pick(spec.models).name
      key = pick(SpecSchema.modelKeys.filter { $0 != "training" } + [""])
      path = "models.\(model)" + (key.isEmpty ? "" : ".\(key)")
    case 3:
      key = pick(trainingKeys)
      path = "models.\(pick(spec.models).name).training.\(key)"
    case 4:
      let task = pick(spec.tasks)
      key = pick(["seq_len", "name", "kind", ""] + SpecSchema.optionKeys(for: task.kind))
      path = "tasks.\(random.nextInt(below: 2) == 0 ? task.name : task.kind.rawValue)" + (key.isEmpty ? "" : ".\(key)")
    default:
      key = "?"
      path = pick(wildPaths)
    }
    var value: String
    if let fitting = fittingValues[key], random.nextInt(below: 4) != 0 {
      value = pick(fitting)
    } else {
      value = pick(NastyValues.scalars)
      if random.nextInt(below: 8) == 0 { value += "\n" + pick(NastyValues.scalars) }
    }
    var argument = random.nextInt(below: 32) == 0 ? path : path + "=" + value
    if random.nextInt(below: 3) == 0 {
      for _ in 0..<(1 + random.nextInt(below: 2)) { damage(&argument, &random) }
    }
    return argument
  }

  /// One character-level change: delete, duplicate, insert something odd.
  private static func damage(_ text: inout String, _ random: inout SeededGenerator) {
    var scalars = Array(text.unicodeScalars)
    let at = random.nextInt(below: scalars.count + 1)
    let odd: [Unicode.Scalar] = ["=", ".", "\n", "\r", "\t", "\u{0}", "\u{7}", "\u{1B}", "\u{85}", "\u{2028}", "\u{301}",
                                 "\u{FEFF}", "\u{FFFD}", "[", "{", ":", "&", "*", "#", "'", "\"", " ", "é", "\u{10FFFF}"]
    switch random.nextInt(below: 3) {
    case 0 where at < scalars.count: scalars.remove(at: at)
    case 1 where at < scalars.count: scalars.insert(scalars[at], at: at)
    default: scalars.insert(odd[random.nextInt(below: odd.count)], at: at)
    }
    text = String(String.UnicodeScalarView(scalars))
  }
}
