/// The nonlinearity of a plain `rnn` cell.
public enum Activation: String, SpecName {
  case tanh
  case relu

  public static let noun = "activation"
}
