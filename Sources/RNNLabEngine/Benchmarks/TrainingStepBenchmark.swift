import RNNLabRandom
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Times full training steps of the reference workloads (PERFORMANCE.md):
/// forward over the whole sequence (input size 2), MSE on a linear head of
/// the final state, backpropagation through time, global-norm clipping at
/// 1.0 and one Adam update, on the calling thread.
public enum TrainingStepBenchmark {
  /// One reference workload: a model shape and a batch shape.
  public struct Workload: Sendable, Equatable {
    public let id: String
    public let cell: ModelConfig.Cell
    public let bidirectional: Bool
    public let seqLen: Int
    public let hiddenSize: Int
    public let batch: Int
    public let inputSize: Int

    public init(
      id: String, cell: ModelConfig.Cell, bidirectional: Bool = false, seqLen: Int,
      hiddenSize: Int, batch: Int, inputSize: Int = 2
    ) {
      self.id = id
      self.cell = cell
      self.bidirectional = bidirectional
      self.seqLen = seqLen
      self.hiddenSize = hiddenSize
      self.batch = batch
      self.inputSize = inputSize
    }

    /// The model name of the peers' scripts: `rnn`, `lstm`, `gru`, `bilstm`.
    public var modelName: String { (bidirectional ? "bi" : "") + cell.rawValue }

    /// The model this workload trains: one layer, a one-output many-to-one head.
    public var config: ModelConfig {
      ModelConfig(
        cell: cell, inputSize: inputSize, hiddenSize: hiddenSize, bidirectional: bidirectional,
        head: .manyToOne, outputSize: 1)
    }

    /// Floating-point work per step as PERFORMANCE.md counts it:
    /// 3 × the forward GEMMs, `3 · 2·B·T·(I+H)·G·H · D`.
    public var flopsPerStep: Double {
      let directions = bidirectional ? 2.0 : 1.0
      return 3 * 2 * Double(batch * seqLen * (inputSize + hiddenSize) * cell.gateCount * hiddenSize)
        * directions
    }

    /// Bytes of the activations one step stores for backward (the sequence
    /// caches and layer output, Float32), the floor for the step's memory.
    public var storedActivationBytes: Int {
      let rows = seqLen * batch, h = hiddenSize, directions = bidirectional ? 2 : 1
      let perRow = cell.gateCount * h + (cell.hasCellState ? 2 * h : 0) + (cell == .gru ? h : 0) + h
      return 4 * directions * rows * perRow + 4 * rows * inputSize
    }
  }

  /// The workloads of PERFORMANCE.md, in its order.
  public static let referenceWorkloads: [Workload] = [
    Workload(id: "rnn-200", cell: .rnn, seqLen: 200, hiddenSize: 128, batch: 64),
    Workload(id: "lstm-200", cell: .lstm, seqLen: 200, hiddenSize: 128, batch: 64),
    Workload(id: "gru-200", cell: .gru, seqLen: 200, hiddenSize: 128, batch: 64),
    Workload(id: "bilstm-200", cell: .lstm, bidirectional: true, seqLen: 200, hiddenSize: 128, batch: 64),
    Workload(id: "lstm-1000", cell: .lstm, seqLen: 1000, hiddenSize: 128, batch: 64),
    Workload(id: "lstm-h512", cell: .lstm, seqLen: 100, hiddenSize: 512, batch: 64),
    Workload(id: "lstm-tiny", cell: .lstm, seqLen: 50, hiddenSize: 32, batch: 32),
    // Shaped like the long_dep trials, where users' runs spend their time.
    Workload(id: "lstm-longdep", cell: .lstm, seqLen: 100, hiddenSize: 48, batch: 32),
    Workload(id: "gru-longdep", cell: .gru, seqLen: 100, hiddenSize: 48, batch: 32),
  ]

  /// The timing of one workload.
  public struct Result: Sendable, Equatable {
    public let workload: Workload
    /// Timed steps (after warm-up).
    public let steps: Int
    /// Median wall time of one step, in milliseconds.
    public let medianMilliseconds: Double
    /// Fastest step, in milliseconds.
    public let bestMilliseconds: Double
    /// Median CPU time of the thread per step, in milliseconds: on a busy
    /// machine, wall time minus the time other processes had the core.
    public let medianCPUMilliseconds: Double
    /// Effective GFLOP/s at the median.
    public var gflops: Double { workload.flopsPerStep / (medianMilliseconds * 1e-3) / 1e9 }
  }

  /// Trains `workload` for `warmup` steps, then times `steps` steps (or,
  /// when nil, as many as fit in about `budgetSeconds`, at least 5 and at
  /// most 100) and returns the median.
  public static func run(
    _ workload: Workload, steps: Int? = nil, warmup: Int = 2, budgetSeconds: Double = 4
  ) -> Result {
    precondition(steps.map { $0 >= 1 } ?? true && warmup >= 0, "steps must be positive")
    let config = workload.config
    let model = RecurrentModel(config: config, seed: 0x00be_7c11)
    var data = SeededGenerator(seed: 0x00be_7c11, stream: "data")
    let T = workload.seqLen, B = workload.batch
    let inputs = (0..<(T * B * workload.inputSize)).map { _ in data.nextFloat() }
    let target = (0..<B).map { _ in data.nextFloat() }
    var adam = Adam(parameterCount: model.parameterCount, learningRate: 1e-3)
    let step = {
      model.zeroGradients()
      let output = model.forward(inputs: inputs, seqLen: T, batch: B)
      let loss = Loss.meanSquaredError(output: output, target: target)
      model.backward(dOutput: loss.dOutput)
      model.withParametersAndGradients { parameters, gradients in
        GradientClipping.clipGlobalNorm(gradients, maxNorm: 1)
        adam.step(parameters: parameters, gradients: UnsafeBufferPointer(gradients))
      }
    }
    for _ in 0..<warmup { step() }
    let clock = ContinuousClock()
    var times: [Double] = [], cpuTimes: [Double] = []
    let start = clock.now
    while true {
      let cpuStart = threadCPUMilliseconds()
      let elapsed = clock.measure(step)
      cpuTimes.append(threadCPUMilliseconds() - cpuStart)
      times.append(Double(elapsed.components.seconds) * 1e3 + Double(elapsed.components.attoseconds) * 1e-15)
      if let steps {
        if times.count >= steps { break }
      } else if times.count >= 100
        || (times.count >= 5 && (clock.now - start) >= .milliseconds(Int(budgetSeconds * 1000)))
      {
        break
      }
    }
    times.sort()
    cpuTimes.sort()
    return Result(
      workload: workload, steps: times.count, medianMilliseconds: median(times),
      bestMilliseconds: times[0], medianCPUMilliseconds: median(cpuTimes))
  }

  /// CPU time the calling thread has used, in milliseconds.
  static func threadCPUMilliseconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) * 1e3 + Double(time.tv_nsec) * 1e-6
  }

  /// The median of sorted values (the mean of the middle two for an even count).
  static func median(_ sorted: [Double]) -> Double {
    let n = sorted.count
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
  }
}
