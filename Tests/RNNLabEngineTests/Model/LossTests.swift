import Foundation
import Testing
@testable import RNNLabEngine

@Suite struct LossTests {
  @Test func meanSquaredErrorIsTheMeanOverAllElements() {
    let result = Loss.meanSquaredError(output: [1, 2, 3, 4], target: [0, 2, 5, 4])
    #expect(result.value == (1 + 0 + 4 + 0) / 4.0)
    #expect(result.dOutput == [0.5, 0, -1, 0])  // 2 (y - t) / N
    #expect(result.accuracy == nil)
  }

  @Test func crossEntropyMatchesHandComputedSoftmax() {
    // Row 0: logits (0, ln 3) → p = (1/4, 3/4), target 1 → -ln(3/4).
    // Row 1: logits (2, 0), target 1 → -ln(1/(1+e²)).
    let logits: [Float] = [0, Float(log(3.0)), 2, 0]
    let result = Loss.softmaxCrossEntropy(logits: logits, targets: [1, 1], classes: 2)
    let expected = (-log(0.75) + log(1 + exp(2.0))) / 2
    #expect(abs(result.value - expected) < 1e-6)
    let p1 = 1 / (1 + exp(-2.0))  // softmax of row 1, class 0
    let expectedGradient = [0.25 / 2, (0.75 - 1) / 2, p1 / 2, (1 - p1 - 1) / 2]
    for (a, e) in zip(result.dOutput, expectedGradient) { #expect(abs(Double(a) - e) < 1e-6) }
    #expect(result.correct == 1 && result.counted == 2 && result.accuracy == 0.5)
  }

  @Test func maskedRowsAreNeitherScoredNorDifferentiated() {
    let logits: [Float] = [5, 0, 0, 0, 5, 0, 1, 2, 3]
    let all = Loss.softmaxCrossEntropy(logits: Array(logits[6...]), targets: [2], classes: 3)
    let masked = Loss.softmaxCrossEntropy(
      logits: logits, targets: [1, 1, 2], classes: 3, mask: [false, false, true])
    #expect(abs(masked.value - all.value) < 1e-12)
    #expect(masked.dOutput[0..<6].allSatisfy { $0 == 0 })
    #expect(Array(masked.dOutput[6...]) == all.dOutput)
    #expect(masked.counted == 1 && masked.correct == 1)
  }

  @Test func fullyMaskedBatchHasZeroLossAndGradient() {
    let result = Loss.softmaxCrossEntropy(logits: [1, 2], targets: [0], classes: 2, mask: [false])
    #expect(result.value == 0 && result.dOutput == [0, 0] && result.accuracy == nil)
  }

  @Test func crossEntropyIsStableForLargeLogits() {
    let result = Loss.softmaxCrossEntropy(logits: [1000, 0], targets: [1], classes: 2)
    #expect(abs(result.value - 1000) < 1e-3)
    #expect(result.dOutput.allSatisfy { $0.isFinite })
  }
}
