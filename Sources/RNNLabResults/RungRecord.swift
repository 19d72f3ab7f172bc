import Foundation

/// `rungs.json` in a halving trial's folder: the validation loss the trial
/// had at each rung it reached, which is all a rung's ranking reads. It stays
/// in the finished folder, so any later run (another shard, a resume after a
/// kill) ranks every rung again from the folder alone, to the same result.
public enum RungRecord {
  public static let fileName = "rungs.json"

  public struct Entry: Codable, Equatable, Sendable {
    public var step: Int
    /// What the final selection would use at that step (the kept validation
    /// loss with `keep: best_val`); nil when not finite (ranks last).
    public var valLoss: Double?

    public init(step: Int, valLoss: Double?) {
      self.step = step
      self.valLoss = valLoss
    }

    enum CodingKeys: String, CodingKey {
      case step
      case valLoss = "val_loss"
    }
  }

  /// The entries in `folder`, in step order; empty when there are none or the file is unreadable.
  public static func entries(in folder: URL) -> [Entry] {
    guard let data = try? Data(contentsOf: folder.appendingPathComponent(fileName)),
      let entries = try? JSONDecoder().decode([Entry].self, from: data)
    else { return [] }
    return entries
  }

  /// Records `entry`, replacing any entry at or past its step (left by a
  /// run killed after it and then resumed from an earlier checkpoint).
  public static func append(_ entry: Entry, to folder: URL) throws {
    let entries = self.entries(in: folder).filter { $0.step < entry.step } + [entry]
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    try AtomicFile.write(try encoder.encode(entries), to: folder.appendingPathComponent(fileName))
  }
}
