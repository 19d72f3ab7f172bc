/// "Did you mean …?" suggestions for misspelt keys and names.
public enum Suggestion {
  /// Longest word, in UTF-8 bytes, that suggestions are looked for.
  public static let maxWordBytes = 256

  /// The candidate closest to `word` by edit distance (case-insensitive), or
  /// nil when none is close enough to be a plausible typo: at most 2 edits,
  /// or a third of the word's length for long words. Words longer than
  /// `maxWordBytes` get none: no key or name is that long, and the distance
  /// table would cost time proportional to the word's length.
  public static func closest(to word: String, among candidates: [String]) -> String? {
    guard word.utf8.count <= maxWordBytes else { return nil }
    let lowered = Array(word.lowercased())
    let limit = max(2, lowered.count / 3)
    var best: (candidate: String, distance: Int)?
    for candidate in candidates where candidate != word {
      let other = Array(candidate.lowercased())
      // Each edit changes the length by at most one.
      guard abs(other.count - lowered.count) <= limit else { continue }
      let distance = editDistance(lowered, other)
      if distance <= limit, distance < (best?.distance ?? Int.max) {
        best = (candidate, distance)
      }
    }
    return best?.candidate
  }

  /// Optimal string alignment distance: insertions, deletions, substitutions
  /// and transpositions of neighbours each cost 1 (`lsmt` → `lstm` is 1).
  static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    // Rows i-2, i-1 and i of the dynamic-programming table.
    var previous2 = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          current[j] = min(current[j], previous2[j - 2] + 1)
        }
      }
      (previous2, previous, current) = (previous, current, previous2)
    }
    return previous[b.count]
  }

  /// ` (did you mean 'x'?)` or the empty string.
  static func didYouMean(_ word: String, among candidates: [String]) -> String {
    closest(to: word, among: candidates).map { " (did you mean '\($0)'?)" } ?? ""
  }
}
