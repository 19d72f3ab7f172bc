/// Namespace of the RNNLabTasks module.
public enum RNNLabTasks {}
