import Testing
import RNNLabSpec

@Suite struct RNNLabSpecSmokeTests {
  @Test func moduleLoads() { #expect(Bool(true)) }
}
