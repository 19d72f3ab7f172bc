import Testing

@testable import RNNLabReport

/// Number formatting in the report and the axis ticks of the plots.
@Suite struct FormattingTests {
  @Test func significantDigits() {
    #expect(NumberText.significant(0.123456) == "0.123")
    #expect(NumberText.significant(0.00123456) == "0.00123")
    #expect(NumberText.significant(1234.6) == "1235")
    #expect(NumberText.significant(9.996) == "10.0")
    #expect(NumberText.significant(0.000123) == "1.23e-4")
    #expect(NumberText.significant(12_345_678) == "1.23e7")
    #expect(NumberText.significant(-0.5) == "-0.500")
    #expect(NumberText.significant(0) == "0")
    #expect(NumberText.significant(.nan) == "nan")
  }

  @Test func meanAndStd() {
    #expect(NumberText.meanStd(0.0214, 0.00363) == "0.0214 ± 0.0036")
    #expect(NumberText.meanStd(0.3, 0.26457) == "0.300 ± 0.265")
    #expect(NumberText.meanStd(0.00144, 9.86e-5) == "0.00144 ± 0.00010")
    #expect(NumberText.meanStd(0.5, 1e-9) == "0.500 ± 1.0e-9")
    #expect(NumberText.meanStd(9.13e-4, 7.47e-5) == "9.13e-4 ± 7.5e-5")
    #expect(NumberText.meanStd(2.5, nil) == "2.50")
  }

  @Test func fixedNeverShowsNegativeZero() {
    #expect(NumberText.fixed(-0.001, decimals: 2) == "0.00")
    #expect(NumberText.fixed(-1.234, decimals: 2) == "-1.23")
  }

  @Test func groupedThousands() {
    #expect(NumberText.grouped(17538) == "17,538")
    #expect(NumberText.grouped(999) == "999")
    #expect(NumberText.grouped(1_000_000) == "1,000,000")
  }

  @Test func tickLabels() {
    #expect(NumberText.tick(0.05) == "0.05")
    #expect(NumberText.tick(200) == "200")
    #expect(NumberText.tick(0.30000000000000004) == "0.3")
    #expect(NumberText.tick(1e-6) == "1e-6")
    #expect(NumberText.tick(2e7) == "2e7")
  }

  @Test func logAxisTicksAreRoundAndInside() {
    let axis = PlotAxis.logarithmic(covering: [0.0009, 0.17])
    #expect(axis.ticks == [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2])
    #expect(axis.lower < 0.0009 && axis.upper > 0.17)
    let wide = PlotAxis.logarithmic(covering: [1e-9, 10])
    #expect(wide.ticks.allSatisfy { [1e-9, 1e-7, 1e-5, 1e-3, 1e-1, 1e1].contains($0) })
    let narrow = PlotAxis.logarithmic(covering: [0.16, 0.17])
    #expect(narrow.ticks.count >= 3)
    #expect(narrow.ticks.allSatisfy { $0 >= narrow.lower && $0 <= narrow.upper })
  }

  @Test func linearAxisEndsOnTicks() {
    let axis = PlotAxis.linear(covering: [-4.05, 0])
    #expect(axis.lower == -5 && axis.upper == 0)
    #expect(axis.ticks == [-5, -4, -3, -2, -1, 0])
    #expect(axis.fraction(-2.5) == 0.5)
    let flat = PlotAxis.linear(covering: [3, 3])
    #expect(flat.lower < 3 && flat.upper > 3)
  }

  @Test func markdownTablesEscapePipes() {
    var table = MarkdownTable(header: ["model", "T = 1"])
    table.append(["a|b", "1"])
    #expect(table.text == "| model | T = 1 |\n| --- | ---: |\n| a\\|b | 1 |\n")
  }
}
