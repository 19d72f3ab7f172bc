import Foundation

/// Writing and reading the files of a results folder. Every write goes through
/// `AtomicFile`, so a killed run leaves either the old or the new file.
extension ResultsLayout {
  /// Writes `manifest.json`.
  public func write(_ manifest: Manifest) throws {
    try AtomicFile.write(ResultsJSON.encode(manifest), to: manifestURL)
  }

  /// Writes `trials/<id>/metrics.csv`.
  public func write(metrics: [MetricPoint], trial trialID: String) throws {
    try AtomicFile.write(MetricPoint.csv(metrics), to: metricsURL(trial: trialID))
  }

  /// Writes `trials/<id>/gradient_flow.csv`.
  public func write(flow: [FlowPoint], trial trialID: String) throws {
    try AtomicFile.write(FlowPoint.csv(flow), to: gradientFlowURL(trial: trialID))
  }

  /// Writes `trials/<id>/summary.json` for `summary.trialId`. Write it after
  /// every other file of the trial: its presence means "finished".
  public func write(_ summary: TrialSummary) throws {
    try AtomicFile.write(ResultsJSON.encode(summary), to: summaryURL(trial: summary.trialId))
  }

  /// The trial's summary, or nil when the trial has not finished (no `summary.json`).
  /// - Throws: `ResultsError` when the file exists but is malformed.
  public func readSummary(trial trialID: String) throws -> TrialSummary? {
    let url = summaryURL(trial: trialID)
    guard FileManager.default.fileExists(atPath: url.path) else { return nil }
    return try ResultsJSON.read(TrialSummary.self, from: url)
  }

  /// The manifest, or nil when the folder has none.
  public func readManifest() throws -> Manifest? {
    guard FileManager.default.fileExists(atPath: manifestURL.path) else { return nil }
    return try ResultsJSON.read(Manifest.self, from: manifestURL)
  }

  /// The trial's config, or nil when it has none.
  public func readConfig(trial trialID: String) throws -> JSONValue? {
    let url = configURL(trial: trialID)
    guard FileManager.default.fileExists(atPath: url.path) else { return nil }
    return try ResultsJSON.read(JSONValue.self, from: url)
  }

  /// The trial's metrics; empty when the file does not exist (a trial that failed early).
  public func readMetrics(trial trialID: String) throws -> [MetricPoint] {
    let url = metricsURL(trial: trialID)
    guard let text = try readTextIfPresent(url) else { return [] }
    return try MetricPoint.parse(csv: text, path: url.path)
  }

  /// The trial's gradient-flow snapshots; empty when the file does not exist.
  public func readFlow(trial trialID: String) throws -> [FlowPoint] {
    let url = gradientFlowURL(trial: trialID)
    guard let text = try readTextIfPresent(url) else { return [] }
    return try FlowPoint.parse(csv: text, path: url.path)
  }

  func readTextIfPresent(_ url: URL) throws -> String? {
    guard FileManager.default.fileExists(atPath: url.path) else { return nil }
    guard let data = try? Data(contentsOf: url) else {
      throw ResultsError(path: url.path, message: "cannot read file")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw ResultsError(path: url.path, message: "not UTF-8 text")
    }
    return text
  }
}
