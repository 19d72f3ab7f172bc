import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A program the tests start with `posix_spawn` and reap with `waitpid`.
///
/// Not Foundation's `Process`: its `waitUntilExit()` waits on a run loop for
/// a termination notice, and called from the test threads of a busy parallel
/// run it can miss that notice and wait forever (swift-corelibs-foundation
/// on Linux); one such wait hung a whole CI run. Here the wait polls the
/// kernel and has a deadline. Output goes to files, so no pipe fills up.
/// The child starts with no signal blocked and every signal at its default,
/// as it would from a shell: a test thread's blocked signals are not passed on.
public final class ChildProcess: @unchecked Sendable {
  /// How the child ended.
  public struct Ending: Sendable {
    /// The exit status, or the number of the signal that ended it.
    public var status: Int32
    /// Whether a signal ended it.
    public var signaled: Bool
    public var stdout: String
    public var stderr: String
  }

  /// The child was still running at its deadline (it has been killed).
  public struct TimedOut: Error, CustomStringConvertible {
    public var command: String
    public var seconds: Double
    public var description: String { "\(command) still ran after \(Int(seconds)) s; killed" }
  }

  public let pid: pid_t
  private let command: String
  private let folder: URL
  private let lock = NSLock()
  private var ended: Ending?

  /// Starts `executable arguments…` (a path, or a name looked up in PATH);
  /// `environment` replaces this process's (nil: inherit it); `directory` is
  /// its working folder (nil: this process's); `input` is its standard input.
  public init(
    _ executable: String, _ arguments: [String], environment: [String: String]? = nil, directory: String? = nil,
    input: String = ""
  ) throws {
    command = ([executable] + arguments).joined(separator: " ")
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("rnnlab-child-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try Data(input.utf8).write(to: folder.appendingPathComponent("stdin"))

    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    for (descriptor, name, flags) in [
      (Int32(0), "stdin", O_RDONLY), (1, "stdout", O_WRONLY | O_CREAT | O_TRUNC), (2, "stderr", O_WRONLY | O_CREAT | O_TRUNC),
    ] {
      posix_spawn_file_actions_addopen(&actions, descriptor, folder.appendingPathComponent(name).path, flags, 0o644)
    }
    // Descriptors another test thread has open (a script it is writing, say)
    // must not leak into the child: an executable still open for writing
    // there cannot be run (ETXTBSY).
    guard let closeFrom = Self.addCloseFrom else { throw POSIXError(.ENOSYS) }
    _ = closeFrom(&actions, 3)
    if let directory {
      guard let addChdir = Self.addChdir else { throw POSIXError(.ENOSYS) }
      _ = addChdir(&actions, directory)
    }

    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var none = sigset_t(), all = sigset_t()
    sigemptyset(&none)
    sigfillset(&all)
    sigdelset(&all, SIGKILL)
    sigdelset(&all, SIGSTOP)
    posix_spawnattr_setsigmask(&attributes, &none)
    posix_spawnattr_setsigdefault(&attributes, &all)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    let pairs = environment.map { $0.map { "\($0.key)=\($0.value)" } }
    let envp = pairs.map { $0.map { strdup($0) } + [nil] }
    defer {
      argv.forEach { free($0) }
      envp?.forEach { free($0) }
    }
    var child = pid_t()
    let status = envp.map { posix_spawnp(&child, executable, &actions, &attributes, argv, $0) }
      ?? posix_spawnp(&child, executable, &actions, &attributes, argv, environ)
    guard status == 0 else {
      try? FileManager.default.removeItem(at: folder)
      throw POSIXError(POSIXErrorCode(rawValue: status) ?? .EINVAL)
    }
    pid = child
  }

  deinit {
    if reap(block: false) == nil {
      kill(pid, SIGKILL)
      _ = reap(block: true)
    }
    try? FileManager.default.removeItem(at: folder)
  }

  /// glibc's `posix_spawn_file_actions_addchdir_np` (2.29) and
  /// `…_addclosefrom_np` (2.34), which Swift's Glibc module does not declare.
  private static let addChdir = glibc(
    "posix_spawn_file_actions_addchdir_np",
    as: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32).self)
  private static let addCloseFrom = glibc(
    "posix_spawn_file_actions_addclosefrom_np",
    as: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)

  private static func glibc<Function>(_ name: String, as type: Function.Type) -> Function? {
    dlsym(UnsafeMutableRawPointer(bitPattern: 0), name).map { unsafeBitCast($0, to: type) }
  }

  /// Sends `signal` to the child (nothing once it has been reaped).
  public func signal(_ number: Int32) {
    lock.lock()
    defer { lock.unlock() }
    if ended == nil { kill(pid, number) }
  }

  /// What the child has written to its standard output so far.
  public var stdoutSoFar: String { read("stdout") }

  /// Waits for the child to end; past `seconds`, kills it and throws `TimedOut`.
  @discardableResult
  public func wait(timeout seconds: Double = 600) throws -> Ending {
    let deadline = Date().addingTimeInterval(seconds)
    var pause: useconds_t = 500
    while Date() < deadline {
      if let ending = reap(block: false) { return ending }
      usleep(pause)
      pause = min(pause * 2, 20_000)
    }
    if let ending = reap(block: false) { return ending }
    kill(pid, SIGKILL)
    _ = reap(block: true)
    throw TimedOut(command: command, seconds: seconds)
  }

  /// Runs a program to its end (see `init` and `wait`).
  public static func run(
    _ executable: String, _ arguments: [String], environment: [String: String]? = nil, directory: String? = nil,
    input: String = "", timeout: Double = 600
  ) throws -> Ending {
    try ChildProcess(executable, arguments, environment: environment, directory: directory, input: input)
      .wait(timeout: timeout)
  }

  /// The ending once the child has exited (reaping it), nil while it runs.
  private func reap(block: Bool) -> Ending? {
    lock.lock()
    defer { lock.unlock() }
    if let ended { return ended }
    var status: Int32 = 0
    var result: pid_t
    repeat { result = waitpid(pid, &status, block ? 0 : WNOHANG) } while result == -1 && errno == EINTR
    guard result == pid else { return nil }
    let signal = status & 0x7f
    ended = Ending(
      status: signal == 0 ? (status >> 8) & 0xff : signal, signaled: signal != 0, stdout: read("stdout"),
      stderr: read("stderr"))
    return ended
  }

  private func read(_ name: String) -> String {
    (try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)) ?? ""
  }
}

/// Polls `condition` every 2 ms until it holds (true) or `seconds` pass (false).
public func waitUntil(seconds: Double, _ condition: () -> Bool) -> Bool {
  let deadline = Date().addingTimeInterval(seconds)
  while Date() < deadline {
    if condition() { return true }
    usleep(2000)
  }
  return condition()
}
