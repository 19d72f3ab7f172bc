import RNNLabRandom
import RNNLabSpec

/// Which trials `runner verify --sample K` re-runs.
///
/// The K trials with the smallest `sampleKey` of their id (FNV-1a, then one
/// SplitMix64 step), returned in plan order. The choice depends only on the
/// trial ids, so the same spec always gives the same sample on every machine,
/// and the mixed hash scatters it over tasks, lengths, models and seeds.
/// Evenly spaced plan indexes would line up with the grid and pick the same
/// model and seed at every length, and FNV-1a alone would not do either: ids
/// that differ only in their last character (`…-s1`, `…-s2`) get neighbouring
/// hashes, so whole groups of seeds would be picked together.
public enum VerificationSample {
  /// The trials to verify: all of them when `size` is nil or at least the
  /// plan's size, else `size` of them as described above.
  public static func trials(of plan: Plan, size: Int?) -> [Trial] {
    guard let size, size < plan.trials.count else { return plan.trials }
    let chosen = plan.trials
      .map { (hash: sampleKey($0.id), index: $0.index) }
      .sorted { ($0.hash, $0.index) < ($1.hash, $1.index) }
      .prefix(max(0, size))
      .map(\.index)
    return chosen.sorted().map { plan.trials[$0] }
  }

  /// The order in which trials enter the sample: the SplitMix64 mix of the
  /// id's FNV-1a hash.
  public static func sampleKey(_ trialID: String) -> UInt64 {
    StableHash.combine(StableHash.fnv1a64(trialID), 0)
  }
}
