import Testing
import RNNLabRun

@Suite struct RNNLabRunSmokeTests {
  @Test func moduleLoads() { #expect(Bool(true)) }
}
