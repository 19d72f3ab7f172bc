import Testing
import RNNLabEngine

@Suite struct RNNLabEngineSmokeTests {
  @Test func moduleLoads() { #expect(Bool(true)) }
}
