import Foundation
import RNNLabResults
import Testing

@testable import RNNLabReport

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Every plot is well-formed, self-contained SVG.
@Suite struct SVGTests {
  /// Parses `text` as XML and returns the error, if any, and the element names seen.
  final class Collector: NSObject, XMLParserDelegate {
    var elements: [String] = []
    func parser(
      _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
      attributes: [String: String] = [:]
    ) {
      elements.append(name)
    }
  }

  static func parse(_ text: String) -> (ok: Bool, elements: [String]) {
    let parser = XMLParser(data: Data(text.utf8))
    let collector = Collector()
    parser.delegate = collector
    // XMLParser on Linux can return true and still set an error: check both.
    let ok = parser.parse() && parser.parserError == nil
    return (ok, collector.elements)
  }

  @Test func goldenPlotsAreWellFormedAndSelfContained() throws {
    let files = try Fixtures.render(ResultsFolder.load(GoldenFiles.input))
    let plots = files.filter { $0.key.hasPrefix("plots/") }
    #expect(plots.count == 15)
    for (path, svg) in plots {
      let (ok, elements) = Self.parse(svg)
      #expect(ok, "\(path) is not well-formed XML")
      #expect(elements.first == "svg", "\(path)")
      #expect(elements.contains("polyline"), "\(path) draws no line")
      #expect(svg.contains("xmlns=\"http://www.w3.org/2000/svg\""))
      for forbidden in ["<script", "href", "@import", "<style", "url(http"] {
        #expect(!svg.contains(forbidden), "\(path) contains \(forbidden)")
      }
    }
  }

  @Test func namesWithMarkupCharactersAreEscaped() throws {
    let trials = [
      Fixtures.trial(task: "a&b", model: "<lstm>", cell: "lstm", evalLosses: [1, 0.5, 0.2]),
      Fixtures.trial(task: "a&b", model: "\"gru\"", cell: "gru", evalLosses: [1, 0.7, 0.6]),
    ]
    let files = try Fixtures.render(Fixtures.folder(trials))
    let plots = files.filter { $0.key.hasPrefix("plots/") }
    #expect(plots.keys.sorted() == [
      "plots/a-b-loss.svg", "plots/a-b-gradient-decay.svg", "plots/a-b-grad-norm-init.svg", "plots/a-b-training-T50.svg",
    ].sorted())
    for (path, svg) in plots {
      #expect(Self.parse(svg).ok, "\(path)")
      #expect(svg.contains("&lt;lstm&gt;"))
    }
  }

  @Test func writerEscapesTextAndRoundsCoordinates() {
    #expect(SVGWriter.escape("a<b & \"c\" 'd'>") == "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;")
    #expect(SVGWriter.number(12.0) == "12")
    #expect(SVGWriter.number(12.04) == "12")
    #expect(SVGWriter.number(12.06) == "12.1")
    #expect(SVGWriter.number(-0.01) == "0")
  }
}
