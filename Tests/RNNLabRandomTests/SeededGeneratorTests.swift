import Testing
import RNNLabRandom

@Suite struct SeededGeneratorTests {
  @Test func sameSeedSameStream() {
    var a = SeededGenerator(seed: 42)
    var b = SeededGenerator(seed: 42)
    for _ in 0..<100 { #expect(a.next() == b.next()) }
  }

  @Test func streamsAreIndependentAndPinned() {
    var data = SeededGenerator(seed: 7, stream: "data")
    var initial = SeededGenerator(seed: 7, stream: "init")
    #expect(data.next() != initial.next())
    // Pinned values (checked against an independent Python implementation):
    // a change here silently changes every committed result.
    var pinned = SeededGenerator(seed: 1)
    #expect(pinned.next() == 0xB3F2_AF6D_0FC7_10C5)
    #expect(StableHash.hex("adding-T100-lstm-s1") == "0babb576a18c27a8")
  }

  @Test func uniformFloatsStayInRange() {
    var g = SeededGenerator(seed: 3)
    var sum = 0.0
    for _ in 0..<10_000 {
      let x = g.nextFloat()
      #expect(x >= 0 && x < 1)
      sum += Double(x)
    }
    #expect(abs(sum / 10_000 - 0.5) < 0.02)
  }

  @Test func boundedIntegersCoverTheRange() {
    var g = SeededGenerator(seed: 9)
    var seen = Set<Int>()
    for _ in 0..<1_000 {
      let x = g.nextInt(below: 7)
      #expect((0..<7).contains(x))
      seen.insert(x)
    }
    #expect(seen.count == 7)
  }

  @Test func gaussianHasUnitVariance() {
    var g = SeededGenerator(seed: 11)
    let draws = (0..<20_000).map { _ in g.nextGaussian() }
    let mean = draws.reduce(0, +) / Double(draws.count)
    let variance = draws.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(draws.count)
    #expect(abs(mean) < 0.03)
    #expect(abs(variance - 1) < 0.05)
  }
}
