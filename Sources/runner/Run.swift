import ArgumentParser
import RNNLabSpec

extension Runner {
  /// `runner run SPEC` (also `runner SPEC`): trains every trial of a spec.
  struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "run",
      abstract: "Train every trial of a spec and write results (the default command).")

    @Argument(help: "The experiment spec (YAML).")
    var spec: String

    @OptionGroup var options: SpecOptions

    func run() throws {
      let plan = Plan(spec: try options.load(spec))
      Terminal.printError("\(spec): \(plan.summary)")
      Terminal.printError("runner: training is not available yet in this build; 'runner plan' shows what would run")
      throw ExitCode(ExitStatus.internalError)
    }
  }
}
