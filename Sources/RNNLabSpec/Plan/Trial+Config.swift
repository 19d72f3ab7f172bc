import RNNLabRandom

/// A trial's configuration: what `config.json` holds, what its hash is taken
/// of, and what `runner plan` lists the hash of. `configuration(…)` below is
/// the one place that says which members it has.
extension Trial {
  /// The fully resolved configuration of a trial: task and its options, the
  /// sequence length, the model (options that apply to its cell), the
  /// training settings with the model's overrides applied (the keys that
  /// are `hashed`), the seed, and with a search the configuration's index
  /// and values (a member only searched trials have). Experiment name and description are not
  /// part of it: they do not change what is trained.
  public var config: JSONValue {
    Self.configuration(
      task: task.jsonValue(seqLens: false), seqLen: .int(seqLen), model: model.configJSON,
      training: training.configJSON, seed: .int(seed), search: search?.jsonValue)
  }

  /// `config` in canonical form (sorted keys, no whitespace); `configHash` is its hash.
  public var canonicalConfig: String { config.canonicalText }

  /// The text of the trial's `config.json`: `config` plus `config_hash` and
  /// the plan `index`, keys sorted, indented, ending in a newline. The runner
  /// writes exactly this.
  public var configFileText: String {
    let file = config.adding("config_hash", .string(configHash)).adding("index", .int(index))
    return (tuned.map { file.adding("tuned", $0.jsonValue) } ?? file).sortingKeys.prettyText + "\n"
  }

  /// The configuration's members, given its parts already rendered.
  static func configuration(
    task: JSONValue, seqLen: JSONValue, model: JSONValue, training: JSONValue, seed: JSONValue,
    search: JSONValue? = nil
  ) -> JSONValue {
    let members: [(key: String, value: JSONValue)] = [
      ("task", task), ("seq_len", seqLen), ("model", model), ("training", training), ("seed", seed),
    ]
    return .object(members + (search.map { [("search", $0)] } ?? []))
  }

  /// The hash of a configuration: `StableHash.hex` of its canonical text.
  static func hash(of configuration: JSONValue) -> String { StableHash.hex(configuration.canonicalText) }

  /// The canonical text of `configuration(…)` for one task and model, with
  /// holes for the sequence length and the seed: `Plan` renders one per task
  /// and model and fills it per trial, so a 100,000-trial grid is not
  /// rendered 100,000 times, and its hashes are still those of `configuration`.
  struct Template {
    /// The text around the holes: one more piece than holes.
    private var pieces: [String] = []
    /// Which hole comes first in the canonical (sorted) text.
    private var seqLenFirst = true

    init(task: JSONValue, model: JSONValue, training: JSONValue, search: JSONValue? = nil) {
      // Control characters never appear raw in canonical JSON (strings escape them).
      let (seqLenMark, seedMark) = ("\u{1}", "\u{2}")
      let text = Trial.configuration(
        task: .rendered(task.canonicalText), seqLen: .rendered(seqLenMark), model: .rendered(model.canonicalText),
        training: .rendered(training.canonicalText), seed: .rendered(seedMark),
        search: search.map { .rendered($0.canonicalText) }
      ).canonicalText
      pieces = text.split(omittingEmptySubsequences: false) { $0 == "\u{1}" || $0 == "\u{2}" }.map(String.init)
      seqLenFirst = text.firstIndex(of: "\u{1}")! < text.firstIndex(of: "\u{2}")!
      precondition(pieces.count == 3, "each hole once")
    }

    /// The configuration hash of the trial at `seqLen` with `seed`.
    func hash(seqLen: Int, seed: Int) -> String {
      let (first, second) = seqLenFirst ? (seqLen, seed) : (seed, seqLen)
      return StableHash.hex(pieces[0] + String(first) + pieces[1] + String(second) + pieces[2])
    }
  }
}
