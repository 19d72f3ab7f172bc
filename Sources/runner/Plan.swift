import ArgumentParser
import Foundation
import RNNLabRun
import RNNLabSpec

extension Runner {
  /// `runner plan SPEC`: the dry run, every trial the spec expands to.
  struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "plan",
      abstract: "List every trial a spec expands to, in run order, without running anything.",
      discussion: """
        When the results folder exists (--out, default results/<spec name>), a last column says where \
        each trial stands there: done, diverged or failed (finished; run skips it), changed (finished \
        with another configuration; run --force re-runs it), interrupted (run resumes it from its last \
        checkpoint, or restarts it), incomplete (its weights are missing or unreadable; run retrains it) \
        or pending. The memory column is each trial's estimated peak memory (see --memory-limit of run).
        """)

    /// How the trial list is printed.
    enum Format: String, ExpressibleByArgument, CaseIterable {
      case table, csv, json
    }

    @Argument(help: "The experiment spec (YAML).")
    var spec: String

    @Option(help: "Output format: table, csv or json (json includes the resolved spec).")
    var format: Format = .table

    @Option(help: ArgumentHelp("Results folder to show each trial's status in (default: results/<spec name>, if it exists).", valueName: "dir"))
    var out: String?

    @OptionGroup var options: SpecOptions

    func run() throws {
      let plan = RNNLabSpec.Plan(spec: try options.load(spec))
      let standings: [TrialStanding]?
      do {
        standings = try self.standings(of: plan)
      } catch {
        Terminal.printError(error.description)
        throw ExitCode(error.exitCode.rawValue)
      }
      let status = standings?.map(\.rawValue)
      let counts = standings.map(TrialStanding.counts)
      let bytes = plan.trials.map(MemoryEstimate.bytes(for:))
      let memory = bytes.map { $0.map(MemoryEstimate.text) ?? "-" }
      switch format {
      case .table: Terminal.write(plan.table(memory: memory, status: status, footer: counts))
      case .csv:
        Terminal.write(plan.csv(memory: bytes.map { $0.map(String.init) ?? "" }, status: status))
        Terminal.printError(plan.summary + (counts.map { ": " + $0 } ?? ""))  // stdout stays pure CSV
      case .json: Terminal.write(plan.json(memory: bytes, status: status))
      }
    }

    /// Each trial's standing in the results folder, or nil when there is no
    /// folder to look at (none given and the default does not exist).
    private func standings(of plan: RNNLabSpec.Plan) throws(RunnerError) -> [TrialStanding]? {
      let folder = try ResultsFolderOption.url(out: out, specName: plan.spec.name)
      guard out != nil || FileManager.default.fileExists(atPath: folder.path) else { return nil }
      return try TrialStanding.of(plan, in: folder)
    }
  }
}
