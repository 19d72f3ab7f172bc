import Testing
@testable import RNNLabRun

@Suite struct ShardTests {
  @Test(arguments: [("0/1", 0, 1), ("0/4", 0, 4), ("3/4", 3, 4), (" 2 / 5 ", 2, 5)])
  func parsesIndexOfCount(text: String, index: Int, count: Int) throws {
    let shard = try Shard(parsing: text)
    #expect(shard.index == index)
    #expect(shard.count == count)
    #expect(shard.description == "\(index)/\(count)")
  }

  @Test(arguments: ["", "3", "1/", "/4", "a/b", "1/2/3", "1.5/4", "1-4"])
  func rejectsMalformedText(text: String) {
    #expect {
      try Shard(parsing: text)
    } throws: { error in
      let error = error as! RunnerError
      return error.exitCode == .badInput
        && error.description == "--shard: error: expected I/N (the 0-based index I of N shards, e.g. 0/4), got '\(text)'"
    }
  }

  @Test func rejectsOutOfRangeIndexesAndCounts() {
    #expect {
      try Shard(parsing: "4/4")
    } throws: { error in
      "\(error)".hasPrefix("--shard: error: shard index 4 is out of range for 4 shards (expected 0...3")
    }
    #expect(throws: RunnerError.self) { try Shard(parsing: "-1/4") }
    #expect {
      try Shard(parsing: "0/0")
    } throws: { error in
      "\(error)" == "--shard: error: the number of shards must be at least 1, got 0"
    }
  }

  @Test(arguments: [1, 2, 3, 4, 7, 24, 30])
  func shardsCoverThePlanExactlyOnce(count: Int) throws {
    let plan = Array(0..<24)
    var seen: [Int] = []
    for index in 0..<count {
      let slice = try Shard(index: index, count: count).slice(plan) { $0 }
      #expect(slice == slice.sorted(), "a shard keeps plan order")
      seen += slice
    }
    #expect(seen.sorted() == plan)
  }

  @Test func roundRobinGivesEveryShardEveryLength() throws {
    // Plan order: seq_len slowest, then model, then seed fastest (2 models × 3 seeds).
    let lengths = [10, 50, 100, 200]
    let plan = lengths.flatMap { length in Array(repeating: length, count: 6) }
      .enumerated().map { (index: $0.offset, length: $0.element) }
    for index in 0..<3 {
      let slice = try Shard(index: index, count: 3).slice(plan) { $0.index }
      #expect(Set(slice.map(\.length)) == Set(lengths))
      #expect(slice.count == 8)
    }
  }

  @Test func wholeIsEverything() {
    #expect(Shard.whole.isWhole)
    #expect(Shard.whole.slice(Array(0..<5)) { $0 } == Array(0..<5))
  }
}
