import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#elseif canImport(Musl)
  import Musl
#endif

/// Keeps `runner run DIR/spec.yaml --out DIR` from replacing the user's spec
/// (comments, anchors, layout) with the resolved one.
enum SpecFileGuard {
  /// Whether the resolved spec must be written to `target`: false when
  /// `target` is the input file itself and already says exactly `resolved`.
  /// - Throws: `RunnerError` when `target` is the input file and differs.
  static func mustWrite(_ resolved: String, to target: URL, input: URL?) throws(RunnerError) -> Bool {
    guard let input else { return true }
    var inputInfo = stat(), targetInfo = stat()
    // stat follows a linked input; lstat does not follow the target, which
    // AtomicFile replaces (a link there is replaced, never written through).
    guard stat(input.path, &inputInfo) == 0, lstat(target.path, &targetInfo) == 0,
      inputInfo.st_dev == targetInfo.st_dev, inputInfo.st_ino == targetInfo.st_ino
    else { return true }
    if (try? String(contentsOf: target, encoding: .utf8)) == resolved { return false }
    throw RunnerError(
      path: input.path,
      message: "the spec is the results folder's own spec.yaml, which the run would replace with the resolved spec; "
        + "copy it elsewhere and run that, or choose another --out")
  }
}
