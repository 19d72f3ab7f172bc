import RNNLabRandom
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
    var lengths = [sourceName: lineLengths(bytes)]
    for override in overrides { lengths["--set \(override)"] = lineLengths(Array(override.utf8)) }
    var problems: [String] = []
    for diagnostic in error.diagnostics {
      let line = diagnostic.description
      if let problem = problem(ofLine: line, diagnostic, lineLengths: lengths) {
        problems.append("\(problem): \(String(reflecting: String(line.prefix(300))))")
      }
    }
    return problems
  }

  /// Why one printed diagnostic is not a single `NAME[:LINE:COL]: error: MESSAGE`
  /// line with a position inside its source, or nil when it is.
  private static func problem(ofLine line: String, _ diagnostic: SpecDiagnostic, lineLengths: [String: [Int]]) -> String? {
    if let bad = line.unicodeScalars.first(where: isLineBreakingOrControl) {
      return "control character U+\(String(bad.value, radix: 16)) in a diagnostic"
    }
    // The source must be the spec or one of the overrides, printed first.
    guard let lengths = lineLengths[diagnostic.source.name] else { return "diagnostic names an unknown source" }
    let name = Quoting.oneLine(diagnostic.source.name)
    guard line.hasPrefix(name) else { return "does not start with its source name" }
    var rest = Substring(line.dropFirst(name.count))
    if let lineNumber = diagnostic.line {
      let column = diagnostic.column ?? 0
      guard rest.hasPrefix(":\(lineNumber):\(column): error: ") else { return "malformed position" }
      rest = rest.dropFirst(":\(lineNumber):\(column): error: ".count)
      if lineNumber < 1 || lineNumber > lengths.count { return "line \(lineNumber) outside 1...\(lengths.count)" }
      if column < 1 || column > lengths[lineNumber - 1] + 1 {
        return "column \(column) outside 1...\(lengths[lineNumber - 1] + 1) of line \(lineNumber)"
      }
    } else {
      guard rest.hasPrefix(": error: ") else { return "malformed whole-source diagnostic" }
      rest = rest.dropFirst(": error: ".count)
    }
    if rest.isEmpty { return "empty message" }
    if rest.count > maxMessageLength { return "message of \(rest.count) characters" }
    return nil
  }

  /// The length in characters of each line of a text as libyaml reads it:
  /// UTF-16 after its byte-order mark, else UTF-8; lines broken at LF, CR,
  /// CR LF, NEL, LS and PS. A text ending in a break has an empty last line.
  static func lineLengths(_ bytes: [UInt8]) -> [Int] {
    var scalars: [Unicode.Scalar] = []
    if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
      let little = bytes[0] == 0xFF
      let units = stride(from: 2, to: bytes.count - 1, by: 2).map { (index: Int) -> UInt16 in
        let (first, second) = (UInt16(bytes[index]), UInt16(bytes[index + 1]))
        return little ? second << 8 | first : first << 8 | second
      }
      scalars = Array(String(decoding: units, as: UTF16.self).unicodeScalars)
    } else {
      scalars = Array(String(decoding: bytes, as: UTF8.self).unicodeScalars)
      if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
    }
    var lengths = [0]
    for (index, scalar) in scalars.enumerated() {
      switch scalar {
      case "\r" where index + 1 < scalars.count && scalars[index + 1] == "\n": continue
      case "\n", "\r", "\u{85}", "\u{2028}", "\u{2029}": lengths.append(0)
      default: lengths[lengths.count - 1] += 1
      }
    }
    return lengths
  }

  /// Line breaks of any kind, other control characters and format
  /// characters (bidirectional overrides): none may reach the terminal.
  static func isLineBreakingOrControl(_ scalar: Unicode.Scalar) -> Bool {
    let value = scalar.value
    return value < 0x20 || (0x7F...0x9F).contains(value) || value == 0x2028 || value == 0x2029
      || scalar.properties.generalCategory == .format
  }

  // MARK: - Accepted input

  static func problems(of spec: ExperimentSpec) -> [String] {
    var problems: [String] = []
    if !isSafePathComponent(spec.name) { problems.append("unsafe experiment name \(String(reflecting: spec.name))") }
    let plan = Plan(spec: spec)
    let configurations = spec.models.reduce(0) { $0 + ($1.searchConfigurations?.count ?? 1) }
    let expected = spec.tasks.reduce(0) { $0 + $1.seqLens.count } * configurations * spec.seeds.count
    if plan.trials.isEmpty { problems.append("accepted spec with an empty plan") }
    if plan.trials.count != expected { problems.append("plan has \(plan.trials.count) trials, expected \(expected)") }
    // The plan assembles config hashes from pieces; they must be the hashes
    // of the configs themselves.
    for trial in [plan.trials.first, plan.trials.last].compactMap({ $0 })
    where trial.configHash != StableHash.hex(trial.canonicalConfig) {
      problems.append("trial \(trial.id) has a config hash that is not the hash of its config")
    }
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
      if Plan(spec: reloaded).trials.first?.configHash != plan.trials.first?.configHash {
        problems.append("resolved YAML gives a different config hash")
      }
    } catch {
      problems.append("resolved YAML does not load: \(error.description.prefix(300))")
    }
    if plan.trials.count <= 64 {
      // Rendering must not trap either (the runner prints and writes these).
      _ = (plan.table(), plan.csv(), plan.json(), plan.trials.first?.configFileText)
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
