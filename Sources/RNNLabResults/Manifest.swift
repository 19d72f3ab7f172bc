/// Where and with what a results folder was produced: `manifest.json`.
///
/// The reporter shows `runner_version` and `isa` but never `host` or
/// `created`, so that the report stays a function of the trial results.
public struct Manifest: Codable, Equatable, Sendable {
  /// Version of the `runner` that wrote the folder, e.g. `0.1.0`.
  public var runnerVersion: String
  /// Git commit of the runner's source, when known.
  public var gitCommit: String?
  /// Host name of the machine.
  public var host: String
  /// The instruction-set path the engine's kernels ran on (`avx512`, `avx2`,
  /// `baseline`; see `summary.json`'s `isa`). Nil in folders written before
  /// it was recorded, which name their BLAS under `blas` instead.
  public var isa: String?
  /// When the folder was first created, ISO 8601 (e.g. `2025-01-31T12:00:00Z`).
  public var created: String
  /// The machine that recorded the folder: OS, architecture and CPU model,
  /// e.g. `Linux x86_64; Intel(R) Xeon(R) Processor`. `runner verify`
  /// expects identical results on the same OS and architecture when that is
  /// x86-64 (any CPU), else within a tolerance. Nil in folders written before
  /// it was recorded.
  public var platform: String?

  public init(
    runnerVersion: String, gitCommit: String?, host: String, isa: String?, created: String,
    platform: String? = nil
  ) {
    self.runnerVersion = runnerVersion
    self.gitCommit = gitCommit
    self.host = host
    self.isa = isa
    self.created = created
    self.platform = platform
  }

  public enum CodingKeys: String, CodingKey, CaseIterable {
    case runnerVersion = "runner_version", gitCommit = "git_commit", host, isa, created, platform
  }

  /// Encodes every key, `git_commit` and `platform` as `null` when unknown.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(runnerVersion, forKey: .runnerVersion)
    try c.encode(gitCommit, forKey: .gitCommit)
    try c.encode(host, forKey: .host)
    try c.encode(isa, forKey: .isa)
    try c.encode(created, forKey: .created)
    try c.encode(platform, forKey: .platform)
  }
}
