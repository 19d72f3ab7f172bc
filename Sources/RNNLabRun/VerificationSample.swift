import RNNLabRandom
import RNNLabSpec

/// Which trials `runner verify --sample K` re-runs.
///
/// The K trials whose ids have the smallest 64-bit FNV-1a hash
/// (`StableHash.fnv1a64`), returned in plan order. The choice depends only
/// on the trial ids, so the same spec always gives the same sample on every
/// machine, and the hash scatters it over tasks, lengths, models and seeds
/// (evenly spaced plan indexes would line up with the grid and pick the same
/// model and seed at every length).
public enum VerificationSample {
  /// The trials to verify: all of them when `size` is nil or at least the
  /// plan's size, else `size` of them as described above.
  public static func trials(of plan: Plan, size: Int?) -> [Trial] {
    guard let size, size < plan.trials.count else { return plan.trials }
    let chosen = plan.trials
      .map { (hash: StableHash.fnv1a64($0.id), index: $0.index) }
      .sorted { ($0.hash, $0.index) < ($1.hash, $1.index) }
      .prefix(max(0, size))
      .map(\.index)
    return chosen.sorted().map { plan.trials[$0] }
  }
}
