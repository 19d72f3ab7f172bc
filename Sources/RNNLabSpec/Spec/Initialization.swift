/// How a model's recurrent weights are initialised.
public enum Initialization: String, SpecName {
  /// PyTorch's default: every weight uniform in ±1/√hidden. Spelt `default`.
  case uniform = "default"
  /// Recurrent matrices orthogonal (input weights and biases as `default`).
  case orthogonal
  /// Recurrent matrices the identity (Le et al. 2015 "IRNN" with relu).
  case identity
  /// Recurrent matrices Gaussian: entries N(0, 1/hidden) (std 1/√hidden), or
  /// scaled to `recurrent_radius` when given.
  case normal

  public static let noun = "init"
}
