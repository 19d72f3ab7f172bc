import RNNLabRandom

/// Seeded weight initialisers that write into slices of the flat parameter buffer.
///
/// Every draw comes from the caller's `SeededGenerator`, in a fixed order
/// (row-major over the slice), so the same seed gives the same weights.
public enum Initializers {
  /// Every value uniform in `[-bound, bound)`.
  public static func uniform(
    _ values: UnsafeMutableBufferPointer<Float>, bound: Float, using generator: inout SeededGenerator
  ) {
    for i in values.indices { values[i] = generator.uniform(-bound, bound) }
  }

  /// PyTorch's default for recurrent layers and their biases: uniform in ±1/√hidden.
  public static func pytorchDefault(
    _ values: UnsafeMutableBufferPointer<Float>, hiddenSize: Int,
    using generator: inout SeededGenerator
  ) {
    precondition(hiddenSize > 0, "hidden size must be positive")
    uniform(values, bound: 1 / Float(hiddenSize).squareRoot(), using: &generator)
  }

  /// Every value equal to `value` (e.g. the forget-gate bias block).
  public static func constant(_ values: UnsafeMutableBufferPointer<Float>, value: Float) {
    for i in values.indices { values[i] = value }
  }

  /// The `[rows, columns]` identity (ones where row == column), times `gain`:
  /// the recurrent matrix of an IRNN. Apply per `[H, H]` gate block if needed.
  public static func identity(
    _ values: UnsafeMutableBufferPointer<Float>, rows: Int, columns: Int, gain: Float = 1
  ) {
    precondition(values.count == rows * columns, "identity: \(values.count) values for [\(rows), \(columns)]")
    for row in 0..<rows {
      for column in 0..<columns { values[row * columns + column] = row == column ? gain : 0 }
    }
  }

  /// A square `[n, n]` Gaussian matrix, entries N(0, (1/√n)²), drawn in
  /// Double row-major; when `radius` is given it is then scaled so its
  /// spectral radius (`SpectralRadius.estimate`, start vector drawn from
  /// the same generator) is `radius`. Rounded to Float once, at the end.
  public static func normal(
    _ values: UnsafeMutableBufferPointer<Float>, size n: Int, radius: Double?,
    using generator: inout SeededGenerator
  ) {
    precondition(n > 0 && values.count == n * n, "normal: \(values.count) values for [\(n), \(n)]")
    let std = 1 / Double(n).squareRoot()
    var matrix = (0..<(n * n)).map { _ in generator.nextGaussian() * std }
    if let radius {
      let measured = SpectralRadius.estimate(matrix, size: n, using: &generator)
      precondition(measured > 0, "normal: a Gaussian matrix with spectral radius 0")
      let scale = radius / measured
      for i in matrix.indices { matrix[i] *= scale }
    }
    for i in matrix.indices { values[i] = Float(matrix[i]) }
  }

  /// A random `[rows, columns]` matrix with orthonormal rows (rows ≤ columns)
  /// or orthonormal columns (rows > columns), times `gain`, like PyTorch's
  /// `orthogonal_`: a Gaussian matrix's QR factor with R's diagonal made
  /// positive, which is Haar-distributed. Computed in Double.
  public static func orthogonal(
    _ values: UnsafeMutableBufferPointer<Float>, rows: Int, columns: Int, gain: Float = 1,
    using generator: inout SeededGenerator
  ) {
    precondition(rows > 0 && columns > 0, "orthogonal: empty shape [\(rows), \(columns)]")
    precondition(values.count == rows * columns, "orthogonal: \(values.count) values for [\(rows), \(columns)]")
    // Draw [rows, columns] row-major, then work on the tall orientation:
    // `wide` vectors of length `tall`, vector j at j·tall.
    var gaussian = [Double](repeating: 0, count: rows * columns)
    for i in gaussian.indices { gaussian[i] = generator.nextGaussian() }
    let transposed = rows < columns
    let tall = max(rows, columns), wide = min(rows, columns)
    var basis = [Double](repeating: 0, count: rows * columns)
    for r in 0..<rows {
      for c in 0..<columns {
        basis[transposed ? r * tall + c : c * tall + r] = gaussian[r * columns + c]
      }
    }
    basis.withUnsafeMutableBufferPointer { orthonormalize($0.baseAddress!, count: wide, length: tall) }
    for r in 0..<rows {
      for c in 0..<columns {
        let q = basis[transposed ? r * tall + c : c * tall + r]
        values[r * columns + c] = Float(q) * gain
      }
    }
  }

  /// Modified Gram–Schmidt with one re-orthogonalisation pass ("twice is
  /// enough"), so the columns are orthonormal to Double rounding even when
  /// the Gaussian matrix is badly conditioned. Each column keeps a positive
  /// component along its original direction, i.e. R's diagonal is positive.
  static func orthonormalize(_ vectors: UnsafeMutablePointer<Double>, count: Int, length: Int) {
    for j in 0..<count {
      let v = vectors + j * length
      for _ in 0..<2 {
        for i in 0..<j {
          let u = vectors + i * length
          var dot = 0.0
          for r in 0..<length { dot += u[r] * v[r] }
          for r in 0..<length { v[r] -= dot * u[r] }
        }
      }
      var squared = 0.0
      for r in 0..<length { squared += v[r] * v[r] }
      let norm = squared.squareRoot()
      precondition(norm > 0, "orthogonal: degenerate Gaussian draw")
      for r in 0..<length { v[r] /= norm }
    }
  }
}
