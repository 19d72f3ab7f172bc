/// The `[T][B][I]` input array of one batch while a generator fills it, one
/// sequence at a time (generators draw per sequence, but store time-major).
struct InputBuffer {
  let steps: Int
  let batchSize: Int
  let inputSize: Int
  private(set) var values: [Float]

  /// An all-zero buffer.
  init(steps: Int, batchSize: Int, inputSize: Int) {
    self.steps = steps
    self.batchSize = batchSize
    self.inputSize = inputSize
    values = [Float](repeating: 0, count: steps * batchSize * inputSize)
  }

  /// Sets feature `feature` of sequence `sample` at step `step`.
  @inline(__always)
  mutating func set(step: Int, sample: Int, feature: Int, to value: Float) {
    values[(step * batchSize + sample) * inputSize + feature] = value
  }

  /// Makes the input of sequence `sample` at step `step` the one-hot vector of
  /// `symbol` (the buffer starts at zero, so only the 1 is written).
  @inline(__always)
  mutating func setOneHot(step: Int, sample: Int, symbol: Int) {
    set(step: step, sample: sample, feature: symbol, to: 1)
  }
}
