import ArgumentParser
import RNNLabSpec

extension Runner {
  /// `runner validate SPEC...`: checks specs without running anything.
  struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "validate",
      abstract: "Check specs and print a one-line summary of each (exit 2 if any is invalid).")

    @Argument(help: "Experiment specs (YAML).")
    var specs: [String]

    @OptionGroup var options: SpecOptions

    func validate() throws {
      guard !specs.isEmpty else { throw ValidationError("Missing expected argument '<specs> ...'") }
    }

    func run() throws {
      var failed = false
      for path in specs {
        do {
          let plan = Plan(spec: try options.load(path))
          Terminal.write("\(path): ok: \(plan.summary)\n")
        } catch {
          Terminal.printError(error.description)
          failed = true
        }
      }
      if failed { throw ExitCode(ExitStatus.badInput) }
    }
  }
}
