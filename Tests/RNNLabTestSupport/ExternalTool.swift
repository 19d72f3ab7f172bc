import Foundation

/// Runs a tool of the system (bash, python3) on some input, for checking that
/// generated scripts and manifests are what those tools accept.
public enum ExternalTool {
  /// Runs `executable arguments…` (looked up in PATH) with `input` on standard input.
  public static func run(_ executable: String, _ arguments: [String], input: String = "") throws -> ChildProcess.Ending {
    try ChildProcess.run(executable, arguments, input: input)
  }

  /// Whether python3 with PyYAML is available (the YAML checks need it).
  public static let hasPyYAML: Bool = (try? run("python3", ["-c", "import yaml"]).status) == 0
}
