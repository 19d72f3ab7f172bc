/// The optimiser that trains a model.
public enum OptimizerKind: String, SpecName {
  case adam
  case sgd
  case rmsprop

  public static let noun = "optimizer"

  /// Whether the `momentum` setting means anything to this optimiser.
  public var usesMomentum: Bool { self != .adam }
}
