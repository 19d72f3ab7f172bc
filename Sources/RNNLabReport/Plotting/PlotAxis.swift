import Foundation

/// One axis of a chart: linear or logarithmic, its domain and its ticks.
struct PlotAxis {
  enum Scale {
    case linear
    case log
  }

  var scale: Scale
  var lower: Double
  var upper: Double
  var ticks: [Double]

  /// Where `value` falls between the ends, 0 at `lower` and 1 at `upper`.
  func fraction(_ value: Double) -> Double {
    switch scale {
    case .linear: (value - lower) / (upper - lower)
    case .log: (log10(value) - log10(lower)) / (log10(upper) - log10(lower))
    }
  }

  /// Whether `value` can be drawn on this axis (finite, and positive on a log axis).
  func canShow(_ value: Double) -> Bool {
    value.isFinite && (scale == .linear || value > 0)
  }

  /// A linear axis covering `values`, extended to round ticks.
  static func linear(covering values: [Double]) -> PlotAxis {
    var (low, high) = bounds(of: values) ?? (0, 1)
    if low == high {
      let spread = Swift.max(abs(low) * 0.1, 1)
      (low, high) = (low - spread, high + spread)
    }
    let step = niceStep((high - low) / 5)
    let first = (low / step).rounded(.down)
    let last = (high / step).rounded(.up)
    let ticks = stride(from: first, through: last, by: 1).map { $0 * step }
    return PlotAxis(scale: .linear, lower: first * step, upper: last * step, ticks: ticks)
  }

  /// A logarithmic axis covering the positive `values`, padded a little,
  /// with ticks at 1-2-5 multiples (whole decades when
  /// that gives too many, 1…9 when too few).
  static func logarithmic(covering values: [Double]) -> PlotAxis {
    var (low, high) = bounds(of: values.filter { $0 > 0 }) ?? (0.1, 1)
    if low == high { (low, high) = (low / 2, high * 2) }
    let pad = pow(high / low, 0.04)
    let (lower, upper) = (low / pad, high * pad)
    func ticks(_ mantissas: [Int]) -> [Double] {
      var ticks: [Double] = []
      for exponent in Int(floor(log10(lower)))...Int(ceil(log10(upper))) {
        for mantissa in mantissas {
          let tick = Double("\(mantissa)e\(exponent)")!
          if tick >= lower, tick <= upper { ticks.append(tick) }
        }
      }
      return ticks
    }
    var chosen = ticks([1, 2, 5])
    if chosen.count > 9 {
      chosen = ticks([1])
      if chosen.count > 8 {
        // Every k-th decade, keeping whole powers of ten.
        let every = (chosen.count + 7) / 8
        chosen = chosen.enumerated().filter { $0.offset % every == 0 }.map(\.element)
      }
    } else if chosen.count < 3 {
      chosen = ticks(Array(1...9))
    }
    if chosen.count < 3 {
      // A narrow range: evenly spaced round numbers read better than one decade tick.
      chosen = linear(covering: [lower, upper]).ticks.filter { $0 >= lower && $0 <= upper && $0 > 0 }
    }
    let ticks = chosen
    return PlotAxis(scale: .log, lower: lower, upper: upper, ticks: ticks)
  }

  /// An axis whose ticks are exactly `values` (e.g. the sequence lengths run),
  /// padded so the first and last points do not sit on the frame.
  static func categorical(_ values: [Double], scale: Scale) -> PlotAxis {
    let sorted = Array(Set(values)).sorted()
    guard let low = sorted.first, let high = sorted.last else { return linear(covering: []) }
    switch scale {
    case .log where low > 0:
      let pad = low == high ? 2 : pow(high / low, 0.06)
      return PlotAxis(scale: .log, lower: low / pad, upper: high * pad, ticks: sorted)
    default:
      let pad = low == high ? Swift.max(abs(low) * 0.5, 1) : (high - low) * 0.06
      return PlotAxis(scale: .linear, lower: low - pad, upper: high + pad, ticks: sorted)
    }
  }

  static func bounds(of values: [Double]) -> (Double, Double)? {
    let finite = values.filter(\.isFinite)
    guard let first = finite.first else { return nil }
    return (finite.reduce(first) { Swift.min($0, $1) }, finite.reduce(first) { Swift.max($0, $1) })
  }

  /// 1, 2, 2.5 or 5 times a power of ten, at least `raw`.
  static func niceStep(_ raw: Double) -> Double {
    let power = pow(10, floor(log10(raw)))
    for factor in [1, 2, 2.5, 5] where factor * power >= raw * 0.999_999 { return factor * power }
    return 10 * power
  }
}
