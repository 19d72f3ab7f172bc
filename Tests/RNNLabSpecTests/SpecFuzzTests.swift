import Foundation
import Testing
@testable import RNNLabSpec

/// Seeded property-based fuzzing of the spec loader, validator and `--set`
/// overrides: thousands of mutated specs, each of which must load to a safe
/// plan or fail with one-line errors, quickly. See `FuzzBudget` for the
/// environment variables that make a run longer or replay one input.
@Suite struct SpecFuzzTests {
  /// The real specs and every test spec, sorted by path, as bytes.
  static let corpus: [[UInt8]] = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let folders = [root.appendingPathComponent("experiments"), URL(fileURLWithPath: SpecTestSupport.fixture(""))]
    var paths: [String] = []
    for folder in folders {
      let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
      while let url = walker?.nextObject() as? URL {
        if url.pathExtension == "yaml" { paths.append(url.path) }
      }
    }
    return paths.sorted().compactMap { FileManager.default.contents(atPath: $0).map { Array($0) } }
  }()

  /// The corpus specs that load cleanly, with their specs: the bases for
  /// override fuzzing.
  static let validCorpus: [(bytes: [UInt8], spec: ExperimentSpec)] = corpus.compactMap { bytes in
    (try? ExperimentSpec.parse(String(decoding: bytes, as: UTF8.self))).map { (bytes, $0) }
  }

  @Test func theCorpusHoldsTheRealAndTheTestSpecs() throws {
    #expect(Self.corpus.count >= 10)
    #expect(Self.validCorpus.count >= 5)
    let longDep = try #require(FileManager.default.contents(atPath: SpecFuzzTests.experimentPath("long_dep.yaml")))
    #expect(Self.corpus.contains(Array(longDep)))
  }

  @Test func inputsDependOnlyOnTheirSeed() {
    let mutator = SpecMutator(corpus: Self.corpus, valid: Self.validCorpus.map(\.bytes))
    #expect(mutator.input(seed: 42).bytes == mutator.input(seed: 42).bytes)
    let spec = Self.validCorpus[0].spec
    #expect(OverrideMutator.arguments(seed: 42, for: spec) == OverrideMutator.arguments(seed: 42, for: spec))
    let distinct = Set((0..<50).map { mutator.input(seed: $0).bytes })
    #expect(distinct.count > 45)
  }

  @Test func mutatedSpecsLoadOrFailWithOneLineErrors() {
    let mutator = SpecMutator(corpus: Self.corpus, valid: Self.validCorpus.map(\.bytes))
    run(stream: "spec") { seed in
      let (bytes, mutations) = mutator.input(seed: seed)
      // One input in eight also gets overrides, aimed at a valid spec's names.
      let overrides = seed % 8 == 0 ? OverrideMutator.arguments(seed: seed, for: Self.validCorpus[Int(seed / 8 % UInt64(Self.validCorpus.count))].spec) : []
      return (bytes, overrides, mutations.map(\.rawValue).joined(separator: ", ") + (overrides.isEmpty ? "" : "; overrides \(overrides)"))
    }
  }

  @Test func mutatedOverridesLoadOrFailWithOneLineErrors() {
    run(stream: "override") { seed in
      let base = Self.validCorpus[Int(seed % UInt64(Self.validCorpus.count))]
      let overrides = OverrideMutator.arguments(seed: seed, for: base.spec)
      return (base.bytes, overrides, "overrides \(overrides.map { String(reflecting: $0) }.joined(separator: " "))")
    }
  }

  @Test func loadingFromAFileGivesTheSameErrorsAsFromMemory() throws {
    let folder = try SpecTestSupport.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let mutator = SpecMutator(corpus: Self.corpus, valid: Self.validCorpus.map(\.bytes))
    for seed in FuzzBudget(defaultIterations: 200).inputSeeds(stream: "file").prefix(200) {
      let bytes = mutator.input(seed: seed).bytes
      let path = folder.appendingPathComponent("spec.yaml").path
      #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
      let fromFile = Result { () throws(SpecError) in try ExperimentSpec.load(path: path) }
      let fromMemory = Result { () throws(SpecError) in
        try ExperimentSpec.decode(try YAMLLoader.parse(bytes: bytes, source: SpecSource(name: path)),
                                  source: SpecSource(name: path), overrides: [])
      }
      switch (fromFile, fromMemory) {
      case (.success(let a), .success(let b)): #expect(a == b, "seed \(FuzzBudget.hex(seed))")
      case (.failure(let a), .failure(let b)): #expect(a.description == b.description, "seed \(FuzzBudget.hex(seed))")
      default: Issue.record("seed \(FuzzBudget.hex(seed)): file and memory disagree")
      }
    }
  }

  // MARK: - Driver

  /// Runs the oracle on every input of the budget, timing each one, and
  /// records the first failures with the seed that replays them.
  private func run(stream: String, makeInput: (UInt64) -> (bytes: [UInt8], overrides: [String], how: String)) {
    let budget = FuzzBudget()
    let watchdog = FuzzWatchdog(label: "SpecFuzzTests.\(stream)")
    defer { watchdog.stop() }
    let clock = ContinuousClock()
    let started = clock.now
    var failures = 0
    var accepted = 0
    var acceptedTime = Duration.zero
    var slowest: (time: Duration, seed: UInt64) = (.zero, 0)
    for seed in budget.inputSeeds(stream: stream) {
      let input = makeInput(seed)
      if budget.replay != nil {
        print("input \(FuzzBudget.hex(seed)) (\(input.how)), \(input.bytes.count) bytes:\n\(FuzzBudget.escaped(input.bytes))")
      }
      watchdog.begin(seed)
      var verdict: (accepted: Bool, problems: [String]) = (false, [])
      let elapsed = clock.measure {
        verdict = SpecFuzzOracle.check(bytes: input.bytes, sourceName: "fuzz.yaml", overrides: input.overrides)
      }
      var problems = verdict.problems
      if verdict.accepted {
        accepted += 1
        acceptedTime += elapsed
      }
      if elapsed > slowest.time { slowest = (elapsed, seed) }
      if elapsed > budget.perInputLimit {
        problems.append("took \(elapsed), more than \(budget.perInputLimit)")
      }
      if !problems.isEmpty {
        failures += 1
        if failures <= 10 {
          Issue.record("input \(FuzzBudget.hex(seed)) (\(input.how)): \(problems.prefix(3).joined(separator: "; ")); replay with RNNLAB_FUZZ_REPLAY=\(FuzzBudget.hex(seed))")
        }
      }
    }
    let seeds = budget.inputSeeds(stream: stream).count
    print("spec fuzz \(stream): \(seeds) inputs, \(accepted) accepted (taking \(acceptedTime)), \(failures) failing, in \(clock.now - started); slowest \(slowest.time) (\(FuzzBudget.hex(slowest.seed)))")
  }

  /// A spec under `experiments/` of the package.
  static func experimentPath(_ name: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("experiments").appendingPathComponent(name).path
  }
}
