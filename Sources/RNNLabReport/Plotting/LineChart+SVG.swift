import Foundation

/// Renders a `LineChart` as a self-contained SVG document.
extension LineChart {
  /// Fixed geometry: every chart of the report has the same proportions.
  private enum Layout {
    static let panelWidth = 460.0
    static let panelHeight = 300.0
    static let left = 78.0
    static let gap = 74.0
    static let bottom = 58.0
    static let legendGap = 26.0
    static let right = 14.0
  }

  /// The SVG text.
  var svg: String {
    let hasPanelTitles = panels.contains { $0.title != nil }
    let top = 36.0 + (subtitle == nil ? 0 : 18) + (hasPanelTitles ? 26 : 10)
    let legendLeft = Layout.left + Double(panels.count) * Layout.panelWidth
      + Double(panels.count - 1) * Layout.gap + Layout.legendGap
    let longest = legend.map(\.label.count).max() ?? 0
    let legendWidth = Swift.min(Swift.max(Double(longest) * 6.8 + 44, 120), 320)
    let width = legendLeft + legendWidth + Layout.right
    let height = top + Layout.panelHeight + Layout.bottom

    var svg = SVGWriter(width: width, height: height, title: title)
    svg.text(title, x: Layout.left, y: 26, [("font-size", "16"), ("font-weight", "bold"), ("fill", "#222222")])
    if let subtitle {
      svg.text(subtitle, x: Layout.left, y: 45, [("font-size", "12"), ("fill", "#555555")])
    }
    svg.text(
      yLabel, x: 0, y: 0,
      [
        ("transform", "translate(18 \(SVGWriter.number(top + Layout.panelHeight / 2))) rotate(-90)"),
        ("text-anchor", "middle"), ("font-size", "13"), ("fill", "#222222"),
      ])
    for (index, panel) in panels.enumerated() {
      let frame = Frame(
        x: Layout.left + Double(index) * (Layout.panelWidth + Layout.gap), y: top,
        width: Layout.panelWidth, height: Layout.panelHeight)
      draw(panel, number: index, in: frame, into: &svg)
    }
    drawLegend(into: &svg, x: legendLeft, y: top + 6)
    return svg.document
  }

  /// A plot area in pixels, with the mapping from data to pixels.
  private struct Frame {
    var x: Double
    var y: Double
    var width: Double
    var height: Double
  }

  private func px(_ value: Double, _ frame: Frame) -> Double { frame.x + xAxis.fraction(value) * frame.width }
  private func py(_ value: Double, _ frame: Frame) -> Double {
    frame.y + (1 - yAxis.fraction(value)) * frame.height
  }

  private func draw(_ panel: Panel, number: Int, in frame: Frame, into svg: inout SVGWriter) {
    let grid: [(String, String)] = [("stroke", "#e3e3e3"), ("stroke-width", "1")]
    let tickText: [(String, String)] = [("font-size", "11"), ("fill", "#333333")]
    if let title = panel.title {
      svg.text(
        title, x: frame.x + frame.width / 2, y: frame.y - 10,
        [("text-anchor", "middle"), ("font-size", "13"), ("font-weight", "bold"), ("fill", "#222222")])
    }
    for tick in yAxis.ticks {
      let y = py(tick, frame)
      svg.line(x1: frame.x, y1: y, x2: frame.x + frame.width, y2: y, grid)
      svg.line(x1: frame.x - 5, y1: y, x2: frame.x, y2: y, [("stroke", "#333333")])
      svg.text(NumberText.tick(tick), x: frame.x - 8, y: y + 4, [("text-anchor", "end")] + tickText)
    }
    for tick in xAxis.ticks {
      let x = px(tick, frame)
      svg.line(x1: x, y1: frame.y, x2: x, y2: frame.y + frame.height, grid)
      svg.line(x1: x, y1: frame.y + frame.height, x2: x, y2: frame.y + frame.height + 5, [("stroke", "#333333")])
      svg.text(
        NumberText.tick(tick), x: x, y: frame.y + frame.height + 19, [("text-anchor", "middle")] + tickText)
    }
    svg.text(
      xLabel, x: frame.x + frame.width / 2, y: frame.y + frame.height + 42,
      [("text-anchor", "middle"), ("font-size", "13"), ("fill", "#222222")])

    let clipID = "plot-area-\(number + 1)"
    svg.open("clipPath", [("id", clipID)])
    svg.element(
      "rect",
      [
        ("x", SVGWriter.number(frame.x)), ("y", SVGWriter.number(frame.y)),
        ("width", SVGWriter.number(frame.width)), ("height", SVGWriter.number(frame.height)),
      ])
    svg.close("clipPath")
    svg.open("g", [("clip-path", "url(#\(clipID))")])
    for series in panel.series where !series.band.isEmpty { drawBand(series, frame, &svg) }
    for series in panel.series where !series.whiskers.isEmpty { drawWhiskers(series, frame, &svg) }
    for series in panel.series where series.connected { drawLine(series, frame, &svg) }
    svg.close("g")
    for series in panel.series where series.style.marker != nil {
      // Long series get a marker on about every tenth point: enough to tell the
      // lines apart by shape without hiding them.
      let every = series.points.count <= 24 || !series.connected ? 1 : (series.points.count + 9) / 10
      for (offset, point) in series.points.enumerated()
      where offset % every == 0 && xAxis.canShow(point.x) && yAxis.canShow(point.y) {
        drawMarker(series.style, at: (px(point.x, frame), py(point.y, frame)), into: &svg)
      }
    }
    svg.line(
      x1: frame.x, y1: frame.y + frame.height, x2: frame.x + frame.width, y2: frame.y + frame.height,
      [("stroke", "#333333")])
    svg.line(x1: frame.x, y1: frame.y, x2: frame.x, y2: frame.y + frame.height, [("stroke", "#333333")])
  }

  private func drawBand(_ series: Series, _ frame: Frame, _ svg: inout SVGWriter) {
    let shown = series.band.filter { xAxis.canShow($0.x) && $0.high.isFinite && $0.low.isFinite }
    guard shown.count > 1 else { return }
    // On a log axis a low end of 0 or below is drawn at the bottom of the plot.
    let floor = yAxis.scale == .log ? yAxis.lower : -Double.infinity
    let upperEdge = shown.map { (px($0.x, frame), py(Swift.max($0.high, floor), frame)) }
    let lowerEdge = shown.reversed().map { (px($0.x, frame), py(Swift.max($0.low, floor), frame)) }
    svg.element(
      "polygon",
      [
        ("points", SVGWriter.points(upperEdge + lowerEdge)), ("fill", series.style.colour),
        ("fill-opacity", "0.16"), ("stroke", "none"),
      ])
  }

  private func drawWhiskers(_ series: Series, _ frame: Frame, _ svg: inout SVGWriter) {
    for range in series.whiskers where xAxis.canShow(range.x) && yAxis.canShow(range.low) && yAxis.canShow(range.high)
    {
      let x = px(range.x, frame)
      let (y1, y2) = (py(range.low, frame), py(range.high, frame))
      let stroke: [(String, String)] = [("stroke", series.style.colour), ("stroke-width", "1.2")]
      svg.line(x1: x, y1: y1, x2: x, y2: y2, stroke)
      svg.line(x1: x - 4, y1: y1, x2: x + 4, y2: y1, stroke)
      svg.line(x1: x - 4, y1: y2, x2: x + 4, y2: y2, stroke)
    }
  }

  private func drawLine(_ series: Series, _ frame: Frame, _ svg: inout SVGWriter) {
    var runs: [[(Double, Double)]] = [[]]
    for point in series.points {
      if xAxis.canShow(point.x) && yAxis.canShow(point.y) {
        runs[runs.count - 1].append((px(point.x, frame), py(point.y, frame)))
      } else if !runs[runs.count - 1].isEmpty {
        runs.append([])
      }
    }
    for run in runs where run.count > 1 {
      var attributes: [(String, String)] = [
        ("points", SVGWriter.points(run)), ("fill", "none"), ("stroke", series.style.colour),
        ("stroke-width", SVGWriter.number(series.style.width)), ("stroke-linejoin", "round"),
        ("stroke-linecap", "round"),
      ]
      if let dash = series.style.dash { attributes.append(("stroke-dasharray", dash)) }
      svg.element("polyline", attributes)
    }
  }

  private func drawMarker(_ style: LineStyle, at point: (Double, Double), into svg: inout SVGWriter) {
    let (x, y) = point
    let paint: [(String, String)] = [
      ("fill", style.hollow ? "#ffffff" : style.colour), ("stroke", style.hollow ? style.colour : "#ffffff"),
      ("stroke-width", style.hollow ? "1.5" : "1"),
    ]
    func polygon(_ offsets: [(Double, Double)]) {
      svg.element("polygon", [("points", SVGWriter.points(offsets.map { (x + $0.0, y + $0.1) }))] + paint)
    }
    switch style.marker {
    case .none: return
    case .circle:
      svg.element("circle", [("cx", SVGWriter.number(x)), ("cy", SVGWriter.number(y)), ("r", "4.2")] + paint)
    case .square:
      polygon([(-3.8, -3.8), (3.8, -3.8), (3.8, 3.8), (-3.8, 3.8)])
    case .triangle:
      polygon([(0, -5), (4.8, 3.6), (-4.8, 3.6)])
    case .diamond:
      polygon([(0, -5.2), (5.2, 0), (0, 5.2), (-5.2, 0)])
    case .triangleDown:
      polygon([(0, 5), (4.8, -3.6), (-4.8, -3.6)])
    case .hexagon:
      polygon([(-4.6, 0), (-2.3, -4), (2.3, -4), (4.6, 0), (2.3, 4), (-2.3, 4)])
    }
  }

  private func drawLegend(into svg: inout SVGWriter, x: Double, y: Double) {
    for (row, entry) in legend.enumerated() {
      let rowY = y + Double(row) * 21
      guard let style = entry.style else {
        svg.text(entry.label, x: x, y: rowY + 4, [("font-size", "11.5"), ("fill", "#666666")])
        continue
      }
      if entry.band {
        svg.element(
          "rect",
          [
            ("x", SVGWriter.number(x)), ("y", SVGWriter.number(rowY - 6)), ("width", "30"), ("height", "12"),
            ("fill", style.colour), ("fill-opacity", "0.16"),
          ])
      }
      var attributes: [(String, String)] = [("stroke", style.colour), ("stroke-width", SVGWriter.number(style.width))]
      if let dash = style.dash { attributes.append(("stroke-dasharray", dash)) }
      svg.line(x1: x, y1: rowY, x2: x + 30, y2: rowY, attributes)
      drawMarker(style, at: (x + 15, rowY), into: &svg)
      svg.text(entry.label, x: x + 38, y: rowY + 4, [("font-size", "12"), ("fill", "#222222")])
    }
  }
}
