import Foundation
import RNNLabEngine
import RNNLabRandom
import RNNLabResults

/// A running trial's state between two steps, saved to `checkpoint.bin` in
/// its folder so that a killed or preempted trial goes on from there instead
/// of from step 0, and ends bit-identical to an uninterrupted run: the
/// parameters, the optimiser's state, the training stream's position and the
/// records so far, every float and double stored by its bit pattern.
/// With `keep: best_val` also the kept parameters (their numbers and the
/// best validation loss are in the record). (Evaluation and validation sets
/// and the probe batch are regenerated from the trial's seed.) Version 2 added
/// validation and kept state; a version-1 file is ignored (the trial restarts).
struct TrialCheckpoint {
  static let fileName = "checkpoint.bin"
  /// Version 2 also added the count of clipped updates and the float32 underflow counts; a version-1 file is
  /// rejected (the trial restarts from step 0, as with any unusable file).
  private static let magic = Array("RNNLAB-CHECKPOINT-2\n".utf8)

  /// The configuration it was taken under; any other trial ignores it.
  var configHash: String
  /// The first step still to run (= updates applied so far).
  var nextStep: Int
  var parameters: [Float]
  var optimizer: OptimizerState
  var data: SeededGenerator
  var record: TrainingRecord
  /// With `keep: best_val`, once an evaluation has run: the kept parameters.
  var keptParameters: [Float]?

  /// The file's bytes.
  func encoded() -> [UInt8] {
    var out = CheckpointWriter()
    out.bytes = Self.magic
    out.string(configHash)
    out.int(nextStep)
    out.floats(parameters)
    out.int(optimizer.stepCount)
    out.int(optimizer.buffers.count)
    optimizer.buffers.forEach { out.floats($0) }
    data.state.forEach { out.uint64($0) }
    out.record(record)
    out.bytes.append(keptParameters == nil ? 0 : 1)
    out.floats(keptParameters ?? [])
    out.bytes += Self.magic  // a whole file ends as it starts
    return out.bytes
  }

  /// The checkpoint in `bytes`, or nil when they are not a whole, valid one.
  init?(bytes: [UInt8]) {
    guard bytes.count > 2 * Self.magic.count, Array(bytes.prefix(Self.magic.count)) == Self.magic,
      Array(bytes.suffix(Self.magic.count)) == Self.magic
    else { return nil }
    var reader = CheckpointReader(bytes: bytes, offset: Self.magic.count)
    guard let hash = reader.string(), let next = reader.int(), let parameters = reader.floats(),
      let stepCount = reader.int(), let bufferCount = reader.int(), (0...4).contains(bufferCount)
    else { return nil }
    var buffers: [[Float]] = []
    for _ in 0..<bufferCount {
      guard let buffer = reader.floats() else { return nil }
      buffers.append(buffer)
    }
    var words: [UInt64] = []
    for _ in 0..<4 {
      guard let word = reader.uint64() else { return nil }
      words.append(word)
    }
    guard let data = SeededGenerator(state: words), let record = reader.record(),
      let hasKept = reader.byte(), hasKept <= 1, let kept = reader.floats(),
      reader.offset == bytes.count - Self.magic.count
    else { return nil }
    self.init(
      configHash: hash, nextStep: next, parameters: parameters,
      optimizer: OptimizerState(stepCount: stepCount, buffers: buffers), data: data, record: record,
      keptParameters: hasKept == 1 ? kept : nil)
  }

  init(
    configHash: String, nextStep: Int, parameters: [Float], optimizer: OptimizerState, data: SeededGenerator,
    record: TrainingRecord, keptParameters: [Float]?
  ) {
    self.configHash = configHash
    self.nextStep = nextStep
    self.parameters = parameters
    self.optimizer = optimizer
    self.data = data
    self.record = record
    self.keptParameters = keptParameters
  }
}
