import ArgumentParser
import Foundation
import RNNLabReport
import RNNLabResults
import RNNLabRun
import RNNLabSpec
import RNNLabText

extension Runner {
  /// `runner run SPEC` (also `runner SPEC`): trains every trial of a spec.
  struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "run",
      abstract: "Train every trial of a spec and write results (the default command).",
      discussion: """
        Trials already finished in the results folder (same configuration hash) are skipped, \
        so running the same command again after Ctrl-C, kill -9 or a crash finishes the rest. \
        Ctrl-C stops at the next step boundary (exit 130); a second Ctrl-C quits at once.

        Without --shard, a Slurm job array task (SLURM_ARRAY_TASK_ID with SLURM_ARRAY_TASK_COUNT, or \
        SLURM_ARRAY_TASK_MIN/MAX) or a Kubernetes Indexed Job pod (JOB_COMPLETION_INDEX with --shards N) \
        runs its own shard; the opening line says which and from where.

        Examples:
          # 8 tiny trials, about a second:
          runner experiments/smoke.yaml
          # the main experiment, 270 trials, 12-15 minutes on 2 free cores:
          runner experiments/long_dep.yaml
          # a shorter variant of it, into its own folder:
          runner run experiments/long_dep.yaml --set training.steps=500 --out quick

        Exit codes: 0 ok (every trial done), 1 some trials failed or diverged, 2 bad input (spec, \
        flags, paths, a results folder in use, a changed trial without --force), \
        \(ExitStatus.internalAndInterrupted).
        """)

    @Argument(help: "The experiment spec (YAML).")
    var spec: String

    @OptionGroup var options: SpecOptions

    @Option(help: ArgumentHelp("Results folder (default: results/<spec name>).", valueName: "dir"))
    var out: String?

    // `.unconditional` (here and on the flags below): `--jobs -1` reaches the
    // range check instead of reading as a flag.
    @Option(
      parsing: .unconditional,
      help: ArgumentHelp(
        "Trials to train at once, each on one thread (default: the number of processors).", valueName: "n"))
    var jobs: Int?

    @Option(
      parsing: .unconditional,
      help: ArgumentHelp(
        "Refuse trials whose estimated peak memory is above this, alone or, with --jobs N, the N largest together (e.g. 8G, 512M; default: 80% of physical memory; `runner plan` shows the estimates).",
        valueName: "size"))
    var memoryLimit: String?

    @Option(
      parsing: .unconditional,
      help: ArgumentHelp(
        "Run only slice I of N of the plan (0-based I); trials are dealt round-robin. Default: from a Slurm job array or Kubernetes Indexed Job, else the whole plan.",
        valueName: "I/N"))
    var shard: String?

    @Option(
      parsing: .unconditional,
      help: ArgumentHelp(
        "The number of shards, for a shard index taken from the environment (JOB_COMPLETION_INDEX needs it; with SLURM_ARRAY_TASK_ID it makes the array index the shard index).",
        valueName: "n"))
    var shards: Int?

    @Flag(help: "Re-run finished trials whose configuration has changed since they ran.")
    var force = false

    @Flag(help: "Print only errors and the final summary.")
    var quiet = false

    @Flag(
      help: ArgumentHelp(
        "Do not write summary.csv, report.md and plots at the end (for the shards of a cluster job; write them once with `runner report DIR`)."))
    var noReport = false

    func run() throws {
      let plan = Plan(spec: try options.load(spec))
      do {
        let request = try runOptions(for: plan)
        let writeReport: @Sendable (URL) throws -> [URL] = { try ReportScope.write(folder: $0) }
        let status = try ExperimentRun(plan: plan, options: request, writeReport: noReport ? nil : writeReport)
          .perform()
        throw ExitCode(status.rawValue)
      } catch let error as RunnerError {
        Terminal.printError(error.description)
        throw ExitCode(error.exitCode.rawValue)
      } catch let error as ExitCode {
        throw error
      } catch let error as ResultsError {
        throw ResultsCommandError.exit(for: error)  // a malformed trial file: bad input, as `report` says
      } catch let error as ReportError {
        throw ResultsCommandError.exit(for: error)
      } catch {
        // A results file that cannot be written (disk full, read-only folder) or
        // cannot be read back for the report; finished trials stay intact.
        Terminal.printError(String(describing: error).split(whereSeparator: \.isNewline).joined(separator: " "))
        throw ExitCode(ExitStatus.internalError)
      }
    }

    private func runOptions(for plan: Plan) throws(RunnerError) -> ExperimentRun.Options {
      if let jobs, jobs < 1 {
        throw RunnerError(path: "--jobs", message: "must be at least 1, got \(jobs)")
      }
      var limit = MemoryEstimate.defaultLimit
      if let memoryLimit {
        guard let parsed = MemoryEstimate.parse(memoryLimit) else {
          throw RunnerError(
            path: "--memory-limit",
            message: "expected a size above 0 such as 8G or 512M (K, M, G, T), got '\(EchoedText.escaped(memoryLimit))'")
        }
        limit = parsed
      }
      let folder = try ResultsFolderOption.url(out: out, specName: plan.spec.name)
      let choice = try ClusterEnvironment.shard(
        explicit: shard, shards: shards, environment: ProcessInfo.processInfo.environment)
      return ExperimentRun.Options(
        folder: folder, jobs: jobs ?? TrialScheduler.defaultJobs, shard: choice.shard, shardSource: choice.source,
        force: force, progressMode: .automatic(quiet: quiet), runnerVersion: Runner.configuration.version,
        specFile: URL(fileURLWithPath: spec), memoryLimit: limit)
    }
  }
}
