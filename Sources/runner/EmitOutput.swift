import Foundation
import RNNLabRun
import RNNLabText

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#elseif canImport(Musl)
  import Musl
#endif

/// Where `runner emit … --output FILE` may write, checked before anything is
/// written: a new path, or (with `--force`) an existing regular file. The job
/// is renamed into place, which replaces whatever directory entry is there,
/// so a device node, FIFO or socket (run as root: `/dev/null`) would be
/// replaced by a regular file; a folder cannot be; and a symbolic link would
/// be replaced itself, not its target, which is never what was meant. All of
/// these are refused, `--force` or not, with exit code 2.
enum EmitOutput {
  static func check(_ path: String, force: Bool) throws(RunnerError) {
    guard !path.isEmpty else { throw RunnerError(path: "--output", message: "the file name must not be empty") }
    // The name is printed and (Slurm) written into the script's instructions:
    // a newline there would start a command.
    try checkPrintable(path, flag: "--output")
    if path.hasSuffix("/") {
      throw RunnerError(path: path, message: "names a folder; give a file name")
    }
    var info = stat()
    guard lstat(path, &info) == 0 else {
      let code = errno
      if code == ENOENT { return }  // a new file (AtomicFile creates missing parent folders)
      throw RunnerError(path: path, message: "cannot write the job here: \(String(cString: strerror(code)))")
    }
    switch info.st_mode & S_IFMT {
    case S_IFREG:
      if !force { throw RunnerError(path: path, message: "already exists; use --force to replace it") }
    case S_IFDIR:
      throw RunnerError(path: path, message: "is a folder; give a file name")
    case S_IFLNK:
      throw RunnerError(
        path: path, message: "is a symbolic link; refusing to replace it (give the file it points to, or remove it)")
    default:
      throw RunnerError(
        path: path, message: "is not a regular file (\(kind(info.st_mode))); emit writes only regular files")
    }
  }

  /// Refuses control characters (newline, carriage return, escape…) in a path.
  static func checkPrintable(_ path: String, flag: String) throws(RunnerError) {
    if path.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
      throw RunnerError(
        path: flag, message: "'\(EchoedText.escaped(path))' contains control characters; choose another name")
    }
  }

  private static func kind(_ mode: mode_t) -> String {
    switch mode & S_IFMT {
    case S_IFCHR: "a character device"
    case S_IFBLK: "a block device"
    case S_IFIFO: "a FIFO"
    case S_IFSOCK: "a socket"
    default: "a special file"
    }
  }
}
