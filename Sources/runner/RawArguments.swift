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

/// The process's arguments and working directory as the bytes the kernel
/// gave. Swift's `CommandLine.arguments` and `FileManager` repair bytes that
/// are not UTF-8 into U+FFFD, so a job written from them would name another
/// file than the one given; `runner emit` refuses such bytes instead.
enum RawArguments {
  /// Throws for the first argument that is not valid UTF-8.
  static func checkUTF8() throws(RunnerError) {
    for index in 1..<Int(CommandLine.argc) {
      guard let pointer = CommandLine.unsafeArgv[index] else { continue }
      if String(validatingCString: pointer) == nil {
        let lossy = String(decoding: UnsafeRawBufferPointer(start: pointer, count: strlen(pointer)), as: UTF8.self)
        throw RunnerError(
          path: nil,
          message: "argument \(index) ('\(EchoedText.escaped(lossy))') is not valid UTF-8; a job cannot name it exactly")
      }
    }
  }

  /// The working directory, which a Slurm script `cd`s to; throws when its
  /// path is not valid UTF-8.
  static func currentDirectory() throws(RunnerError) -> String {
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    guard getcwd(&buffer, buffer.count) != nil else {
      throw RunnerError(path: nil, message: "cannot read the current directory: \(String(cString: strerror(errno)))")
    }
    guard let path = buffer.withUnsafeBufferPointer({ String(validatingCString: $0.baseAddress!) }) else {
      throw RunnerError(path: nil, message: "the current directory's path is not valid UTF-8; run emit from another one")
    }
    return path
  }
}
