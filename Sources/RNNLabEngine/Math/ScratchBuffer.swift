/// A growable, class-owned buffer for the caches and workspaces that the hot
/// loops index by pointer.
///
/// Growing discards the contents (the buffers are rewritten every pass) and
/// zero-fills; a model reused on batches of the same shape never reallocates.
final class ScratchBuffer<Element: EngineScalar> {
  private(set) var pointer: UnsafeMutablePointer<Element>
  private(set) var capacity: Int

  init(count: Int = 0) {
    capacity = Swift.max(count, 1)
    pointer = .allocate(capacity: capacity)
    pointer.initialize(repeating: 0, count: capacity)
  }

  deinit { pointer.deallocate() }

  /// Makes room for `count` elements; the contents are lost when it grows.
  @inline(__always)
  func reserve(_ count: Int) {
    if count <= capacity { return }
    pointer.deallocate()
    capacity = count
    pointer = .allocate(capacity: count)
    pointer.initialize(repeating: 0, count: count)
  }

  /// Sets the first `count` elements to zero.
  @inline(__always)
  func zero(_ count: Int) {
    pointer.update(repeating: 0, count: count)
  }
}
