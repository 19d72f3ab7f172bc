import Foundation
import RNNLabRandom
import RNNLabResults

/// A trial's checkpoint on disk, in its folder: `checkpoint.bin`, the state
/// (replaced atomically, checksummed), and `checkpoint.log`, the record's
/// growing lists (appended, hashed). A save writes the state and only what
/// the record gained since the last save, so frequent checkpoints cost no
/// more than the state itself (`checkpoint_every: 1` rewrote every record
/// so far on each step before).
struct CheckpointFiles {
  static let stateName = "checkpoint.bin"
  static let logName = "checkpoint.log"

  let folder: URL
  /// The part of the log the last save or an adopted checkpoint vouches for;
  /// nil until then, and the next save starts a new log.
  private var logged: RecordLogPosition?
  /// When (monotonic seconds) a save last flushed both files to disk.
  private var lastSync = -Double.infinity
  /// Saves flush to disk at most this often. A process killed in between
  /// loses nothing (the kernel has the data); a power loss may cost the
  /// latest checkpoints, and a file it garbles fails its checksum, so the
  /// trial restarts, to the same bits. An fsync costs 2–10 ms, which made
  /// `checkpoint_every: 1` ten times slower than training.
  static let syncInterval = 10.0

  init(folder: URL) { self.folder = folder }

  var stateURL: URL { folder.appendingPathComponent(Self.stateName) }
  var logURL: URL { folder.appendingPathComponent(Self.logName) }

  /// What `load` found.
  enum Loaded {
    case none
    case usable(TrialCheckpoint, RecordLogPosition)
    /// Damaged or foreign, with the reason in a few words.
    case unusable(String)
  }

  /// The checkpoint of `trialID` under `configHash`, if the folder has a
  /// whole one: the state verified by its checksum, its trial and
  /// configuration, and the log up to the length the state names verified
  /// by its hash. Changes nothing on disk.
  func load(trialID: String, configHash: String) -> Loaded {
    guard let data = try? Data(contentsOf: stateURL) else { return .none }
    switch TrialCheckpoint.decode([UInt8](data)) {
    case .failure(.format):
      return .unusable("not a checkpoint of this runner's format, or cut short")
    case .failure(.checksum):
      return .unusable("its checksum does not match its contents")
    case .success((var checkpoint, let position)):
      guard checkpoint.trialID == trialID, checkpoint.configHash == configHash else {
        return .unusable("it belongs to another trial or configuration")
      }
      let log = (try? Data(contentsOf: logURL)).map { [UInt8]($0) } ?? []
      guard log.count >= position.length, StableHash.fnv1a64(log[..<position.length]) == position.hash else {
        return .unusable("its record log is missing or damaged")
      }
      var reader = CheckpointReader(bytes: Array(log[..<position.length]), offset: 0)
      while reader.offset < position.length {
        guard reader.records(into: &checkpoint.record) else { return .unusable("its record log is damaged") }
      }
      guard RecordCounts(checkpoint.record) == position.counts else {
        return .unusable("its record log does not match it")
      }
      return .usable(checkpoint, position)
    }
  }

  /// Continues the log of a loaded checkpoint: cuts off what a save that
  /// was killed before its state file appended.
  mutating func adopt(_ position: RecordLogPosition) throws {
    if truncate(logURL.path, off_t(position.length)) != 0 {
      throw AtomicFileError(path: logURL.path, reason: String(cString: strerror(errno)))
    }
    logged = position
  }

  /// Saves `checkpoint`: appends its record's news to the log (a new log on
  /// the first save of a trial started from scratch), then replaces the
  /// state. A kill between the two leaves a longer log, which `adopt` cuts.
  mutating func save(_ checkpoint: TrialCheckpoint) throws {
    let start = logged ?? RecordLogPosition()
    var chunk = CheckpointWriter()
    chunk.records(of: checkpoint.record, from: start.counts)
    let now = ProgressReporter.monotonicSeconds()
    let sync = now - lastSync >= Self.syncInterval
    try append(chunk.bytes, startingNewLog: logged == nil, synchronize: sync)
    let position = RecordLogPosition(
      counts: RecordCounts(checkpoint.record), length: start.length + chunk.bytes.count,
      hash: StableHash.fnv1a64(chunk.bytes, continuing: start.hash))
    try AtomicFile.write(Data(checkpoint.encoded(log: position)), to: stateURL, synchronize: sync)
    logged = position
    if sync { lastSync = now }
  }

  /// Deletes both files (the state first, so a kill between leaves no state
  /// that names a missing log).
  mutating func remove() {
    try? FileManager.default.removeItem(at: stateURL)
    try? FileManager.default.removeItem(at: logURL)
    logged = nil
  }

  private func append(_ bytes: [UInt8], startingNewLog: Bool, synchronize: Bool) throws {
    if startingNewLog {
      do {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      } catch {
        throw AtomicFileError(path: logURL.path, reason: AtomicFileError.reason(error))
      }
    }
    let flags = O_WRONLY | O_CREAT | O_CLOEXEC | (startingNewLog ? O_TRUNC : O_APPEND)
    let descriptor = open(logURL.path, flags, 0o644)
    guard descriptor >= 0 else {
      throw AtomicFileError(path: logURL.path, reason: String(cString: strerror(errno)))
    }
    let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    defer { try? handle.close() }
    do {
      try handle.write(contentsOf: Data(bytes))
      if synchronize { try handle.synchronize() }
    } catch {
      throw AtomicFileError(path: logURL.path, reason: AtomicFileError.reason(error))
    }
  }
}
