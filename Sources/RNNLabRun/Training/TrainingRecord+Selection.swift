import RNNLabResults
import RNNLabSpec

extension TrainingRecord {
  /// The validation loss a selection ranks this record by: the kept one with
  /// `keep: best_val`, else the latest; nil when missing or not finite.
  func selectionValLoss(keep: KeepKind) -> Double? {
    let loss = keep == .bestVal ? kept?.valLoss : finalValLoss
    return loss.flatMap { $0.isFinite ? $0 : nil }
  }
}
