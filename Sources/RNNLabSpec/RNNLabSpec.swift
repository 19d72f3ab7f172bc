/// Namespace of the RNNLabSpec module.
public enum RNNLabSpec {}
