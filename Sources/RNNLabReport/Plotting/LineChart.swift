/// A line chart with one or more side-by-side panels that share both axes,
/// and a legend on the right. Rendered to SVG by `LineChart+SVG.swift`.
struct LineChart {
  var title: String
  /// A smaller second line under the title (what the lines and bands mean).
  var subtitle: String?
  var xLabel: String
  var yLabel: String
  var xAxis: PlotAxis
  var yAxis: PlotAxis
  var panels: [Panel]
  var legend: [LegendEntry]

  /// One plot area with its own title.
  struct Panel {
    var title: String?
    var series: [Series]
  }

  /// One line; a point with a y the axis cannot show (NaN, or ≤ 0 on a log
  /// axis) breaks the line there.
  struct Series {
    var style: LineStyle
    var points: [Point]
    /// A shaded range (e.g. min–max over seeds) drawn behind the line.
    var band: [Range] = []
    /// Vertical range bars at single x values (e.g. min–max over seeds).
    var whiskers: [Range] = []
    /// False for a scatter: markers at every point, no line between them.
    var connected = true
  }

  struct Point {
    var x: Double
    var y: Double
  }

  struct Range {
    var x: Double
    var low: Double
    var high: Double
  }

  /// How a line looks: colour, dash pattern and point marker.
  struct LineStyle {
    var colour: String
    var dash: String? = nil
    var marker: Marker? = nil
    /// Draw markers hollow (white fill), used for the backward direction.
    var hollow = false
    var width = 2.0
  }

  /// A legend row: a line sample with its label, or a note in grey when `style` is nil.
  struct LegendEntry {
    var label: String
    var style: LineStyle?
    /// Draw a band swatch behind the line sample.
    var band = false
  }

  enum Marker: CaseIterable {
    case circle, square, triangle, diamond, triangleDown, hexagon
  }
}

/// Colours, markers and dash patterns that stay distinguishable for
/// colour-blind readers and in greyscale: the Okabe–Ito palette (yellow last,
/// it is faint on white), a different marker shape per model, and once the
/// eight colours are used up a different dash pattern, so that models 1 and 9
/// (`lstm` and `fb0` in the gates experiment) differ in colour-blind-safe ways
/// beyond the marker.
enum Palette {
  static let colours = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"]
  /// Forward-direction line patterns for the first, second, third… round of colours.
  static let dashes: [String?] = [nil, "1.5 3.5", "10 3 2 3", "4 2"]
  /// The backward direction of a bidirectional model: dashed, hollow markers.
  static let backwardDashes = ["6 3", "6 3 1.5 3", "12 4", "6 2 6 6"]

  /// The style of the model at `position` in the report's model order, so a
  /// model has the same colour, marker and pattern in every plot. Unique for
  /// the first 96 models (8 colours × 4 patterns × 6 markers: lcm(8, 6) = 24
  /// positions before colour and marker repeat together).
  static func style(position: Int, backward: Bool = false) -> LineChart.LineStyle {
    let round = (position / colours.count) % dashes.count
    return LineChart.LineStyle(
      colour: colours[position % colours.count],
      dash: backward ? backwardDashes[round] : dashes[round],
      marker: LineChart.Marker.allCases[position % LineChart.Marker.allCases.count],
      hollow: backward)
  }

  /// The trivial baseline: grey, long dashes, no marker.
  static let baseline = LineChart.LineStyle(colour: "#666666", dash: "9 5", width: 1.5)
}
