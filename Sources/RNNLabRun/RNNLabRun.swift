/// Namespace of the RNNLabRun module.
public enum RNNLabRun {}
