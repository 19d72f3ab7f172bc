/// Namespace of the RNNLabReport module.
public enum RNNLabReport {}
