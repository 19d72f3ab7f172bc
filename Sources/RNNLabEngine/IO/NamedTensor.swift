/// A named Float32 tensor: one entry of a weights file (PyTorch parameter name,
/// row-major shape, values in row-major order).
public struct NamedTensor: Equatable, Sendable {
  public var name: String
  public var shape: [Int]
  public var values: [Float]

  public init(name: String, shape: [Int], values: [Float]) {
    self.name = name
    self.shape = shape
    self.values = values
  }

  /// The product of the shape (1 for a scalar's empty shape).
  public var elementCount: Int { shape.reduce(1, *) }
}
