import Foundation
import Testing
@testable import RNNLabSpec

/// Hand-made hostile specs (`Specs/nasty/`) and generated giants: each gives
/// exactly the lines `runner validate` is expected to print, quickly.
@Suite struct NastySpecTests {
  static let folder = SpecTestSupport.fixture("nasty")

  /// The spec files of the corpus, sorted.
  static let files: [String] = {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    return names.filter { $0.hasSuffix(".yaml") }.sorted()
  }()

  /// `expected.txt` grouped by file: what `runner validate FILE` prints.
  static let expected: [String: [String]] = {
    let text = (try? String(contentsOfFile: folder + "/expected.txt", encoding: .utf8)) ?? ""
    var byFile: [String: [String]] = [:]
    for line in text.split(separator: "\n") where !line.hasPrefix("#") {
      let file = String(line.prefix { $0 != ":" })
      byFile[file, default: []].append(String(line))
    }
    return byFile
  }()

  /// What `runner validate` prints for the spec at `path`, shown as `name`.
  static func validateLines(path: String, name: String, overrides: [String] = []) -> [String] {
    do {
      let spec = try ExperimentSpec.load(path: path, overrides: overrides)
      return ["\(name): ok: \(Plan(spec: spec).summary)"]
    } catch {
      return error.diagnostics.map { $0.description.replacingOccurrences(of: path, with: name) }
    }
  }

  @Test func everyFileHasExpectedLinesAndEveryExpectationAFile() {
    #expect(Self.files.count >= 40)
    #expect(Set(Self.files) == Set(Self.expected.keys))
  }

  @Test(arguments: files) func nastySpecGivesItsExpectedLinesQuickly(file: String) {
    let clock = ContinuousClock()
    var lines: [String] = []
    let elapsed = clock.measure { lines = Self.validateLines(path: Self.folder + "/" + file, name: file) }
    #expect(lines == Self.expected[file] ?? [])
    #expect(elapsed < .seconds(10))  // milliseconds; a blow-up would take far longer
  }

  // MARK: - Generated inputs too big to keep in git

  /// Writes `bytes` to a temporary file and returns what validate prints for it.
  private func validate(_ bytes: [UInt8], overrides: [String] = []) throws -> (lines: [String], elapsed: Duration) {
    let folder = try SpecTestSupport.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("big.yaml").path
    #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
    var lines: [String] = []
    let elapsed = ContinuousClock().measure {
      lines = Self.validateLines(path: path, name: "big.yaml", overrides: overrides)
    }
    return (lines, elapsed)
  }

  static let base = "name: big\ntasks:\n  - kind: adding\n    seq_len: [10]\nmodels:\n  - cell: lstm\n    hidden: 8\n"
  static let megabyte = 1 << 20

  @Test func aOneMegabyteLineIsReadOrShortenedInItsError() throws {
    let long = String(repeating: "a", count: Self.megabyte)
    let description = try validate(Array((Self.base + "description: \(long)\n").utf8))
    #expect(description.lines == ["big.yaml: ok: 1 trial (1 task × 1 length × 1 model × 1 seed)"])
    let name = try validate(Array(Self.base.replacingOccurrences(of: "name: big", with: "name: \(long)").utf8))
    #expect(name.lines == ["big.yaml:1:7: error: 'name' must be at most 64 characters, got 1048576"])
    let key = try validate(Array((Self.base + "? \(long)\n: 1\n").utf8))
    #expect(key.lines == ["big.yaml:8:3: error: unknown key '\(String(repeating: "a", count: 60))…' in the spec (known keys: name, description, seeds, tuned_from, tasks, models, training, search, report)"])
    let digits = try validate(Array(Self.base.replacingOccurrences(of: "hidden: 8", with: "hidden: \(String(repeating: "9", count: Self.megabyte))").utf8))
    #expect(digits.lines == ["big.yaml:7:13: error: 'hidden' must be at most 8192, got \(String(repeating: "9", count: 60))…"])
    let cell = try validate(Array(Self.base.replacingOccurrences(of: "cell: lstm", with: "cell: \(long)").utf8))
    #expect(cell.lines == ["big.yaml:6:11: error: unknown cell '\(String(repeating: "a", count: 60))…' (expected one of: rnn, lstm, peephole, cifg, gru)"])
    for elapsed in [description, name, key, digits, cell].map(\.elapsed) { #expect(elapsed < .seconds(30)) }
  }

  @Test func aFileOverTheSizeLimitIsRefusedUnread() throws {
    let result = try validate([UInt8](repeating: UInt8(ascii: "#"), count: YAMLLoader.maxFileBytes + 1))
    #expect(result.lines == ["big.yaml: error: file is larger than 4 MiB; a spec is a small text file"])
  }

  @Test func aHundredThousandLevelsOfNestingStopAtTheLimit() throws {
    let flow = try validate(Array(("description: " + String(repeating: "[", count: 100_000)).utf8))
    #expect(flow.lines == ["big.yaml:1:269: error: nesting deeper than 256 levels"])
    let block = (0..<2_000).map { String(repeating: " ", count: $0) + "- " }.joined(separator: "\n")
    let blockResult = try validate(Array(block.utf8))
    #expect(blockResult.lines == ["big.yaml:257:257: error: nesting deeper than 256 levels"])
    #expect(flow.elapsed < .seconds(10) && blockResult.elapsed < .seconds(10))
  }

  @Test func aWideAndDeepAliasBombStopsAtItsFirstExpensiveAlias() throws {
    var text = "x-0: &a0 [" + Array(repeating: "lol", count: 40).joined(separator: ", ") + "]\n"
    for level in 1..<40 {
      text += "x-\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 40).joined(separator: ", ") + "]\n"
    }
    let result = try validate(Array((text + Self.base).utf8))
    #expect(result.lines == ["big.yaml:4:11: error: alias '*a2' expands the document past 100000 nodes"])
    #expect(result.elapsed < .seconds(10))  // milliseconds; a blow-up would take far longer
  }

  @Test func aFolderOrAMissingFileIsOneLine() throws {
    let folder = try SpecTestSupport.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    #expect(Self.validateLines(path: folder.path, name: "dir") == ["dir: error: is a directory, expected a YAML spec file"])
    #expect(Self.validateLines(path: folder.path + "/none.yaml", name: "none.yaml")
      == ["none.yaml: error: cannot open: no such file or directory"])
  }

  // MARK: - Overrides

  @Test func nastyOverridesGiveOneLineErrors() throws {
    let path = SpecFuzzTests.experimentPath("smoke.yaml")
    func errors(_ override: String) -> [String] {
      Self.validateLines(path: path, name: "smoke.yaml", overrides: [override])
    }
    #expect(errors("training.steps") == ["--set training.steps: error: expected PATH=VALUE, e.g. training.steps=200"])
    #expect(errors("=5") == ["--set =5: error: invalid path ''; expected dotted keys like training.steps"])
    #expect(errors("training..steps=5") == ["--set training..steps=5: error: invalid path 'training..steps'; expected dotted keys like training.steps"])
    #expect(errors("training.steps\n=5") == ["--set training.steps\\n=5: error: invalid path 'training.steps\\n'; expected dotted keys like training.steps"])
    #expect(errors("training.steps=1e999") == ["--set training.steps=1e999:1:16: error: 'steps' must be an integer, got number 1e999"])
    #expect(errors("training.steps=[1,") == ["--set training.steps=[1,:1:19: error: did not find expected node content (while parsing a flow node at 1:19)"])
    #expect(errors("name=../x") == ["--set name=../x:1:6: error: 'name' must be safe as a folder name (letters, digits, '_', '.', '-'), got '../x'"])
    #expect(errors("name=..") == ["--set name=..:1:6: error: 'name' cannot be '..', which is not usable as a folder name"])
    #expect(errors("models.lstm.hidden=&a [*a]") == ["--set models.lstm.hidden=&a [*a]:1:24: error: undefined alias '*a'"])
    #expect(errors("training.steps=" + String(repeating: "[", count: 300)) == ["--set training.steps=\(String(repeating: "[", count: 300)):1:272: error: nesting deeper than 256 levels"])
    #expect(errors("training.steps=1\n---\n2") == ["--set training.steps=1\\n---\\n2:2:1: error: more than one YAML document; a spec is a single document"])
    #expect(errors("name=a\u{202E}b") == ["--set name=a\\u{202e}b:1:6: error: 'name' must be safe as a folder name (letters, digits, '_', '.', '-'), got 'a\\u{202e}b'"])
    #expect(errors("models.\(String(repeating: "m", count: 500)).hidden=1") == ["--set models.\(String(repeating: "m", count: 500)).hidden=1: error: no model named '\(String(repeating: "m", count: 60))…' (the spec's models: rnn, lstm)"])
    #expect(errors("description=" + String(repeating: "d", count: Self.megabyte)) == ["smoke.yaml: ok: 8 trials (1 task × 2 lengths × 2 models × 2 seeds)"])
  }

  // MARK: - Nothing named by a spec leaves the results folder

  /// Names that would climb out of `results/`, reach an absolute path, or
  /// hide a separator or control character: refused wherever a name goes,
  /// in the file or through `--set`.
  static let escapingNames = [
    "..", ".", "../x", "x/..", "a/b", "/abs", "a\\\\b", "~", "~/x", "\"\"", "\"a\\0b\"", "\"a\\nb\"", "\"\\t\"",
    "\"a\\u2028b\"", "\"a\\u202Eb\"", "C:x", "a b", "é",
  ]

  @Test(arguments: escapingNames) func aNameThatCouldLeaveTheResultsFolderIsRefused(name: String) throws {
    let spec = "name: e\ntasks:\n  - name: t\n    kind: copy\n    seq_len: [1]\nmodels:\n  - name: m\n    cell: rnn\n    hidden: 1\n"
    for (old, new) in [("name: e", "name: \(name)"), ("- name: t", "- name: \(name)"), ("- name: m", "- name: \(name)")] {
      let errors = SpecTestSupport.errors(spec.replacingOccurrences(of: old, with: new))
      #expect(errors.count == 1 && errors[0].contains("'name'"), "\(new): \(errors)")
    }
    for path in ["name", "tasks.t.name", "models.m.name"] {
      let errors = SpecTestSupport.errors(spec, overrides: ["\(path)=\(name)"])
      #expect(errors.count == 1 && errors[0].hasPrefix("--set \(path)="), "\(path)=\(name): \(errors)")
    }
  }

  @Test func everyTrialFolderOfAnAcceptedSpecIsInsideTheResultsFolder() throws {
    let results = URL(fileURLWithPath: "/results")
    for file in ["full.yaml", "anchors.yaml", "minimal.yaml", "nasty/anchors_in_odd_places.yaml"] {
      let spec = try ExperimentSpec.load(path: SpecTestSupport.fixture(file))
      let experiment = results.appendingPathComponent(spec.name)
      #expect(experiment.standardized.deletingLastPathComponent().path == results.path)
      for trial in Plan(spec: spec).trials {
        let folder = experiment.appendingPathComponent("trials").appendingPathComponent(trial.id).standardized
        #expect(folder.deletingLastPathComponent().path == experiment.appendingPathComponent("trials").path)
        #expect(SpecFuzzOracle.isSafePathComponent(trial.id))
      }
    }
  }

  // MARK: - Found by the fuzz

  @Test func oddCharactersInADescriptionSurviveTheResolvedSpec() throws {
    let description = "\"tab\\t nul\\0 bell\\a rtl\\u202E tag\\U000E0001 nel\\u0085 ls\\u2028 bom\\uFEFF end\""
    let spec = try ExperimentSpec.parse(Self.base + "description: \(description)\n")
    #expect(spec.description.unicodeScalars.contains("\u{E0001}"))
    #expect(try ExperimentSpec.parse(spec.resolvedYAML) == spec)
  }

  @Test func userTextInMessagesIsShortenedHoweverLongTheListOrName() {
    let longName = String(repeating: "m", count: 300)
    var text = "name: e\ntasks: [{kind: copy, seq_len: 1}]\nmodels:\n"
    for index in 0..<20 { text += "  - {name: m\(index), cell: rnn, hidden: 1}\n" }
    text += "  - {name: \(longName), cell: gru, hidden: 1}\nreport: {compare_to: nope}\n"
    let errors = SpecTestSupport.errors(text)
    #expect(errors == [
      "t.yaml:24:12: error: 'name' must be at most 64 characters, got 300",
      "t.yaml:25:22: error: unknown model 'nope' (expected one of: m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, …)",
    ])
    let duplicate = SpecTestSupport.errors(text.replacingOccurrences(of: "name: m1,", with: "name: \(longName),"))
    #expect(duplicate.contains("t.yaml:24:12: error: duplicate model name '\(String(repeating: "m", count: 60))…' (first at 5:12); give each model its own 'name'"))
  }

  /// The fuzz made this from `grid_too_large.yaml` by aliasing the seeds as
  /// the lengths: 90,000 trials, under the cap, took 11 s to plan in a debug
  /// build when every trial rendered its whole config to hash it.
  @Test func aGridJustUnderTheCapIsPlannedQuickly() throws {
    let values = (1...300).map(String.init).joined(separator: ", ")
    let text = "name: grid\nseeds: &v [\(values)]\ntasks:\n  - kind: copy\n    seq_len: *v\nmodels:\n  - cell: rnn\n    hidden: 1\n"
    var plan: Plan?
    let elapsed = try ContinuousClock().measure { plan = Plan(spec: try ExperimentSpec.parse(text)) }
    #expect(plan?.trials.count == 90_000)
    #expect(plan?.trials.last?.id == "copy-T300-rnn-s300")
    // About 1 s alone; a planner quadratic in the trials would take minutes.
    // Generous, so that a loaded machine cannot fail it.
    #expect(elapsed < .seconds(60))
  }

  @Test func minusZeroIsZeroSoEqualConfigsHashAlike() throws {
    let zero = try ExperimentSpec.parse(Self.base + "training: {optimizer: sgd, momentum: 0}\n")
    let minusZero = try ExperimentSpec.parse(Self.base + "training: {optimizer: sgd, momentum: -0.0}\n")
    #expect(Plan(spec: zero).trials[0].configHash == Plan(spec: minusZero).trials[0].configHash)
    #expect(minusZero.training.momentum.sign == .plus)
  }
}
