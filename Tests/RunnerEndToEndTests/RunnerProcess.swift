import Foundation
import RNNLabTestSupport

/// Runs the built `runner` executable and captures what it prints.
enum RunnerProcess {
  /// What one run printed and how it exited.
  typealias Result = ChildProcess.Ending

  /// The package root, found from this file's path (Tests/RunnerEndToEndTests/…).
  static let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// The `runner` binary of the build the tests belong to. SwiftPM puts test
  /// bundles and executables in the same products directory, so look next
  /// to the running test bundle first; fall back to `.build/debug`.
  static let executable: URL = {
    var folders: [URL] = []
    for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
      folders.append(bundle.bundleURL.deletingLastPathComponent())
    }
    folders.append(Bundle.main.bundleURL)
    if let executable = Bundle.main.executableURL { folders.append(executable.deletingLastPathComponent()) }
    folders.append(packageRoot.appendingPathComponent(".build/debug"))
    for folder in folders {
      let candidate = folder.appendingPathComponent("runner")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    }
    fatalError("runner executable not found next to the tests; build with `swift build --build-tests`")
  }()

  /// Runs `runner arguments…` in the package root and waits for it.
  static func run(_ arguments: String...) throws -> Result { try run(arguments) }

  /// Runs `runner` with an argument list; `environment` is added to (and
  /// overrides) this process's environment; `wrapper` is a command that runs
  /// the runner for us (`setpriv …`, `sh -c …`), given the runner's path and
  /// arguments after its own.
  static func run(_ arguments: [String], environment: [String: String] = [:], wrapper: [String] = []) throws
    -> Result
  {
    guard let first = wrapper.first else {
      return try execute(executable, arguments, environment: environment)
    }
    return try execute(
      URL(fileURLWithPath: first), wrapper.dropFirst() + [executable.path] + arguments, environment: environment)
  }

  /// The scheduler variables `runner run` reads its shard from. They are
  /// removed from every child's environment (unless a test sets them), so the
  /// tests behave the same inside a Slurm job array or a Kubernetes pod.
  static let clusterVariables = [
    "SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_COUNT", "SLURM_ARRAY_TASK_MIN", "SLURM_ARRAY_TASK_MAX",
    "SLURM_ARRAY_TASK_STEP", "JOB_COMPLETION_INDEX",
  ]

  /// This process's environment without the scheduler variables, plus `extra`.
  static func environment(adding extra: [String: String]) -> [String: String] {
    var environment = ProcessInfo.processInfo.environment
    for name in clusterVariables { environment[name] = nil }
    return environment.merging(extra) { $1 }
  }

  /// Runs any program in the package root, with `input` on its standard
  /// input, and waits for it (at most 10 minutes: a hung child fails its test).
  static func execute(_ program: URL, _ arguments: [String], environment: [String: String] = [:], input: String = "")
    throws -> Result
  {
    try ChildProcess.run(
      program.path, arguments, environment: Self.environment(adding: environment), directory: packageRoot.path,
      input: input)
  }

  /// Writes `text` to a fresh temporary file named `name` and returns its path.
  static func temporarySpec(_ text: String, name: String = "spec.yaml") throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("runner-e2e-spec-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let url = folder.appendingPathComponent(name)
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
  }
}
