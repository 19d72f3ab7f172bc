import ArgumentParser
import RNNLabSpec

/// Options every command that reads a spec shares.
struct SpecOptions: ParsableArguments {
  @Option(
    name: .customLong("set"),
    help: ArgumentHelp(
      "Override a spec value by dotted path; the value is YAML. Repeatable.",
      discussion: "Models and tasks are addressed by name (tasks also by kind): "
        + "--set training.steps=200 --set models.lstm.hidden=32 --set tasks.adding.seq_len=[10,20]",
      valueName: "path=value"))
  var overrides: [String] = []

  /// The spec at `path` with the overrides applied, validated.
  func load(_ path: String) throws(SpecError) -> ExperimentSpec {
    try ExperimentSpec.load(path: path, overrides: overrides)
  }
}
