import ArgumentParser
import Foundation
import RNNLabEngine

extension Runner {
  /// `runner bench`: this machine's training speed on the reference workloads.
  struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "bench",
      abstract: "Time one training step of the reference workloads on one core.",
      discussion: """
        A step is forward over the whole sequence (input size 2), MSE on a linear head of \
        the final state, backpropagation through time, global-norm clipping at 1.0 and one \
        Adam update, on one thread after warm-up. Prints the median ms per step and the \
        effective GFLOP/s (3 × the forward GEMM work), then two reference rows: `fma-peak`, \
        the core's fused multiply-add peak (a loop of nothing but independent FMAs on the \
        widest registers), and `gemm`, the engine's own GEMM rate (1024³, packing \
        included), and the share of the peak lstm-h512 reaches. The kernels run on the \
        instruction set RNNLAB_ISA names (avx512, avx2, baseline), else the widest this CPU \
        has. With --format csv, stdout is pure CSV and the other lines go to stderr.
        """)

    /// How the results are printed.
    enum Format: String, ExpressibleByArgument, CaseIterable {
      case table, csv
    }

    @Option(help: "Output format: table or csv.")
    var format: Format = .table

    @Option(help: "Run only the workload with this id, or those whose id contains it (e.g. lstm-200, lstm).")
    var filter: String?

    @Option(
      parsing: .unconditional,  // `--steps -1` reaches the range check, not "Missing value"
      help: "Timed steps per workload (default: as many as fit in about 4 seconds, at least 5).")
    var steps: Int?

    @Flag(help: "Skip the fma-peak and gemm rows.")
    var noPeak = false

    func validate() throws {
      if let steps, steps < 1 { throw ValidationError("--steps must be at least 1, got \(steps)") }
    }

    func run() throws {
      var workloads = TrainingStepBenchmark.referenceWorkloads
      if let filter {
        // An exact id picks one workload (lstm-200, not also bilstm-200).
        let exact = workloads.filter { $0.id == filter }
        workloads = exact.isEmpty ? workloads.filter { $0.id.contains(filter) } : exact
        if workloads.isEmpty {
          let ids = TrainingStepBenchmark.referenceWorkloads.map(\.id).joined(separator: ", ")
          throw ValidationError("no workload matches '\(filter)' (workloads: \(ids))")
        }
      }
      let header = ["Kernels: \(InstructionSet.active.rawValue)", "CPU: \(Self.cpuModel)"]
      let columns = ["id", "model", "T", "H", "B", "threads", "ms_per_step", "gflops"]
      switch format {
      case .csv:
        header.forEach(Terminal.printError)
        Terminal.write(columns.joined(separator: ",") + "\n")
      case .table:
        Terminal.write(header.joined(separator: "\n") + "\n\n")
        Terminal.write(Self.tableLine(columns + ["best_ms", "cpu_ms"]) + "\n")
      }
      var h512: TrainingStepBenchmark.Result?
      for workload in workloads {
        let result = TrainingStepBenchmark.run(workload, steps: steps)
        let w = result.workload
        if w.id == "lstm-h512" { h512 = result }
        emit([
          w.id, w.modelName, "\(w.seqLen)", "\(w.hiddenSize)", "\(w.batch)", "1",
          Self.fixed(result.medianMilliseconds, 2), Self.fixed(result.gflops, 1),
        ], extra: [Self.fixed(result.bestMilliseconds, 2), Self.fixed(result.medianCPUMilliseconds, 2)])
      }
      if !noPeak {
        let isa = InstructionSet.active
        let peak = KernelBenchmark.fmaPeak(seconds: 1.5)
        emit([
          "fma-peak", "fma-\(isa.rawValue)", "", "", "", "1", Self.fixed(peak.medianSeconds * 1e3, 2),
          Self.fixed(peak.medianGflops, 1),
        ], extra: [Self.fixed(peak.bestSeconds * 1e3, 2), ""])
        let n = 1024
        let gemm = KernelBenchmark.gemm(m: n, n: n, k: n, seconds: 1.5)
        emit([
          "gemm", "gemm-\(n)", "", "", "", "1", Self.fixed(gemm.medianSeconds * 1e3, 2),
          Self.fixed(gemm.medianGflops, 1),
        ], extra: [Self.fixed(gemm.bestSeconds * 1e3, 2), ""])
        if let h512 {
          let share = "lstm-h512 runs at \(Self.fixed(100 * h512.gflops / peak.medianGflops, 1)) % of the FMA peak"
          if format == .csv { Terminal.printError(share) } else { Terminal.write("\n" + share + "\n") }
        }
      }
    }

    /// One row; the table also shows the fastest step and the median CPU
    /// time (below the wall time when other processes share the core).
    private func emit(_ fields: [String], extra: [String]) {
      Terminal.write((format == .csv ? fields.joined(separator: ",") : Self.tableLine(fields + extra)) + "\n")
    }

    /// Fixed-width columns: id and model left-aligned, numbers right-aligned.
    private static func tableLine(_ fields: [String]) -> String {
      let widths = [13, 11, 5, 5, 4, 8, 12, 8, 9, 9]
      return zip(fields, widths).enumerated().map { index, pair in
        let (text, width) = pair
        let pad = String(repeating: " ", count: max(0, width - text.count))
        return index < 2 ? text + pad : pad + text
      }.joined(separator: " ")
    }

    private static func fixed(_ value: Double, _ digits: Int) -> String {
      String(format: "%.\(digits)f", value)
    }

    /// The CPU's model name from /proc/cpuinfo, or "unknown".
    private static var cpuModel: String {
      guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
        let line = text.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
        let colon = line.firstIndex(of: ":")
      else { return "unknown" }
      let cores = ProcessInfo.processInfo.activeProcessorCount
      return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces) + " (\(cores) cores)"
    }
  }
}
