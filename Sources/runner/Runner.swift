import ArgumentParser
import Foundation
import RNNLabEngine
import RNNLabRun
import RNNLabSpec

/// The `runner` command: trains recurrent architectures on long-dependency
/// tasks. `run` is the default subcommand, so `runner SPEC` runs a spec.
@main
struct Runner: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "runner",
    abstract: "Compare recurrent network architectures on synthetic long-dependency tasks.",
    discussion: ExitStatus.summary,
    version: "0.1.0",
    subcommands: [
      RunCommand.self, ValidateCommand.self, PlanCommand.self, Report.self, Compare.self,
      Gradcheck.self, Bench.self, Emit.self, Verify.self,
    ],
    defaultSubcommand: RunCommand.self)

  /// Parses and runs the command, then exits with the documented code. This
  /// replaces ArgumentParser's own `main()`, which exits 64 on usage errors
  /// where RNNLab promises 2.
  static func main() {
    // First of all: from here on a SIGINT/SIGTERM ends the process with 130
    // (or, while trials train, stops them at a step boundary), never 143.
    let trap = SignalPhase.installProcessTrap()
    defer { withExtendedLifetime(trap) {} }
    // A bad RNNLAB_ISA is bad input, reported before anything runs (the
    // engine would otherwise fall back to the widest path).
    do {
      _ = try InstructionSet.requested(InstructionSet.environmentValue)
    } catch {
      Terminal.printError(error.description)
      Foundation.exit(ExitStatus.badInput)
    }
    do {
      if let line = misspeltSubcommand(Array(CommandLine.arguments.dropFirst())) {
        Terminal.printError(line)
        Foundation.exit(ExitStatus.badInput)
      }
      var command = try parseAsRoot()
      try command.run()
    } catch {
      exit(for: error)
    }
    Foundation.exit(ExitStatus.success)
  }

  /// `runner vaildate x.yaml` would run `vaildate` as a spec (the default
  /// command) and complain about x.yaml; a first word that is no file, no
  /// flag and a typo of a command name gets a suggestion instead.
  static func misspeltSubcommand(_ arguments: [String]) -> String? {
    guard let word = arguments.first, !word.hasPrefix("-"), !word.contains("/"), !word.contains("."),
      !FileManager.default.fileExists(atPath: word)
    else { return nil }
    let names = configuration.subcommands.map { $0._commandName } + ["help"]
    guard !names.contains(word), let guess = Suggestion.closest(to: word, among: names) else { return nil }
    return "runner: error: unknown command '\(word)'; did you mean '\(guess)'? (see 'runner help')"
  }

  /// Every outcome as one exit code and at most one message per problem:
  /// help and version on stdout with 0; usage and spec errors as single
  /// lines on stderr with 2; anything unexpected as one line with 3.
  private static func exit(for error: Error) -> Never {
    if let error = error as? SpecError {
      Terminal.printError(error.description)
      Foundation.exit(ExitStatus.badInput)
    }
    if let error = error as? ExitCode {
      Foundation.exit(error.rawValue)
    }
    switch exitCode(for: error) {
    case .success:
      print(fullMessage(for: error))
      Foundation.exit(ExitStatus.success)
    case .validationFailure:
      let lines = message(for: error).split(whereSeparator: \.isNewline)
      let message = lines.first.map(String.init) ?? "invalid arguments"
      Terminal.printError("runner: error: \(message) (see 'runner help')")
      Foundation.exit(ExitStatus.badInput)
    default:
      let description = String(describing: error).split(whereSeparator: \.isNewline).joined(separator: " ")
      Terminal.printError("runner: internal error: \(description)")
      Foundation.exit(ExitStatus.internalError)
    }
  }
}
