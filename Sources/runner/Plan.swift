import ArgumentParser
import RNNLabSpec

extension Runner {
  /// `runner plan SPEC`: the dry run, every trial the spec expands to.
  struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "plan",
      abstract: "List every trial a spec expands to, in run order, without running anything.")

    /// How the trial list is printed.
    enum Format: String, ExpressibleByArgument, CaseIterable {
      case table, csv, json
    }

    @Argument(help: "The experiment spec (YAML).")
    var spec: String

    @Option(help: "Output format: table, csv or json (json includes the resolved spec).")
    var format: Format = .table

    @OptionGroup var options: SpecOptions

    func run() throws {
      let plan = RNNLabSpec.Plan(spec: try options.load(spec))
      switch format {
      case .table: Terminal.write(plan.table)
      case .csv:
        Terminal.write(plan.csv)
        Terminal.printError(plan.summary)  // stdout stays pure CSV
      case .json: Terminal.write(plan.json)
      }
    }
  }
}
