import ArgumentParser
import Foundation
import RNNLabResults
import RNNLabRun
import RNNLabSpec

extension Runner {
  /// `runner verify SPEC --against DIR`: re-runs a spec and checks that it
  /// reproduces a committed results folder.
  struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Re-run a spec (or a sample of it) and compare every trial with a committed results folder.",
      discussion: """
        The re-run goes into a temporary folder. Each trial's summary.json (without \
        wall_seconds and steps_per_second), metrics.csv, gradient_flow.csv and, when the \
        committed folder keeps it, weights.safetensors are compared with the committed ones. When the committed manifest.json records this machine's \
        OS on x86-64 (any CPU: the engine fixes every summation order and its vector paths \
        give the same bits), every value must be bit-identical; otherwise (arm64, another \
        OS) every number must agree within the relative tolerance \
        (|a - b| <= tolerance * max(|a|, |b|, 1e-6)) and text must be equal. The summary's \
        isa (blas in older folders) is not compared. The first line of output says which \
        mode applies.

        --sample K re-runs the K trials whose ids have the smallest hash (FNV-1a mixed by \
        SplitMix64): the same trials on every machine, scattered over the grid.

        Exit codes: 0 ok (every trial matched), 1 some trials did not match, 2 bad input, \
        \(ExitStatus.internalAndInterrupted).
        """)

    /// `--mode`: decide from the platforms, or force one.
    enum Mode: String, ExpressibleByArgument, CaseIterable {
      case auto, exact, tolerance
    }

    @Argument(help: "The experiment spec (YAML).")
    var spec: String

    @OptionGroup var options: SpecOptions

    @Option(help: ArgumentHelp("The committed results folder to compare with.", valueName: "dir"))
    var against: String

    // `.unconditional` on the numbers: `--sample -1` reaches the range check
    // instead of reading as an unknown flag ("Missing value").
    @Option(
      parsing: .unconditional,
      help: ArgumentHelp("Re-run only this many trials (chosen deterministically).", valueName: "k"))
    var sample: Int?

    @Option(
      parsing: .unconditional,
      help: ArgumentHelp(
        "Relative tolerance across platforms.",
        valueName: "x"))
    var tolerance: Double = VerificationMode.defaultRelativeTolerance

    @Option(help: "auto (bit-identical on x86-64 with the recording OS, else within --tolerance), exact or tolerance.")
    var mode: Mode = .auto

    @Option(
      parsing: .unconditional,
      help: ArgumentHelp(
        "Trials to train at once (default: the number of processors).", valueName: "n"))
    var jobs: Int?

    @Flag(help: "Print only the table, not the progress of the re-run.")
    var quiet = false

    func run() throws {
      let plan = Plan(spec: try options.load(spec))
      do {
        let options = try verificationOptions()
        // Shared: verify only reads the committed folder, but not while a runner writes it.
        let lock = try ResultsLock.acquireForReading(folder: options.committed)
        defer { lock?.release() }
        let verification = Verification(plan: plan, options: options)
        let report = try verification.perform { setting, trials in
          // Written unbuffered, before the re-run's progress lines on stderr.
          Terminal.write(VerificationReport.modeLine(setting) + "\n")
          if trials.count < plan.trials.count {
            Terminal.write("verify: sample of \(trials.count) of \(plan.trials.count) trials (smallest id hashes)\n")
          }
        }
        if report.interrupted {
          Terminal.printError("interrupted: nothing compared")
          throw ExitCode(RunExitCode.interrupted.rawValue)
        }
        Terminal.write(report.table)
        throw ExitCode(report.allMatched ? ExitStatus.success : ExitStatus.trialsFailed)
      } catch let error as RunnerError {
        Terminal.printError(error.description)
        throw ExitCode(error.exitCode == .badInput ? ExitStatus.badInput : ExitStatus.internalError)
      } catch let error as ResultsError {
        Terminal.printError(error.description)
        throw ExitCode(ExitStatus.badInput)
      } catch let error as ExitCode {
        throw error
      } catch {
        Terminal.printError(String(describing: error).split(whereSeparator: \.isNewline).joined(separator: " "))
        throw ExitCode(ExitStatus.internalError)
      }
    }

    private func verificationOptions() throws(RunnerError) -> Verification.Options {
      if let jobs, jobs < 1 {
        throw RunnerError(path: "--jobs", message: "must be at least 1, got \(jobs)")
      }
      if let sample, sample < 1 {
        throw RunnerError(path: "--sample", message: "must be at least 1, got \(sample)")
      }
      guard tolerance.isFinite, tolerance >= 0 else {
        throw RunnerError(path: "--tolerance", message: "must be a finite number >= 0, got \(tolerance)")
      }
      let forced: VerificationMode? =
        switch mode {
        case .auto: nil
        case .exact: .exact
        case .tolerance: .tolerance(relative: tolerance)
        }
      return Verification.Options(
        committed: URL(fileURLWithPath: against), sample: sample, mode: forced, tolerance: tolerance,
        jobs: jobs ?? TrialScheduler.defaultJobs, progressMode: .automatic(quiet: quiet),
        runnerVersion: Runner.configuration.version)
    }
  }
}
