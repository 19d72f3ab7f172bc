@testable import RNNLabSpec

/// What must hold for every input, good or bad: the loader either returns a
/// spec whose plan is usable and stays inside its results folder, or throws
/// a `SpecError` whose every diagnostic is one well-formed line.
enum SpecFuzzOracle {
  /// Longest message accepted after `error: `; real ones are under 300
  /// characters, and user text in them is shortened.
  static let maxMessageLength = 500

  /// Loads `bytes` (named `sourceName`) with `overrides` as the runner would:
  /// whether the spec was accepted, and every broken promise ([] when all hold).
  static func check(bytes: [UInt8], sourceName: String, overrides: [String]) -> (accepted: Bool, problems: [String]) {
    let source = SpecSource(name: sourceName)
    let spec: ExperimentSpec
    do {
      let root = try YAMLLoader.parse(bytes: bytes, source: source)
      spec = try ExperimentSpec.decode(root, source: source, overrides: overrides)
    } catch {
      return (false, problems(of: error, bytes: bytes, sourceName: sourceName, overrides: overrides))
    }
    return (true, problems(of: spec))
  }

  // MARK: - Rejected input

  static func problems(of error: SpecError, bytes: [UInt8], sourceName: String, overrides: [String]) -> [String] {
    if error.diagnostics.isEmpty { return ["a SpecError without diagnostics"] }
    var lineCounts = [sourceName: lineCount(bytes)]
    for override in overrides { lineCounts["--set \(override)"] = lineCount(Array(override.utf8)) }
    var problems: [String] = []
    for diagnostic in error.diagnostics {
      let line = diagnostic.description
      if let problem = problem(ofLine: line, diagnostic, lineCounts: lineCounts) {
        problems.append("\(problem): \(String(reflecting: String(line.prefix(300))))")
      }
    }
    return problems
  }

  /// Why one printed diagnostic is not a single `NAME[:LINE:COL]: error: MESSAGE`
  /// line with a position inside its source, or nil when it is.
  private static func problem(ofLine line: String, _ diagnostic: SpecDiagnostic, lineCounts: [String: Int]) -> String? {
    if let bad = line.unicodeScalars.first(where: isLineBreakingOrControl) {
      return "control character U+\(String(bad.value, radix: 16)) in a diagnostic"
    }
    // The source must be the spec or one of the overrides, printed first.
    guard let lineCount = lineCounts[diagnostic.source.name] else { return "diagnostic names an unknown source" }
    let name = Quoting.oneLine(diagnostic.source.name)
    guard line.hasPrefix(name) else { return "does not start with its source name" }
    var rest = Substring(line.dropFirst(name.count))
    if let lineNumber = diagnostic.line {
      let column = diagnostic.column ?? 0
      guard rest.hasPrefix(":\(lineNumber):\(column): error: ") else { return "malformed position" }
      rest = rest.dropFirst(":\(lineNumber):\(column): error: ".count)
      if lineNumber < 1 || lineNumber > lineCount { return "line \(lineNumber) outside 1...\(lineCount)" }
      if column < 1 { return "column \(column) below 1" }
    } else {
      guard rest.hasPrefix(": error: ") else { return "malformed whole-source diagnostic" }
      rest = rest.dropFirst(": error: ".count)
    }
    if rest.isEmpty { return "empty message" }
    if rest.count > maxMessageLength { return "message of \(rest.count) characters" }
    return nil
  }

  /// Lines in a text as libyaml counts them (`\n`-separated; a final line
  /// without a break counts).
  private static func lineCount(_ bytes: [UInt8]) -> Int {
    var count = 1
    for byte in bytes where byte == 0x0A { count += 1 }
    return count
  }

  /// Line breaks of any kind and other control characters: none may reach
  /// the terminal unescaped.
  static func isLineBreakingOrControl(_ scalar: Unicode.Scalar) -> Bool {
    let value = scalar.value
    return value < 0x20 || (0x7F...0x9F).contains(value) || value == 0x2028 || value == 0x2029
  }

  // MARK: - Accepted input

  static func problems(of spec: ExperimentSpec) -> [String] {
    var problems: [String] = []
    if !isSafePathComponent(spec.name) { problems.append("unsafe experiment name \(String(reflecting: spec.name))") }
    let plan = Plan(spec: spec)
    let expected = spec.tasks.reduce(0) { $0 + $1.seqLens.count } * spec.models.count * spec.seeds.count
    if plan.trials.isEmpty { problems.append("accepted spec with an empty plan") }
    if plan.trials.count != expected { problems.append("plan has \(plan.trials.count) trials, expected \(expected)") }
    var seen = Set<String>()
    for trial in plan.trials {
      if !isSafePathComponent(trial.id) { problems.append("unsafe trial id \(String(reflecting: trial.id))") }
      if !seen.insert(trial.id).inserted { problems.append("duplicate trial id \(trial.id)") }
    }
    // The resolved spec written to results/<name>/spec.yaml must load back
    // to the same spec, or a rerun from it would train something else.
    do {
      let reloaded = try ExperimentSpec.parse(spec.resolvedYAML, sourceName: "resolved.yaml")
      if reloaded != spec { problems.append("resolved YAML loads back to a different spec") }
      // Equal specs give equal hashes unless a value compares equal but
      // prints differently (-0 and 0); the first trial of each is enough to see it.
      if let first = reloaded.tasks.first, let model = reloaded.models.first, let seed = reloaded.seeds.first {
        let trial = Trial(index: 0, task: first, seqLen: first.seqLens[0], model: model,
                          training: reloaded.training(for: model), seed: seed)
        if trial.configHash != plan.trials.first?.configHash { problems.append("resolved YAML gives a different config hash") }
      }
    } catch {
      problems.append("resolved YAML does not load: \(error.description.prefix(300))")
    }
    if plan.trials.count <= 64 {
      // Rendering must not trap either (the runner prints and writes these).
      _ = (plan.table, plan.csv, plan.json, plan.trials.first?.configFileText)
    }
    return problems
  }

  /// A single folder name that cannot climb out of or reach beyond its
  /// parent: the documented `[A-Za-z0-9_.-]` set, not `.` or `..`, not empty,
  /// within the usual 255-byte limit of file systems.
  static func isSafePathComponent(_ text: String) -> Bool {
    guard !text.isEmpty, text != ".", text != "..", text.utf8.count <= 255 else { return false }
    return text.unicodeScalars.allSatisfy {
      ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "_.-".unicodeScalars.contains($0)
    }
  }
}
