/// A loss value with its gradient with respect to the model's output.
public struct LossResult: Sendable, Equatable {
  /// The mean loss.
  public var value: Double
  /// ∂loss/∂output, the output's shape.
  public var dOutput: [Float]
  /// Rows whose arg-max is the target (cross-entropy; 0 for MSE).
  public var correct: Int
  /// Rows that count (unmasked; 0 for MSE).
  public var counted: Int
  /// `correct / counted`, or nil when nothing counted.
  public var accuracy: Double? { counted > 0 ? Double(correct) / Double(counted) : nil }
}

/// The training losses, each returning the loss and ∂loss/∂output.
public enum Loss {
  /// Mean squared error over all elements, `mean((output - target)²)`.
  public static func meanSquaredError(output: [Float], target: [Float]) -> LossResult {
    precondition(output.count == target.count, "output and target sizes differ")
    var d = [Float](repeating: 0, count: output.count)
    let value = d.withUnsafeMutableBufferPointer { dp in
      LossKernels.meanSquaredError(
        dOutput: dp.baseAddress!, output: output, target: target, count: output.count)
    }
    return LossResult(value: value, dOutput: d, correct: 0, counted: 0)
  }

  /// Softmax cross-entropy, mean over the unmasked rows.
  /// - Parameters:
  ///   - logits: `[rows][classes]` (rows = B, or T*B time-major: row t*B+b).
  ///   - targets: one class index per row.
  ///   - mask: per row, whether it is scored; nil scores every row.
  public static func softmaxCrossEntropy(
    logits: [Float], targets: [Int], classes: Int, mask: [Bool]? = nil
  ) -> LossResult {
    let rows = targets.count
    precondition(logits.count == rows * classes, "logits must be [rows][classes]")
    precondition(mask == nil || mask!.count == rows, "mask must have one entry per row")
    var d = [Float](repeating: 0, count: logits.count)
    let (value, correct, counted) = d.withUnsafeMutableBufferPointer { dp in
      LossKernels.softmaxCrossEntropy(
        dLogits: dp.baseAddress!, logits: logits, targets: targets, mask: mask,
        rows: rows, classes: classes)
    }
    return LossResult(value: value, dOutput: d, correct: correct, counted: counted)
  }
}

/// The losses' arithmetic, generic so the gradient checks run it in Double.
enum LossKernels {
  // dOutput: [count] out; output, target: [count]
  static func meanSquaredError<S: EngineScalar>(
    dOutput: UnsafeMutablePointer<S>, output: UnsafePointer<S>, target: UnsafePointer<S>,
    count: Int
  ) -> Double {
    var sum = 0.0
    let scale = 2 / S(count)
    for i in 0..<count {
      let diff = output[i] - target[i]
      sum += Double(diff) * Double(diff)
      dOutput[i] = scale * diff
    }
    return sum / Double(count)
  }

  // dLogits: [rows, classes] out; logits: [rows, classes]; targets, mask: [rows]
  static func softmaxCrossEntropy<S: EngineScalar>(
    dLogits: UnsafeMutablePointer<S>, logits: UnsafePointer<S>, targets: UnsafePointer<Int>,
    mask: UnsafePointer<Bool>?, rows: Int, classes: Int
  ) -> (loss: Double, correct: Int, counted: Int) {
    var counted = 0
    for r in 0..<rows where mask?[r] ?? true { counted += 1 }
    dLogits.update(repeating: 0, count: rows * classes)
    if counted == 0 { return (0, 0, 0) }
    let scale = 1 / S(counted)
    var total = 0.0
    var correct = 0
    for r in 0..<rows where mask?[r] ?? true {
      let z = logits + r * classes, d = dLogits + r * classes
      let target = targets[r]
      precondition(target >= 0 && target < classes, "target class \(target) out of range")
      var best = 0
      for c in 1..<classes where z[c] > z[best] { best = c }
      if best == target { correct += 1 }
      let top = z[best]
      var sum: S = 0
      for c in 0..<classes {
        d[c] = S.exp(z[c] - top)
        sum += d[c]
      }
      let logSum = S.log(sum)
      total += Double(logSum - (z[target] - top))
      for c in 0..<classes { d[c] = d[c] / sum * scale }
      d[target] -= scale
    }
    return (total / Double(counted), correct, counted)
  }
}
