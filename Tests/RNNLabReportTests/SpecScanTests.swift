import Testing

@testable import RNNLabReport

/// The line scan that reads name, description and report.compare_to from spec.yaml.
@Suite struct SpecScanTests {
  @Test func readsBlockStyle() {
    let scan = SpecScan(
      yaml: """
        # comment
        name: long_dep   # trailing comment
        description: "Gated cells vs plain RNNs"
        models:
          - name: rnn
            compare_to: not-this-one
        report:
          # which model to compare with
          compare_to: lstm
        training:
          steps: 10
        """)
    #expect(scan == SpecScan(name: "long_dep", description: "Gated cells vs plain RNNs", compareTo: "lstm"))
  }

  @Test func readsInlineMappingAndQuotes() {
    #expect(SpecScan(yaml: "report: {compare_to: 'gru'}\n").compareTo == "gru")
    #expect(SpecScan(yaml: "report: {other: 1, compare_to: peephole}\n").compareTo == "peephole")
  }

  @Test func ignoresNullsBlockScalarsAndNestedKeys() {
    #expect(SpecScan(yaml: "report:\n  compare_to: null\n").compareTo == nil)
    #expect(SpecScan(yaml: "report:\n  compare_to: ~\n").compareTo == nil)
    #expect(SpecScan(yaml: "description: |\n  multi\n  line\n").description == nil)
    #expect(SpecScan(yaml: "tasks:\n  name: inner\n").name == nil)
    #expect(SpecScan(yaml: "").compareTo == nil)
  }

  init() {}
}

extension SpecScan {
  init(name: String?, description: String?, compareTo: String?) {
    self.init(yaml: "")
    self.name = name
    self.description = description
    self.compareTo = compareTo
  }
}
