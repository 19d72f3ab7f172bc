/// Where and with what a results folder was produced: `manifest.json`.
///
/// The reporter shows `runner_version` and `blas` but never `host` or
/// `created`, so that the report stays a function of the trial results.
public struct Manifest: Codable, Equatable, Sendable {
  /// Version of the `runner` that wrote the folder, e.g. `0.1.0`.
  public var runnerVersion: String
  /// Git commit of the runner's source, when known.
  public var gitCommit: String?
  /// Host name of the machine.
  public var host: String
  /// BLAS in use (e.g. `openblas`, `accelerate`).
  public var blas: String
  /// When the folder was first created, ISO 8601 (e.g. `2025-01-31T12:00:00Z`).
  public var created: String
  /// What decides whether a re-run reproduces the results bit for bit: OS,
  /// architecture, CPU model and BLAS with its kernel, e.g.
  /// `Linux x86_64; Intel(R) Xeon(R) Processor; OpenBLAS 0.3.21 … SkylakeX …`.
  /// `runner verify` expects identical results only when it matches. Nil in
  /// folders written before it was recorded.
  public var platform: String?

  public init(
    runnerVersion: String, gitCommit: String?, host: String, blas: String, created: String,
    platform: String? = nil
  ) {
    self.runnerVersion = runnerVersion
    self.gitCommit = gitCommit
    self.host = host
    self.blas = blas
    self.created = created
    self.platform = platform
  }

  public enum CodingKeys: String, CodingKey, CaseIterable {
    case runnerVersion = "runner_version", gitCommit = "git_commit", host, blas, created, platform
  }

  /// Encodes every key, `git_commit` and `platform` as `null` when unknown.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(runnerVersion, forKey: .runnerVersion)
    try c.encode(gitCommit, forKey: .gitCommit)
    try c.encode(host, forKey: .host)
    try c.encode(blas, forKey: .blas)
    try c.encode(created, forKey: .created)
    try c.encode(platform, forKey: .platform)
  }
}
