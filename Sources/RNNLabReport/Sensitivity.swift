import RNNLabResults

/// How much of the spread in validation loss over a model's configurations
/// each searched key's main effect explains: a crude analogue of the
/// functional ANOVA of Greff et al. (2015), not their random-forest fANOVA.
///
/// For one key over configurations i with mean validation loss yᵢ: group
/// the configurations by the key's value (the distinct values when there are
/// at most `bins` of them or they are not numbers; otherwise `bins` quantile
/// bins of equal count by ascending value, equal values kept together), then
///
///     share = Σ_g n_g (ȳ_g − ȳ)² / Σ_i (yᵢ − ȳ)²
///
/// (between-group over total sum of squares, i.e. η²). It is 1 when the key
/// alone decides the loss and near 0 when it is irrelevant; with few
/// configurations per group it is biased upwards, and interactions are not
/// separated out, so the shares of several keys need not sum to 1.
enum Sensitivity {
  static let bins = 4

  /// The share for `values` (one per configuration) against `losses`; nil
  /// with fewer than two configurations or when every loss is equal.
  static func share(values: [JSONValue], losses: [Double], bins: Int = bins) -> Double? {
    precondition(values.count == losses.count)
    guard losses.count >= 2 else { return nil }
    let mean = losses.reduce(0, +) / Double(losses.count)
    let total = losses.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
    guard total > 0 else { return nil }
    var members: [Int: [Double]] = [:]
    for (group, loss) in zip(groups(values, bins: bins), losses) { members[group, default: []].append(loss) }
    let between = members.keys.sorted().reduce(0.0) { sum, group in
      let ys = members[group]!
      let groupMean = ys.reduce(0, +) / Double(ys.count)
      return sum + Double(ys.count) * (groupMean - mean) * (groupMean - mean)
    }
    return min(between / total, 1)
  }

  /// The group number of each value: its distinct-value index, or its quantile bin.
  static func groups(_ values: [JSONValue], bins: Int) -> [Int] {
    let distinct = values.reduce(into: [JSONValue]()) { if !$0.contains($1) { $0.append($1) } }
    let numbers = values.compactMap(\.doubleValue)
    guard distinct.count > bins, numbers.count == values.count else {
      return values.map { distinct.firstIndex(of: $0)! }
    }
    // Rank order, then bin k takes ranks [k·n/bins, (k+1)·n/bins); a value
    // equal to its predecessor joins the predecessor's bin.
    let order = numbers.indices.sorted { (numbers[$0], $0) < (numbers[$1], $1) }
    var group = [Int](repeating: 0, count: numbers.count)
    for (rank, i) in order.enumerated() {
      if rank > 0, numbers[order[rank - 1]] == numbers[i] {
        group[i] = group[order[rank - 1]]
      } else {
        group[i] = rank * bins / numbers.count
      }
    }
    return group
  }
}
