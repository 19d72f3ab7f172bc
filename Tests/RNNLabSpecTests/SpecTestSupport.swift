import Foundation
import RNNLabSpec

/// Shared helpers for the spec tests.
enum SpecTestSupport {
  /// The path of a fixture under `Specs/`.
  static func fixture(_ name: String) -> String {
    guard let folder = Bundle.module.url(forResource: "Specs", withExtension: nil) else {
      fatalError("the Specs resource folder is missing from the test bundle")
    }
    return folder.appendingPathComponent(name).path
  }

  /// A small valid spec that tests vary line by line; its line numbers are
  /// relied on by the tests, so keep them stable.
  static let validText = """
    name: t
    seeds: [1, 2]
    tasks:
      - kind: adding
        seq_len: [10, 20]
    models:
      - name: rnn
        cell: rnn
        hidden: 8
      - name: lstm
        cell: lstm
        hidden: 8
    training:
      steps: 10

    """

  /// The printed diagnostics for `text` (named `t.yaml`), or [] when it loads.
  static func errors(_ text: String, overrides: [String] = []) -> [String] {
    do {
      _ = try ExperimentSpec.parse(text, sourceName: "t.yaml", overrides: overrides)
      return []
    } catch {
      return error.diagnostics.map(\.description)
    }
  }

  /// The printed diagnostics for the file at `path`, or [] when it loads.
  static func fileErrors(_ path: String, overrides: [String] = []) -> [String] {
    do {
      _ = try ExperimentSpec.load(path: path, overrides: overrides)
      return []
    } catch {
      return error.diagnostics.map(\.description)
    }
  }

  /// `validText` with `old` replaced by `new` (which must occur exactly once).
  static func valid(replacing old: String, with new: String) -> String {
    precondition(validText.components(separatedBy: old).count == 2, "'\(old)' must occur once")
    return validText.replacingOccurrences(of: old, with: new)
  }

  /// A fresh, empty temporary directory.
  static func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("rnnlab-spec-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}
