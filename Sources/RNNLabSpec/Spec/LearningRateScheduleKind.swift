/// How the learning rate changes over training (`training.lr_schedule`).
public enum LearningRateScheduleKind: String, SpecName {
  /// The rate stays `learning_rate`.
  case constant
  /// Half a cosine from `learning_rate` down to `lr_min` at the last step.
  case cosine
  /// Multiplied by `lr_step_factor` every `lr_step_every` steps.
  case step

  public static let noun = "lr_schedule"
}
