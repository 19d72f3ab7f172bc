import RNNLabResults

/// Little-endian fields of a checkpoint, appended in order.
struct CheckpointWriter {
  var bytes: [UInt8] = []

  mutating func uint64(_ value: UInt64) {
    for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
  }
  mutating func int(_ value: Int) { uint64(UInt64(bitPattern: Int64(value))) }
  mutating func double(_ value: Double) { uint64(value.bitPattern) }
  mutating func optionalDouble(_ value: Double?) {
    bytes.append(value == nil ? 0 : 1)
    double(value ?? 0)
  }
  mutating func optionalInt(_ value: Int?) {
    bytes.append(value == nil ? 0 : 1)
    int(value ?? 0)
  }
  mutating func string(_ value: String) {
    int(value.utf8.count)
    bytes += value.utf8
  }
  mutating func floats(_ values: [Float]) {
    int(values.count)
    bytes.reserveCapacity(bytes.count + 4 * values.count)
    for value in values {
      let bits = value.bitPattern
      for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: bits >> UInt32(shift))) }
    }
  }
  mutating func doubles(_ values: [Double]) {
    int(values.count)
    values.forEach { double($0) }
  }

  /// A metric split's byte; `CheckpointReader.splits` reads it back.
  static func splitCode(_ split: MetricSplit) -> UInt8 {
    switch split {
    case .train: 0
    case .eval: 1
    case .val: 2
    }
  }

  /// Everything of a training record but its status and its growing lists
  /// (a checkpoint is only ever taken while training goes on; the lists go to
  /// the record log, `records(of:from:)`).
  mutating func recordScalars(_ record: TrainingRecord) {
    int(record.stepsCompleted)
    optionalDouble(record.finalEvalLoss)
    optionalDouble(record.finalEvalAccuracy)
    optionalInt(record.stepsToSolve)
    optionalDouble(record.finalValLoss)
    optionalDouble(record.finalValAccuracy)
    bytes.append(record.kept == nil ? 0 : 1)
    if let kept = record.kept {
      int(kept.step)
      double(kept.evalLoss)
      optionalDouble(kept.evalAccuracy)
      double(kept.valLoss)
      optionalDouble(kept.valAccuracy)
    }
    for decay in [record.decayInit, record.decayFinal, record.decayInitBackward, record.decayFinalBackward] {
      optionalDouble(decay)
    }
    optionalInt(record.underflowInit)
    optionalInt(record.underflowFinal)
    double(record.trainingSeconds)
    double(record.wallSeconds)
    int(record.clippedSteps)
  }

  /// The rows, flow points and gradient norms of `record` past the counts of
  /// `logged`: one chunk of the record log.
  mutating func records(of record: TrainingRecord, from logged: RecordCounts) {
    int(record.metrics.count - logged.metrics)
    for point in record.metrics[logged.metrics...] {
      int(point.step)
      bytes.append(Self.splitCode(point.split))
      string(point.metric.rawValue)
      double(point.value)
    }
    int(record.flow.count - logged.flow)
    for point in record.flow[logged.flow...] {
      int(point.step)
      int(point.layer)
      bytes.append(point.direction == .forward ? 0 : 1)
      int(point.timestep)
      double(point.normDh)
      optionalDouble(point.normDc)
    }
    int(record.gradientNorms.count - logged.norms)
    record.gradientNorms[logged.norms...].forEach { double($0) }
  }
}

/// How many of a record's rows, flow points and gradient norms there are.
struct RecordCounts: Equatable {
  var metrics = 0
  var flow = 0
  var norms = 0

  init(metrics: Int = 0, flow: Int = 0, norms: Int = 0) {
    (self.metrics, self.flow, self.norms) = (metrics, flow, norms)
  }

  init(_ record: TrainingRecord) {
    self.init(metrics: record.metrics.count, flow: record.flow.count, norms: record.gradientNorms.count)
  }
}

/// Reads what `CheckpointWriter` wrote; every read is nil past the end or on
/// an implausible count, so a damaged file is rejected, never trusted.
struct CheckpointReader {
  let bytes: [UInt8]
  var offset: Int

  mutating func byte() -> UInt8? {
    guard offset < bytes.count else { return nil }
    defer { offset += 1 }
    return bytes[offset]
  }
  mutating func uint64() -> UInt64? {
    guard offset + 8 <= bytes.count else { return nil }
    var value: UInt64 = 0
    for index in 0..<8 { value |= UInt64(bytes[offset + index]) << UInt64(8 * index) }
    offset += 8
    return value
  }
  mutating func int() -> Int? { uint64().map { Int(Int64(bitPattern: $0)) } }
  mutating func double() -> Double? { uint64().map(Double.init(bitPattern:)) }
  mutating func optionalDouble() -> Double?? {
    guard let flag = byte(), let value = double() else { return nil }
    return .some(flag == 0 ? nil : value)
  }
  mutating func optionalInt() -> Int?? {
    guard let flag = byte(), let value = int() else { return nil }
    return .some(flag == 0 ? nil : value)
  }
  /// A count of items of at least `size` bytes each that fit in what is left.
  mutating func count(itemSize: Int) -> Int? {
    guard let count = int(), count >= 0, count <= (bytes.count - offset) / itemSize else { return nil }
    return count
  }
  mutating func string() -> String? {
    guard let count = count(itemSize: 1) else { return nil }
    defer { offset += count }
    return String(decoding: bytes[offset..<offset + count], as: UTF8.self)
  }
  mutating func floats() -> [Float]? {
    guard let count = count(itemSize: 4) else { return nil }
    var values = [Float](repeating: 0, count: count)
    for index in 0..<count {
      let base = offset + 4 * index
      let bits = UInt32(bytes[base]) | UInt32(bytes[base + 1]) << 8 | UInt32(bytes[base + 2]) << 16
        | UInt32(bytes[base + 3]) << 24
      values[index] = Float(bitPattern: bits)
    }
    offset += 4 * count
    return values
  }
  mutating func doubles() -> [Double]? {
    guard let count = count(itemSize: 8) else { return nil }
    var values: [Double] = []
    values.reserveCapacity(count)
    for _ in 0..<count { values.append(double()!) }
    return values
  }

  /// Splits by their byte (`CheckpointWriter.splitCode`); nil past the known ones.
  static let splits: [Int: MetricSplit] = Dictionary(
    uniqueKeysWithValues: MetricSplit.allCases.map { (Int(CheckpointWriter.splitCode($0)), $0) })

  /// The kept evaluation, or `.some(nil)` when there is none; nil when damaged.
  mutating func kept() -> KeptEvaluation?? {
    guard let flag = byte(), flag <= 1 else { return nil }
    if flag == 0 { return .some(nil) }
    guard let step = int(), let evalLoss = double(), let evalAccuracy = optionalDouble(), let valLoss = double(),
      let valAccuracy = optionalDouble()
    else { return nil }
    return .some(KeptEvaluation(
      step: step, evalLoss: evalLoss, evalAccuracy: evalAccuracy, valLoss: valLoss, valAccuracy: valAccuracy))
  }

  /// The scalars `CheckpointWriter.recordScalars` wrote, in a record with empty lists.
  mutating func recordScalars() -> TrainingRecord? {
    var record = TrainingRecord()
    guard let steps = int(), let loss = optionalDouble(), let accuracy = optionalDouble(),
      let solved = optionalInt(), let valLoss = optionalDouble(), let valAccuracy = optionalDouble(),
      let kept = kept(), let decayInit = optionalDouble(), let decayFinal = optionalDouble(),
      let decayInitBackward = optionalDouble(), let decayFinalBackward = optionalDouble(),
      let underflowInit = optionalInt(), let underflowFinal = optionalInt(),
      let seconds = double(), let wallSeconds = double(), let clippedSteps = int(), clippedSteps >= 0
    else { return nil }
    record.stepsCompleted = steps
    (record.finalValLoss, record.finalValAccuracy, record.kept) = (valLoss, valAccuracy, kept)
    (record.finalEvalLoss, record.finalEvalAccuracy, record.stepsToSolve) = (loss, accuracy, solved)
    (record.decayInit, record.decayFinal) = (decayInit, decayFinal)
    (record.decayInitBackward, record.decayFinalBackward) = (decayInitBackward, decayFinalBackward)
    (record.underflowInit, record.underflowFinal) = (underflowInit, underflowFinal)
    (record.trainingSeconds, record.wallSeconds) = (seconds, wallSeconds)
    record.clippedSteps = clippedSteps
    return record
  }

  /// Appends one chunk of `CheckpointWriter.records` to `record`; false when damaged.
  mutating func records(into record: inout TrainingRecord) -> Bool {
    guard let metricCount = count(itemSize: 25) else { return false }
    record.metrics.reserveCapacity(record.metrics.count + metricCount)
    for _ in 0..<metricCount {
      guard let step = int(), let code = byte(), let split = Self.splits[Int(code)], let name = string(),
        let value = double()
      else { return false }
      record.metrics.append(MetricPoint(step: step, split: split, metric: MetricName(rawValue: name), value: value))
    }
    guard let flowCount = count(itemSize: 34) else { return false }
    record.flow.reserveCapacity(record.flow.count + flowCount)
    for _ in 0..<flowCount {
      guard let step = int(), let layer = int(), let direction = byte(), direction <= 1, let timestep = int(),
        let normDh = double(), let normDc = optionalDouble()
      else { return false }
      record.flow.append(
        FlowPoint(
          step: step, layer: layer, direction: direction == 0 ? .forward : .backward, timestep: timestep,
          normDh: normDh, normDc: normDc))
    }
    guard let norms = doubles() else { return false }
    record.gradientNorms += norms
    return true
  }
}
