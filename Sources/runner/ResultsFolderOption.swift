import Foundation
import RNNLabRun

/// The results folder of `run` and `plan`: `--out DIR`, or `results/<spec name>`.
enum ResultsFolderOption {
  /// - Throws: `RunnerError` when `--out` is given empty.
  static func url(out: String?, specName: String) throws(RunnerError) -> URL {
    if let out, out.isEmpty {
      throw RunnerError(path: "--out", message: "the results folder must not be empty")
    }
    return URL(fileURLWithPath: out ?? "results/\(specName)")
  }
}
