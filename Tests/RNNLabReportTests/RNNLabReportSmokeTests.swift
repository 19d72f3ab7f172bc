import Testing
import RNNLabReport

@Suite struct RNNLabReportSmokeTests {
  @Test func moduleLoads() { #expect(Bool(true)) }
}
