import Foundation
import RNNLabEngine
import RNNLabSpec

/// The peak memory one trial needs, estimated from its shapes before it runs,
/// so that a spec that would exhaust the machine is refused with one line
/// instead of dying in an allocation (or swapping the machine to a halt).
///
/// Counted, in bytes: the sequence caches BPTT keeps per layer and direction
/// (`[T·B, G·H]` gate activations, `[T·B, H]` cell states and their tanh for
/// the LSTM family, the GRU's hidden-side n), each layer's output and output
/// gradient `[T·B, D·H]`, the packed and transposed weight copies, the
/// parameters with their gradients, the optimiser's state and the copy made to
/// save the weights, one training batch with its output and loss gradient,
/// the records kept until the trial's files are written (metric rows,
/// gradient-flow rows) and the text they become, plus the runner's own
/// baseline, and the float64 copy of the network the gradient-flow probe runs
/// on its batch. Evaluation batches are never larger than training batches,
/// so they reuse the training buffers; tests at other lengths (`evaluation:
/// {lengths: …}`) run on the same network after training and grow its
/// buffers when the longest one's batch holds more steps than training's.
/// `MemoryEstimateTests` holds it to ±25 % of the measured peak RSS
/// (docs/faults.md has the grid).
public enum MemoryEstimate {
  /// What a `runner` process holds before any trial (runtime, BLAS buffers).
  static let baselineBytes = 32 << 20

  /// The estimated peak bytes of `trial` while it trains alone, or nil when
  /// its blueprint cannot be built (the trial will fail, using next to nothing).
  public static func bytes(for trial: Trial) -> UInt64? {
    guard let blueprint = try? TrialBlueprint(trial: trial) else { return nil }
    return bytes(blueprint)
  }

  static func bytes(_ blueprint: TrialBlueprint) -> UInt64 {
    let config = blueprint.modelConfig
    let training = blueprint.trial.training
    let T = Double(blueprint.trial.seqLen), B = Double(training.batchSize)
    let L = Double(config.layers), D = Double(config.bidirectional ? 2 : 1)
    let P = Double(ParameterLayout(config: config).parameterCount)
    let optimizerCopies: Double = switch training.optimizer {
    case .adam, .rmsprop: 2
    case .sgd: 1
    }
    // Training: the float32 network at the training batch, parameters with
    // gradients, optimiser state, initial values and the copy saved, and the
    // batch itself. Evaluation batches are no larger, so they reuse it.
    var network = networkScalars(config, T: T, B: B), batch = 2 * T * B
    if let longest = blueprint.lengthTasks.map({ Double($0.totalSteps) }).max() {
      let rows = min(B, Double(training.evalSize))
      network = max(network, networkScalars(config, T: longest, B: rows))
      batch = max(batch, 2 * longest * rows)
    }
    var floats = network + P * (2 + optimizerCopies + 3) + batch
    // The gradient-flow probe runs on the first min(B, eval_size) evaluation
    // sequences: in float32 on the training buffers, then in a float64 copy of
    // the network that lives as long as the trial (8 bytes per value; the
    // inputs are widened and copied, the output and its gradient kept).
    let probe = min(B, Double(training.evalSize))
    let probeRows = config.head == .manyToMany ? T * probe : probe
    let doubles = networkScalars(config, T: T, B: probe) + 2 * P + 2 * T * probe * Double(config.inputSize)
      + 2 * probeRows * Double(config.outputSize)
    floats += 2 * doubles
    // Records: ~48 B per metric row in memory and ~40 B as CSV text; ~56 B and ~60 B per flow row.
    let steps = Double(training.steps)
    let logged = steps / Double(training.logEvery) + 2, evaluations = steps / Double(training.evalEvery) + 2
    let metricRows = logged * 7 + evaluations * 2
    let snapshots = (training.flowEvery.map { steps / Double($0) } ?? 0) + 2
    let flowRows = snapshots * T * L * D
    let records = metricRows * 88 + flowRows * 116 + steps * 8
    return UInt64(Double(baselineBytes) + floats * 4 + records)
  }

  /// The values one `RecurrentNetwork` holds at sequence length `T` and batch
  /// `B` (excluding its parameters and gradients): per layer and direction
  /// the BPTT caches (`[T·B, G·H]` gates; cell states and their tanh for the
  /// LSTM family; the GRU's hidden-side n), packed weights, sums and step
  /// buffers; per layer the output and its gradient `[T·B, D·H]`; the input
  /// copy and the head's buffers.
  private static func networkScalars(_ config: ModelConfig, T: Double, B: Double) -> Double {
    let n = T * B, H = Double(config.hiddenSize), G = Double(config.cell.gateCount)
    let D = Double(config.bidirectional ? 2 : 1)
    let I0 = Double(config.inputSize), O = Double(config.outputSize)
    var values = 0.0
    for layer in 0..<config.layers {
      let I = layer == 0 ? I0 : D * H
      var perDirection = n * G * H  // gates
      if config.cell.hasCellState { perDirection += 2 * n * H }
      if config.cell == .gru { perDirection += n * H }
      perDirection += 3 * G * H * H + (2 + 2 * I) * G * H + B * (2 * G * H + 3 * H)  // packed, sums, steps
      values += D * perDirection + 2 * n * D * H  // + layer output and its gradient
    }
    let rows = config.head == .manyToMany ? n : B
    return values + 2 * n * I0 + 4 * rows * O  // input and its copy, output, loss gradient, head buffers
  }

  /// Throws for the first trial over `limit`: one line naming it, its
  /// estimate and the limit (exit 2). With `jobs` > 1 the `jobs` largest
  /// trials may run at once in one process, so their estimates (each less
  /// the shared baseline) plus one baseline must fit too.
  static func check(_ trials: [Trial], limit: UInt64, jobs: Int = 1) throws(RunnerError) {
    var over: [(Trial, UInt64)] = []
    var estimates: [(Trial, UInt64)] = []
    for trial in trials {
      guard let estimate = bytes(for: trial) else { continue }
      estimates.append((trial, estimate))
      if estimate > limit { over.append((trial, estimate)) }
    }
    if let (trial, estimate) = over.first {
      let more = over.count > 1 ? " (and \(over.count - 1) more trial\(over.count == 2 ? "" : "s"))" : ""
      throw RunnerError(
        path: trial.id,
        message: "needs an estimated \(text(estimate)) of memory, over the limit of \(text(limit))\(more); "
          + "shrink hidden, layers, seq_len or batch_size, or raise --memory-limit")
    }
    let together = estimates.sorted { $0.1 > $1.1 }.prefix(max(jobs, 1))
    guard together.count > 1 else { return }
    let baseline = UInt64(baselineBytes)
    let sum = together.reduce(baseline) { $0 + ($1.1 - min($1.1, baseline)) }
    guard sum > limit else { return }
    throw RunnerError(
      path: together.first!.0.id,
      message: "with --jobs \(jobs), \(together.count) trials running at once (this one the largest) need an "
        + "estimated \(text(sum)) of memory, over the limit of \(text(limit)); lower --jobs or raise --memory-limit")
  }

  /// The default limit: 80 % of physical memory.
  public static var defaultLimit: UInt64 { ProcessInfo.processInfo.physicalMemory / 10 * 8 }

  /// `1.5 GiB`, `300 MiB`, `12 KiB`.
  public static func text(_ bytes: UInt64) -> String {
    let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"]
    var value = Double(bytes), unit = 0
    while value >= 1024, unit < units.count - 1 {
      value /= 1024
      unit += 1
    }
    return unit == 0 ? "\(bytes) B" : String(format: value < 10 ? "%.1f %@" : "%.0f %@", value, units[unit])
  }

  /// Parses `--memory-limit`: a byte count with an optional K, M, G or T
  /// (binary) suffix, e.g. `8G`, `512M`, `1.5G`.
  public static func parse(_ text: String) -> UInt64? {
    let suffixes: [Character: Double] = ["K": 0x1p10, "M": 0x1p20, "G": 0x1p30, "T": 0x1p40]
    var body = text.uppercased()
    if body.hasSuffix("IB") { body.removeLast(2) } else if body.hasSuffix("B") { body.removeLast() }
    var scale = 1.0
    if let last = body.last, let factor = suffixes[last] {
      scale = factor
      body.removeLast()
    }
    guard let number = Double(body), number.isFinite, number > 0, number * scale < 1e19 else { return nil }
    return UInt64(number * scale)
  }
}
