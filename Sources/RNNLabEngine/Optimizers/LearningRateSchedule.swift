import Foundation

/// The learning rate of every update, a pure function of the update's index
/// and the settings, so a resumed trial uses the same rates as an
/// uninterrupted one and any optimiser can follow it.
///
/// Update `s` (0-based: it turns the parameters after `s` updates into those
/// after `s + 1`) uses `rate(atStep: s)`:
/// - during warm-up (`s < warmupSteps`): `base · (s + 1) / warmupSteps`, a
///   linear ramp from 0 that reaches the base rate at the last warm-up update;
/// - after it, with `t = s − warmupSteps` and `span = totalSteps − warmupSteps`:
///   - `constant`: `base`;
///   - `cosine`: `minimum + (base − minimum) · (1 + cos(π t / span)) / 2`,
///     which would reach `minimum` after the last update;
///   - `step`: `base · factor^⌊t / every⌋`.
public struct LearningRateSchedule: Equatable, Sendable {
  public enum Shape: Equatable, Sendable {
    case constant
    case cosine(minimum: Double)
    case step(every: Int, factor: Double)
  }

  public var base: Double
  public var shape: Shape
  public var warmupSteps: Int
  /// The trial's number of updates (`steps`).
  public var totalSteps: Int

  public init(base: Double, shape: Shape = .constant, warmupSteps: Int = 0, totalSteps: Int) {
    precondition(warmupSteps >= 0 && warmupSteps < max(totalSteps, 1), "warm-up must be shorter than training")
    if case .step(let every, _) = shape { precondition(every > 0, "step schedule needs a positive interval") }
    self.base = base
    self.shape = shape
    self.warmupSteps = warmupSteps
    self.totalSteps = totalSteps
  }

  /// The rate of update `step` (0-based).
  public func rate(atStep step: Int) -> Double {
    if step < warmupSteps { return base * Double(step + 1) / Double(warmupSteps) }
    let t = step - warmupSteps
    switch shape {
    case .constant:
      return base
    case .cosine(let minimum):
      let span = Double(totalSteps - warmupSteps)
      return minimum + (base - minimum) * (1 + cos(Double.pi * Double(t) / span)) / 2
    case .step(let every, let factor):
      return base * pow(factor, Double(t / every))
    }
  }

  /// Whether every update uses the base rate.
  public var isConstant: Bool { shape == .constant && warmupSteps == 0 }
}
