import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#elseif canImport(Musl)
  import Musl
#endif

/// An exclusive claim on a results folder for the life of a run, so that two
/// runners never write the same trials at once.
///
/// The claim is an `flock` on `<folder>/.lock`, which holds the owner's pid,
/// host and start time for the refusal message. The kernel drops an `flock`
/// when its process dies, however it dies, so a lock file left by a killed
/// runner is not "stale" in any way that needs detecting: the next runner
/// simply takes it and overwrites the owner record. The file is never deleted
/// (deleting a lock file races with a runner that has just opened it).
///
/// Shards may share a folder: a sharded run holds `.lock` *shared* plus
/// `.lock-shard-I-of-N` exclusively, so different shards run side by side
/// while a whole-plan run, or a second copy of the same shard, is refused.
/// The descriptors are opened close-on-exec so that a child process can never
/// inherit (and keep alive) the claim.
public final class ResultsLock: @unchecked Sendable {
  /// The folder's lock file name.
  public static let fileName = ".lock"

  /// The results folder this lock protects.
  public let folder: URL
  /// Set when the file system cannot lock files (some network file systems):
  /// the run goes on unprotected, and this says so.
  public let warning: String?
  private let lock = NSLock()
  private var descriptors: [Int32]
  private let ownerFile: Int32

  private init(folder: URL, descriptors: [Int32], ownerFile: Int32, warning: String? = nil) {
    self.folder = folder
    self.descriptors = descriptors
    self.ownerFile = ownerFile
    self.warning = warning
  }

  deinit { release() }

  /// Takes the lock on `folder` (created if missing) for the whole plan or one
  /// shard, or throws a `RunnerError` naming the folder and the holder's pid.
  public static func acquire(folder: URL, shard: Shard = .whole, now: Date = Date()) throws(RunnerError)
    -> ResultsLock
  {
    try createFolder(folder)
    let owner = LockOwner.current(started: now)
    let folderLock = try openLockFile(folder.appendingPathComponent(fileName))
    switch attempt(folderLock, shard.isWhole ? LOCK_EX : LOCK_SH) {
    case .taken: break
    case .unsupported(let reason):
      close(folderLock)
      return ResultsLock(
        folder: folder, descriptors: [], ownerFile: -1,
        warning: "\(folder.path): warning: cannot lock the results folder (\(reason)); "
          + "make sure no other runner writes to it at the same time")
    case .held:
      // Shard runs hold `.lock` shared and leave its record alone, so ask them first.
      let holder = (shard.isWhole ? shardHolders(in: folder).first : nil) ?? LockOwner.read(from: folderLock)
      close(folderLock)
      throw refusal(folder: folder, holder: holder)
    }
    if shard.isWhole {
      try writeOwner(owner, to: folderLock, folder: folder)
      return ResultsLock(folder: folder, descriptors: [folderLock], ownerFile: folderLock)
    }
    let shardLock: Int32
    do { shardLock = try openLockFile(folder.appendingPathComponent(shardFileName(shard))) } catch {
      close(folderLock)
      throw error
    }
    guard case .taken = attempt(shardLock, LOCK_EX) else {
      let holder = LockOwner.read(from: shardLock)
      close(shardLock)
      close(folderLock)
      throw refusal(folder: folder, holder: holder, shard: shard)
    }
    do { try writeOwner(owner, to: shardLock, folder: folder) } catch {
      close(shardLock)
      close(folderLock)
      throw error
    }
    // Another split of the same plan (0/2 beside 0/4) would train trials of
    // this one: refused. Both runs hold their own lock while they look, so
    // two that start together see each other (and both refuse).
    if let (other, holder) = heldShards(in: folder).first(where: { $0.shard.count != shard.count && $0.shard.overlaps(shard) }) {
      _ = ftruncate(shardLock, 0)
      close(shardLock)
      close(folderLock)
      let who = holder.map { "runner pid \($0.pid)" } ?? "another runner"
      throw RunnerError(
        path: folder.path,
        message: "shard \(shard) overlaps shard \(other), which \(who) is running in this folder: "
          + "the splits share trials; run one split per folder at a time")
    }
    return ResultsLock(folder: folder, descriptors: [shardLock, folderLock], ownerFile: shardLock)
  }

  /// The shard locks currently held in `folder` (by any process but through
  /// another descriptor), with their shard and owner.
  private static func heldShards(in folder: URL) -> [(shard: Shard, owner: LockOwner?)] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    let prefix = "\(fileName)-shard-"
    return names.filter { $0.hasPrefix(prefix) }.sorted().compactMap { name in
      let parts = name.dropFirst(prefix.count).split(separator: "-")
      guard parts.count == 3, parts[1] == "of", let index = Int(parts[0]), let count = Int(parts[2]),
        let shard = try? Shard(index: index, count: count)
      else { return nil }
      let descriptor = open(folder.appendingPathComponent(name).path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
      guard descriptor >= 0 else { return nil }
      defer { close(descriptor) }
      if flock(descriptor, LOCK_SH | LOCK_NB) == 0 { return nil }  // free: nobody holds it
      return (shard, LockOwner.read(from: descriptor))
    }
  }

  /// A shared claim for commands that only read the folder (`compare`,
  /// `verify`): they may run side by side, but not while a runner writes it.
  /// A whole-plan run holds `.lock` exclusively until its report is written;
  /// a shard holds it shared, like a reader, so the shard locks are asked
  /// too. A shard that starts after this check is not stopped by it (shards
  /// do not wait for readers); what it writes is renamed into place, so a
  /// reader still sees whole files.
  /// A folder no runner has locked yet (no `.lock`) needs no claim; nil then.
  public static func acquireForReading(folder: URL) throws(RunnerError) -> ResultsLock? {
    let url = folder.appendingPathComponent(fileName)
    guard ResultsStore.entryExists(url) else { return nil }
    let descriptor = open(url.path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
    guard descriptor >= 0 else {
      let code = errno
      throw RunnerError(
        path: url.path,
        message: code == ELOOP
          ? "the lock file is a symbolic link; refusing to follow it (remove it)"
          : "cannot open the lock file: \(String(cString: strerror(code)))")
    }
    switch attempt(descriptor, LOCK_SH) {
    case .taken:
      if let holder = shardHolders(in: folder).first {
        close(descriptor)
        throw refusal(folder: folder, holder: holder)
      }
      return ResultsLock(folder: folder, descriptors: [descriptor], ownerFile: -1)
    case .unsupported:
      close(descriptor)
      return nil
    case .held:
      let holder = LockOwner.read(from: descriptor)
      close(descriptor)
      throw refusal(folder: folder, holder: holder)
    }
  }

  private enum Attempt {
    case taken, held
    case unsupported(String)
  }

  /// One non-blocking `flock`: taken, held by someone else, or impossible here.
  private static func attempt(_ descriptor: Int32, _ operation: Int32) -> Attempt {
    if flock(descriptor, operation | LOCK_NB) == 0 { return .taken }
    let code = errno
    if code == EWOULDBLOCK || code == EAGAIN || code == EINTR { return .held }
    return .unsupported(String(cString: strerror(code)))
  }

  /// Gives the folder back. Safe to call more than once; also done on deinit
  /// and, by the kernel, when the process ends.
  public func release() {
    lock.withLock {
      guard !descriptors.isEmpty else { return }
      if ownerFile >= 0 { _ = ftruncate(ownerFile, 0) }  // an unheld lock file should not name an owner
      for descriptor in descriptors { close(descriptor) }
      descriptors = []
    }
  }

  static func shardFileName(_ shard: Shard) -> String {
    "\(fileName)-shard-\(shard.index)-of-\(shard.count)"
  }

  /// Opens (creating) a lock file without following a symbolic link: a link
  /// planted at `.lock` would otherwise have its target truncated.
  private static func openLockFile(_ url: URL) throws(RunnerError) -> Int32 {
    let descriptor = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
    guard descriptor >= 0 else {
      let code = errno
      if code == ELOOP {
        throw RunnerError(
          path: url.path, message: "the lock file is a symbolic link; refusing to follow it (remove it)")
      }
      throw RunnerError(path: url.path, message: "cannot open the lock file: \(String(cString: strerror(code)))")
    }
    return descriptor
  }

  /// `mkdir -p`, naming the path that failed and why in plain words (Foundation
  /// says "NSCocoaErrorDomain error 512" when an ancestor is a file).
  static func createFolder(_ folder: URL) throws(RunnerError) {
    var path = folder.path.hasPrefix("/") ? "" : "."
    for component in folder.path.split(separator: "/") {
      path += "/" + component
      if mkdir(path, 0o755) == 0 { continue }
      let code = errno
      var info = stat()
      if code == EEXIST, stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR { continue }
      let reason = code == EEXIST || code == ENOTDIR ? "'\(path)' is not a folder" : String(cString: strerror(code))
      throw RunnerError(path: folder.path, message: "cannot create the results folder: \(reason)")
    }
  }

  private static func writeOwner(_ owner: LockOwner, to descriptor: Int32, folder: URL) throws(RunnerError) {
    let bytes = Array(owner.encoded.utf8)
    let written = bytes.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
    guard ftruncate(descriptor, off_t(bytes.count)) == 0, written == bytes.count else {
      close(descriptor)
      throw RunnerError(
        path: folder.appendingPathComponent(fileName).path,
        message: "cannot write the lock file: \(String(cString: strerror(errno)))")
    }
  }

  /// The owners of the shard locks currently held in `folder`, found by trying
  /// each shard lock file without blocking.
  private static func shardHolders(in folder: URL) -> [LockOwner] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasPrefix("\(fileName)-shard-") }.sorted().compactMap { name in
      let descriptor = open(folder.appendingPathComponent(name).path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
      guard descriptor >= 0 else { return nil }
      defer { close(descriptor) }
      if flock(descriptor, LOCK_SH | LOCK_NB) == 0 { return nil }  // free: nobody holds it
      return LockOwner.read(from: descriptor)
    }
  }

  private static func refusal(folder: URL, holder: LockOwner?, shard: Shard? = nil) -> RunnerError {
    let who = holder.map { "pid \($0.pid) on \($0.host), started \($0.started)" } ?? "pid unknown"
    let what = shard.map { "shard \($0) of this results folder is being run" }
      ?? "this results folder is in use"
    return RunnerError(
      path: folder.path,
      message: "\(what) by another runner (\(who)); wait for it to finish or choose another --out")
  }
}
