import Testing

@testable import RNNLabResults

@Suite struct CSVTests {
  @Test func quotesOnlyWhenNeeded() {
    #expect(CSV.field("plain") == "plain")
    #expect(CSV.field("a,b") == "\"a,b\"")
    #expect(CSV.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
    #expect(CSV.field("two\nlines") == "\"two\nlines\"")
    #expect(CSV.row(["1", "", "x,y"]) == "1,,\"x,y\"\n")
  }

  @Test func numbersUseShortestRoundTripForm() {
    #expect(CSV.number(0.1) == "0.1")
    #expect(CSV.number(3) == "3.0")
    #expect(CSV.number(1e-5) == "1e-05")
    #expect(CSV.number(Double(Float(0.1))) == "0.10000000149011612")
    #expect(CSV.number(nil) == "")
    for value in [0.1, 1.0 / 3.0, 2.5e-300, -123456.789, Double(Float(0.2))] {
      #expect(Double(CSV.number(value)) == value)
    }
  }

  @Test func parsesQuotedFieldsEmbeddedNewlinesAndCRLF() throws {
    let text = "a,b,c\r\n1,\"x,\"\"y\"\"\",\"line1\nline2\"\r\n\n2,,last"
    let records = try CSV.parse(text, path: "t.csv")
    #expect(records.map(\.fields) == [["a", "b", "c"], ["1", "x,\"y\"", "line1\nline2"], ["2", "", "last"]])
    #expect(records.map(\.line) == [1, 2, 5])
    #expect(records[1].columns == [1, 3, 13])
  }

  @Test func writerAndReaderAgree() throws {
    let rows = [["h1", "h2"], ["a,b", "c\"d"], ["", "e\nf"]]
    let text = rows.map(CSV.row).joined()
    #expect(try CSV.parse(text, path: "t.csv").map(\.fields) == rows)
  }

  @Test func unterminatedQuoteIsReportedWhereItOpens() {
    #expect(throws: ResultsError(path: "t.csv", line: 2, column: 3, message: "unterminated quoted field")) {
      try CSV.parse("a,b\n1,\"open\n", path: "t.csv")
    }
  }

  @Test func strayQuotesAreErrors() {
    #expect(throws: ResultsError.self) { try CSV.parse("a,b\n1,x\"y\n", path: "t.csv") }
    #expect(throws: ResultsError.self) { try CSV.parse("a,b\n1,\"x\"y\n", path: "t.csv") }
  }

  @Test func typedReadersPointAtTheBadField() {
    let header = "step,split,metric,value\n"
    #expect(throws: ResultsError(path: "m.csv", line: 2, column: 1, message: "step 'x' is not an integer")) {
      try MetricPoint.parse(csv: header + "x,train,loss,1\n", path: "m.csv")
    }
    #expect(
      throws: ResultsError(path: "m.csv", line: 3, column: 3, message: "split 'test' is not one of: train, eval, val")
    ) {
      try MetricPoint.parse(csv: header + "0,train,loss,1\n1,test,loss,1\n", path: "m.csv")
    }
    #expect(throws: ResultsError(path: "m.csv", line: 2, column: 1, message: "expected 4 fields, found 3")) {
      try MetricPoint.parse(csv: header + "0,train,loss\n", path: "m.csv")
    }
    #expect(throws: ResultsError.self) {
      try FlowPoint.parse(csv: "step,layer,direction,timestep,norm_dh,norm_dc\n0,0,forward,0,1,\n", path: "f.csv")
    }
    #expect(throws: ResultsError(path: "m.csv", message: "empty file, expected the header 'step,split,metric,value'")) {
      try MetricPoint.parse(csv: "", path: "m.csv")
    }
  }
}

@Suite struct FloatConversionTests {
  @Test func floatsKeepTheirShortestDecimalForm() {
    #expect(Double(shortestDecimalOf: Float(0.1)) == 0.1)
    #expect(CSV.number(Double(shortestDecimalOf: Float(1) / 3)) == "0.33333334")
    #expect(Double(shortestDecimalOf: .infinity) == .infinity)
    #expect(Double(shortestDecimalOf: .nan).isNaN)
    #expect(Float(Double(shortestDecimalOf: 1.2345678e-20)) == 1.2345678e-20)
  }
}

/// Issue 26: an error quotes at most 200 characters of what it read.
@Suite struct CSVHostileTests {
  @Test func aHugeMalformedHeaderOrFieldIsNotEchoedWhole() throws {
    let long = String(repeating: "y", count: 1_000_000)
    let cut = String(repeating: "y", count: 200) + "… (1000000 characters)"
    let cases = [
      (long + "\n", "m.csv:1:1: error: expected the header 'step,split,metric,value', found '\(cut)'"),
      ("step,split,metric,value\n\(long),train,loss,1\n", "m.csv:2:1: error: step '\(cut)' is not an integer"),
      ("step,split,metric,value\n1,\(long),loss,1\n", "m.csv:2:3: error: split '\(cut)' is not one of: train, eval, val"),
    ]
    for (text, message) in cases {
      #expect {
        try MetricPoint.parse(csv: text, path: "m.csv")
      } throws: { error in
        "\(error)" == message
      }
    }
  }
}
