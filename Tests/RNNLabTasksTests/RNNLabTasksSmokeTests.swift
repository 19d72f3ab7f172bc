import Testing
import RNNLabTasks

@Suite struct RNNLabTasksSmokeTests {
  @Test func moduleLoads() { #expect(Bool(true)) }
}
