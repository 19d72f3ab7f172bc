import Foundation

extension AtomicFileError {
  /// The operating system's reason for a failed file operation, e.g. "No space
  /// left on device" or "Permission denied". Foundation wraps it in a generic
  /// error ("The operation could not be completed") that would hide it.
  public static func reason(_ error: any Error) -> String {
    let error = error as NSError
    if error.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(error.code))) }
    if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
      return String(cString: strerror(Int32(underlying.code)))
    }
    if error.domain == NSCocoaErrorDomain, let code = posixCode(forCocoaCode: error.code) {
      return String(cString: strerror(code))
    }
    return error.localizedDescription.split(whereSeparator: \.isNewline).joined(separator: " ")
  }

  /// The POSIX error behind the Foundation file errors that come without one.
  private static func posixCode(forCocoaCode code: Int) -> Int32? {
    switch CocoaError.Code(rawValue: code) {
    case .fileWriteNoPermission, .fileReadNoPermission: EACCES
    case .fileWriteOutOfSpace: ENOSPC
    case .fileWriteVolumeReadOnly: EROFS
    case .fileWriteFileExists: EEXIST
    case .fileNoSuchFile, .fileReadNoSuchFile: ENOENT
    default: nil
    }
  }
}
