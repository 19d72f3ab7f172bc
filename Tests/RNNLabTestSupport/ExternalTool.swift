import Foundation

/// Runs a tool of the system (bash, python3) on some input, for checking that
/// generated scripts and manifests are what those tools accept.
public enum ExternalTool {
  public struct Result {
    public var status: Int32
    public var stdout: String
    public var stderr: String
  }

  /// Runs `executable arguments…` with `input` on standard input.
  public static func run(_ executable: String, _ arguments: [String], input: String = "") throws -> Result {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rnnlab-tool-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let inURL = folder.appendingPathComponent("stdin")
    let outURL = folder.appendingPathComponent("stdout")
    let errURL = folder.appendingPathComponent("stderr")
    try Data(input.utf8).write(to: inURL)
    try Data().write(to: outURL)
    try Data().write(to: errURL)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [executable] + arguments
    process.standardInput = try FileHandle(forReadingFrom: inURL)
    process.standardOutput = try FileHandle(forWritingTo: outURL)
    process.standardError = try FileHandle(forWritingTo: errURL)
    try process.run()
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus,
      stdout: try String(contentsOf: outURL, encoding: .utf8),
      stderr: try String(contentsOf: errURL, encoding: .utf8))
  }

  /// Whether python3 with PyYAML is available (the YAML checks need it).
  public static let hasPyYAML: Bool = (try? run("python3", ["-c", "import yaml"]).status) == 0
}
