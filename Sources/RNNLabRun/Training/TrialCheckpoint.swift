import Foundation
import RNNLabEngine
import RNNLabRandom
import RNNLabResults

/// A running trial's state between two steps, so that a killed or preempted
/// trial (or one promoted to the next rung of a halving search) goes on from
/// there instead of from step 0, and ends bit-identical to an uninterrupted
/// run: the parameters, the optimiser's state, the training stream's position
/// and the record so far, every float and double stored by its bit pattern;
/// with `keep: best_val` also the kept parameters. (Evaluation and validation
/// sets and the probe batch are regenerated from the trial's seed.)
///
/// `CheckpointFiles` stores it in two files: the state here, and the record's
/// growing lists in an append-only log, so a checkpoint costs the state plus
/// what was recorded since the last one.
struct TrialCheckpoint {
  /// Version 3 added the trial id, the log position, the earlier wall time and
  /// the checksum; an older file is ignored (the trial restarts from step 0).
  static let magic = Array("RNNLAB-CHECKPOINT-3\n".utf8)

  /// The trial and configuration it was taken under; any other trial ignores it.
  var trialID: String
  var configHash: String
  /// The first step still to run (= updates applied so far).
  var nextStep: Int
  var parameters: [Float]
  var optimizer: OptimizerState
  var data: SeededGenerator
  var record: TrainingRecord
  /// With `keep: best_val`, once an evaluation has run: the kept parameters.
  var keptParameters: [Float]?

  /// The state file's bytes: the state with `log`, the position of the
  /// record log that holds the record's lists, then a checksum of all that.
  func encoded(log: RecordLogPosition) -> [UInt8] {
    var out = CheckpointWriter()
    out.bytes = Self.magic
    out.string(trialID)
    out.string(configHash)
    out.int(nextStep)
    out.floats(parameters)
    out.int(optimizer.stepCount)
    out.int(optimizer.buffers.count)
    optimizer.buffers.forEach { out.floats($0) }
    data.state.forEach { out.uint64($0) }
    out.recordScalars(record)
    out.int(log.counts.metrics)
    out.int(log.counts.flow)
    out.int(log.counts.norms)
    out.int(log.length)
    out.uint64(log.hash)
    out.bytes.append(keptParameters == nil ? 0 : 1)
    out.floats(keptParameters ?? [])
    out.uint64(StableHash.fnv1a64(out.bytes))
    out.bytes += Self.magic  // a whole file ends as it starts
    return out.bytes
  }

  /// Why a state file cannot be used.
  enum Damage: Error, Equatable {
    /// Not a version-3 checkpoint, or cut short.
    case format
    /// Its checksum does not match its contents.
    case checksum
  }

  /// The state in `bytes` (with the record's lists empty) and the log
  /// position it needs.
  static func decode(_ bytes: [UInt8]) -> Result<(TrialCheckpoint, RecordLogPosition), Damage> {
    let trailer = 8 + magic.count
    guard bytes.count > magic.count + trailer, Array(bytes.prefix(magic.count)) == magic,
      Array(bytes.suffix(magic.count)) == magic
    else { return .failure(.format) }
    let body = bytes.count - trailer
    var sum = CheckpointReader(bytes: bytes, offset: body)
    guard sum.uint64() == StableHash.fnv1a64(bytes[..<body]) else { return .failure(.checksum) }
    var reader = CheckpointReader(bytes: Array(bytes[..<body]), offset: magic.count)
    guard let trialID = reader.string(), let hash = reader.string(), let next = reader.int(),
      let parameters = reader.floats(), let stepCount = reader.int(), let bufferCount = reader.int(),
      (0...4).contains(bufferCount)
    else { return .failure(.format) }
    var buffers: [[Float]] = []
    for _ in 0..<bufferCount {
      guard let buffer = reader.floats() else { return .failure(.format) }
      buffers.append(buffer)
    }
    var words: [UInt64] = []
    for _ in 0..<4 {
      guard let word = reader.uint64() else { return .failure(.format) }
      words.append(word)
    }
    guard let data = SeededGenerator(state: words), let record = reader.recordScalars(),
      let metrics = reader.int(), let flow = reader.int(), let norms = reader.int(), let length = reader.int(),
      let logHash = reader.uint64(), let hasKept = reader.byte(), hasKept <= 1, let kept = reader.floats(),
      reader.offset == body, metrics >= 0, flow >= 0, norms >= 0, length >= 0
    else { return .failure(.format) }
    let checkpoint = TrialCheckpoint(
      trialID: trialID, configHash: hash, nextStep: next, parameters: parameters,
      optimizer: OptimizerState(stepCount: stepCount, buffers: buffers), data: data, record: record,
      keptParameters: hasKept == 1 ? kept : nil)
    let position = RecordLogPosition(
      counts: RecordCounts(metrics: metrics, flow: flow, norms: norms), length: length, hash: logHash)
    return .success((checkpoint, position))
  }
}

/// How much of the record log a checkpoint covers: the counts of what it
/// holds, its length in bytes and the FNV-1a hash of those bytes.
struct RecordLogPosition: Equatable {
  var counts = RecordCounts()
  var length = 0
  var hash = StableHash.fnv1a64Basis
}
