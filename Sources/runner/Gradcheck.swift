import ArgumentParser
import Foundation
import RNNLabEngine

extension Runner {
  /// `runner gradcheck`: the engine's finite-difference gradient checks.
  struct Gradcheck: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "gradcheck",
      abstract: "Check every cell's backpropagation against finite differences.",
      discussion: """
        Runs each cell (rnn tanh/relu, lstm, peephole, cifg, gru) single-layer, stacked and \
        bidirectional, under both heads and both losses and every gate switch, in float64 \
        against central differences, and the float32 gradients against the float64 ones. \
        Prints one line per check and a verdict; exits 0 only if every check passes.
        """)

    @Option(help: "Run only the checks whose name contains this text.")
    var filter: String?

    func run() throws {
      var cases = GradientCheck.standardCases()
      if let filter {
        cases = cases.filter { $0.name.contains(filter) }
        if cases.isEmpty {
          FileHandle.standardError.write(Data("error: no gradient check matches '\(filter)'\n".utf8))
          throw ExitCode(2)
        }
      }
      var failed = 0
      for check in cases {
        let result = GradientCheck.run(check)
        print(result.line)
        if !result.passed { failed += 1 }
      }
      print(
        failed == 0
          ? "gradcheck: all \(cases.count) checks passed"
          : "gradcheck: \(failed) of \(cases.count) checks FAILED")
      if failed > 0 { throw ExitCode(1) }
    }
  }
}
