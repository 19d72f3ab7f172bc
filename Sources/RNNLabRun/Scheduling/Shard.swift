import RNNLabText
/// One of `count` deterministic slices of a plan, chosen with `--shard I/N`.
///
/// `index` is 0-based (`0..<count`), the same numbering as Slurm's
/// `SLURM_ARRAY_TASK_ID` for `--array=0-(N-1)` and Kubernetes'
/// `JOB_COMPLETION_INDEX`, so a job script can pass its id through unchanged.
///
/// Trials are dealt round-robin by their plan index: shard `I` gets the trials
/// whose index `i` satisfies `i % N == I`. The plan varies the seed fastest and
/// the sequence length slowest, so dealing by index (rather than cutting the plan
/// into contiguous blocks) gives every shard a mix of short and long sequences
/// and therefore similar running times. The slice depends only on the plan
/// index, never on which trials are already done, so re-running a shard after a
/// crash picks up exactly its own trials.
public struct Shard: Equatable, Hashable, Sendable, CustomStringConvertible {
  /// Which slice, `0..<count`.
  public let index: Int
  /// How many slices the plan is cut into.
  public let count: Int

  /// The whole plan (`0/1`).
  public static let whole = Shard(validIndex: 0, count: 1)

  private init(validIndex: Int, count: Int) {
    self.index = validIndex
    self.count = count
  }

  /// A shard, checking that `0 <= index < count`.
  public init(index: Int, count: Int) throws(RunnerError) {
    guard count >= 1 else {
      throw Shard.error("the number of shards must be at least 1, got \(count)")
    }
    guard (0..<count).contains(index) else {
      throw Shard.error(
        "shard index \(index) is out of range for \(count) shard\(count == 1 ? "" : "s") "
          + "(expected 0...\(count - 1); indexes are 0-based, like SLURM_ARRAY_TASK_ID)")
    }
    self.init(validIndex: index, count: count)
  }

  /// Parses `I/N`, e.g. `0/4` for the first of four shards.
  public init(parsing text: String) throws(RunnerError) {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2,
      let index = Int(parts[0].trimmingSpaces), let count = Int(parts[1].trimmingSpaces)
    else {
      throw Shard.error(
        "expected I/N (the 0-based index I of N shards, e.g. 0/4), got '\(EchoedText.escaped(text))'")
    }
    try self.init(index: index, count: count)
  }

  /// `I/N`, the form `--shard` accepts.
  public var description: String { "\(index)/\(count)" }

  /// Whether this shard is the whole plan.
  public var isWhole: Bool { count == 1 }

  /// Whether the trial at plan position `planIndex` belongs to this shard.
  public func contains(planIndex: Int) -> Bool { planIndex % count == index }

  /// Whether some plan index belongs to both shards: k ≡ i (mod n) and
  /// k ≡ j (mod m) have a solution exactly when i ≡ j (mod gcd(n, m)).
  public func overlaps(_ other: Shard) -> Bool {
    var (a, b) = (count, other.count)
    while b != 0 { (a, b) = (b, a % b) }
    return index % a == other.index % a
  }

  /// The elements of `items` that belong to this shard, in their original order;
  /// `planIndex` gives each element's position in the full plan.
  public func slice<Element>(_ items: [Element], planIndex: (Element) -> Int) -> [Element] {
    items.filter { contains(planIndex: planIndex($0)) }
  }

  private static func error(_ message: String) -> RunnerError {
    RunnerError(path: "--shard", message: message, exitCode: .badInput)
  }
}

extension Substring {
  fileprivate var trimmingSpaces: Substring {
    var text = self
    while text.first == " " { text.removeFirst() }
    while text.last == " " { text.removeLast() }
    return text
  }
}
