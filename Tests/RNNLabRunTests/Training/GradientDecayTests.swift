import Foundation
import Testing
@testable import RNNLabRun

@Suite struct GradientDecayTests {
  @Test func forwardDecayComparesTheFirstStepWithTheLast() throws {
    let norms = [0.001, 0.01, 0.1, 1.0]
    #expect(try #require(GradientDecay.decay(norms: norms, backwardDirection: false)) == -3)
    // A backward direction starts at t = T, so the same profile is growth for it.
    #expect(try #require(GradientDecay.decay(norms: norms, backwardDirection: true)) == 3)
    #expect(GradientDecay.decay(norms: [2.0, 2.0], backwardDirection: false) == 0)
  }

  @Test func zerosAndEmptyProfiles() {
    #expect(GradientDecay.decay(norms: [0, 1], backwardDirection: false) == -.infinity)
    #expect(GradientDecay.decay(norms: [1, 0], backwardDirection: false) == nil)
    #expect(GradientDecay.decay(norms: [], backwardDirection: false) == nil)
    #expect(GradientDecay.decay(norms: [.nan, 1], backwardDirection: false) == nil)
  }
}
