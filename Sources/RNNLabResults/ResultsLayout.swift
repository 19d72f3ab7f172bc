import Foundation

/// Where every file of a results folder lives:
///
///     <root>/spec.yaml  manifest.json
///     <root>/trials/<trial-id>/config.json metrics.csv gradient_flow.csv summary.json weights.safetensors
///     <root>/summary.csv aggregate.csv report.md plots/*.svg
public struct ResultsLayout: Sendable, Equatable {
  /// The results folder, `results/<experiment>/` by default.
  public var root: URL

  public init(root: URL) {
    self.root = root
  }

  /// File names inside a trial folder and the folder itself.
  public enum FileName {
    public static let spec = "spec.yaml"
    public static let manifest = "manifest.json"
    public static let trials = "trials"
    public static let config = "config.json"
    public static let metrics = "metrics.csv"
    public static let gradientFlow = "gradient_flow.csv"
    public static let summary = "summary.json"
    public static let weights = "weights.safetensors"
    public static let summaryCSV = "summary.csv"
    public static let aggregateCSV = "aggregate.csv"
    /// The selected configuration per task × length × model (folders with a search only).
    public static let selectionCSV = "selection.csv"
    public static let report = "report.md"
    public static let plots = "plots"
  }

  /// The spec as run (resolved, overrides applied).
  public var specURL: URL { root.appendingPathComponent(FileName.spec) }
  public var manifestURL: URL { root.appendingPathComponent(FileName.manifest) }
  /// Folder holding one sub-folder per trial.
  public var trialsFolder: URL { root.appendingPathComponent(FileName.trials, isDirectory: true) }
  public var summaryCSVURL: URL { root.appendingPathComponent(FileName.summaryCSV) }
  public var aggregateCSVURL: URL { root.appendingPathComponent(FileName.aggregateCSV) }
  public var reportURL: URL { root.appendingPathComponent(FileName.report) }
  public var plotsFolder: URL { root.appendingPathComponent(FileName.plots, isDirectory: true) }

  /// `trials/<id>/`.
  public func trialFolder(_ trialID: String) -> URL {
    trialsFolder.appendingPathComponent(trialID, isDirectory: true)
  }
  /// `trials/<id>/config.json`: the fully resolved trial config plus `config_hash`.
  public func configURL(trial trialID: String) -> URL {
    trialFolder(trialID).appendingPathComponent(FileName.config)
  }
  /// `trials/<id>/metrics.csv`.
  public func metricsURL(trial trialID: String) -> URL {
    trialFolder(trialID).appendingPathComponent(FileName.metrics)
  }
  /// `trials/<id>/gradient_flow.csv`.
  public func gradientFlowURL(trial trialID: String) -> URL {
    trialFolder(trialID).appendingPathComponent(FileName.gradientFlow)
  }
  /// `trials/<id>/summary.json`; its presence marks the trial finished.
  public func summaryURL(trial trialID: String) -> URL {
    trialFolder(trialID).appendingPathComponent(FileName.summary)
  }
  /// `trials/<id>/weights.safetensors`.
  public func weightsURL(trial trialID: String) -> URL {
    trialFolder(trialID).appendingPathComponent(FileName.weights)
  }
}
