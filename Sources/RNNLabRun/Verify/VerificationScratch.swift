import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#elseif canImport(Musl)
  import Musl
#endif

/// The temporary folders `runner verify` re-runs into,
/// `rnnlab-verify-<pid>-<uuid>` under the system's temporary directory. A
/// verify removes its own folder when it ends, but a killed one (kill -9, a
/// lost node) cannot, so each verify first sweeps the folders whose verify
/// is gone: its pid no longer runs here, no runner holds the folder's lock,
/// and nothing in it has changed for a minute (in case the pid belongs to
/// another pid namespace sharing this directory).
public enum VerificationScratch {
  static let prefix = "rnnlab-verify-"
  /// How long a folder must have been left alone before it is swept.
  static let minimumAge: TimeInterval = 60

  /// A new, unique folder under `directory` (not created yet).
  public static func newFolder(in directory: URL = FileManager.default.temporaryDirectory) -> URL {
    directory.appendingPathComponent("\(prefix)\(getpid())-\(UUID().uuidString)")
  }

  /// Removes the stale verify folders in `directory` that belong to this user;
  /// returns the names removed. Never follows a symbolic link.
  @discardableResult
  public static func sweep(
    in directory: URL = FileManager.default.temporaryDirectory, now: Date = Date(),
    isRunning: (pid_t) -> Bool = processIsRunning
  ) -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    var removed: [String] = []
    for name in names.sorted() {
      guard let pid = owner(ofFolderNamed: name), pid != getpid(), !isRunning(pid) else { continue }
      let folder = directory.appendingPathComponent(name)
      var info = stat()
      guard lstat(folder.path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR, info.st_uid == getuid(),
        let modified = (try? FileManager.default.attributesOfItem(atPath: folder.path))?[.modificationDate] as? Date,
        now.timeIntervalSince(modified) >= minimumAge, !isLocked(folder)
      else { continue }
      if (try? FileManager.default.removeItem(at: folder)) != nil { removed.append(name) }
    }
    return removed
  }

  /// The pid in `rnnlab-verify-<pid>-<uuid>`, or nil for any other name.
  static func owner(ofFolderNamed name: String) -> pid_t? {
    guard name.hasPrefix(prefix) else { return nil }
    let rest = name.dropFirst(prefix.count)
    guard let dash = rest.firstIndex(of: "-"), UUID(uuidString: String(rest[rest.index(after: dash)...])) != nil
    else { return nil }
    return pid_t(rest[..<dash]).flatMap { $0 > 0 ? $0 : nil }
  }

  /// Whether a process with this pid exists (EPERM: it does, another user's).
  public static func processIsRunning(_ pid: pid_t) -> Bool {
    kill(pid, 0) == 0 || errno == EPERM
  }

  /// Whether a runner holds the folder's results lock (its re-run is training).
  private static func isLocked(_ folder: URL) -> Bool {
    let descriptor = open(folder.appendingPathComponent(ResultsLock.fileName).path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
    guard descriptor >= 0 else { return false }
    defer { close(descriptor) }
    return flock(descriptor, LOCK_SH | LOCK_NB) != 0
  }
}
