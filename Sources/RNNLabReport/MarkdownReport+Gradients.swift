import Foundation
import RNNLabResults

/// Tables on exploding gradients and depth: how often clipping acted and
/// which trials diverged, and the gradient decay of every layer of a stacked
/// model.
extension MarkdownReport {
  /// Models × lengths: mean share of clipped updates and diverged / run.
  /// Shown when some trial of the task recorded a clipped fraction or diverged.
  func clippingTable(_ task: ResultsIndex.Task) -> String? {
    let trials = index.trials.filter { $0.summary.task == task.name }
    guard trials.contains(where: { $0.summary.clippedFraction != nil || $0.summary.status == .diverged }) else {
      return nil
    }
    var table = MarkdownTable(header: ["model"] + task.seqLens.map { "T = \($0)" })
    for model in task.models {
      table.append(["`\(model)`"] + lengthCells(task, model: model, clippingCell))
    }
    return "### Clipped updates and diverged trials\n\n"
      + "Share of training updates whose gradient was clipped (`clip_norm`: global norm above it; `clip_value`: "
      + "an element beyond it), mean over the seeds that trained, diverged ones included (their updates before "
      + "they diverged); then trials diverged / trials run. \"no clipping\": neither is set for the model.\n\n"
      + table.text + "\n"
  }

  /// "0.42 · 1/3 diverged", "no clipping · 3/3 diverged".
  private func clippingCell(_ group: TrialGroup) -> String {
    let trained = group.trials.filter { $0.summary.status != .failed }
    let fractions = trained.compactMap(\.summary.clippedFraction)
    let share: String
    if let stats = SummaryStatistics(fractions) {
      share = NumberText.fixed(stats.mean, decimals: 2)
    } else if !trained.isEmpty, trained.allSatisfy(Self.clipsNothing) {
      share = "no clipping"
    } else {
      share = "—"
    }
    return "\(share) · \(group.divergedCount)/\(group.trials.count) diverged"
  }

  /// Whether the trial's resolved config sets neither `clip_norm` nor `clip_value`.
  static func clipsNothing(_ trial: TrialResult) -> Bool {
    guard case .object(let training)? = trial.config?["training"] else { return false }
    return [training["clip_norm"], training["clip_value"]].allSatisfy { $0 == nil || $0 == .null }
  }

  /// Per layer of each stacked model (rows, bottom to top) × length: the
  /// decay log10(‖∂L/∂h_1‖ / ‖∂L/∂h_T‖) of that layer's forward direction at
  /// step 0. A table, not a plot: with several stacked models the profiles of
  /// every layer at every length would be dozens of lines, while one number
  /// per layer shows directly how much each added layer adds to the path.
  func layerDecayTable(_ task: ResultsIndex.Task) -> String? {
    let stacked = task.models.compactMap(index.model(named:)).filter { $0.layers > 1 }
    guard !stacked.isEmpty else { return nil }
    var table = MarkdownTable(header: ["model", "layer"] + task.seqLens.map { "T = \($0)" })
    for model in stacked {
      for layer in 0..<model.layers {
        let label = layer == 0 ? "1 (bottom)" : layer == model.layers - 1 ? "\(layer + 1) (top)" : "\(layer + 1)"
        table.append(
          ["`\(model.name)`", label]
            + lengthCells(task, model: model.name) { group in
              let values = SeedValues(
                all: group.done.compactMap { Self.layerDecay($0, layer: layer) }, finishedCount: group.done.count)
              return cell(values, group, format: .fixed(decimals: 2), undefined: Self.undefinedDecay)
            })
      }
    }
    return "### Gradient decay per layer at initialisation\n\n"
      + "Stacked models only: log10(‖∂L/∂h_1‖ / ‖∂L/∂h_T‖) of each layer's forward direction at step 0 "
      + "(the top layer's row is the decay table above). A lower layer's gradient has come down through the "
      + "layers above it as well as back through time. −inf in k/n: the gradient at h_1 underflowed to 0.\n\n"
      + table.text + "\n"
  }

  /// The step-0 decay of `layer` (0-based, forward) from the trial's
  /// `gradient_flow.csv`; nil without a gradient at the last step.
  static func layerDecay(_ trial: TrialResult, layer: Int) -> Double? {
    let rows = trial.flow.filter { $0.step == 0 && $0.layer == layer && $0.direction == .forward }
    guard let first = rows.min(by: { $0.timestep < $1.timestep }), let last = rows.max(by: { $0.timestep < $1.timestep }),
      last.normDh > 0, last.normDh.isFinite, first.normDh.isFinite, first.normDh >= 0
    else { return nil }
    return log10(first.normDh / last.normDh)
  }
}
