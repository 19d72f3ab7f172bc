import Foundation
import RNNLabResults
import RNNLabSpec
import RNNLabTestSupport
import Testing
@testable import RNNLabRun

/// Damaged, cut and foreign checkpoints are refused, never resumed; a save
/// costs the state plus what was recorded since the last one.
@Suite struct CheckpointHostileTests {
  /// A trained tiny trial whose last checkpoint (before step 7) stays in `folder`.
  private func checkpointed(
    in folder: URL, steps: Int = 12, every: Int = 7
  ) throws -> (trial: Trial, files: CheckpointFiles, trainer: Trainer) {
    let trial = try TinyPlans.trial(
      task: "{kind: first_symbol, seq_len: [5]}", model: "{cell: lstm, hidden: 4}",
      training: ["steps": String(steps), "eval_every": "2", "checkpoint_every": String(every), "keep": "best_val",
                 "flow_every": "3", "log_every": "1"])
    let files = CheckpointFiles(folder: folder)
    let trainer = Trainer(blueprint: try TrialBlueprint(trial: trial), stop: StopFlag(), progress: nil, checkpoints: files)
    _ = try trainer.train()
    return (trial, files, trainer)
  }

  private func isUsable(_ files: CheckpointFiles, _ trial: Trial) -> Bool {
    if case .usable = files.load(trialID: trial.id, configHash: trial.configHash) { return true }
    return false
  }

  private func mutate(_ url: URL, _ change: (inout [UInt8]) -> Void) throws -> [UInt8] {
    let original = [UInt8](try Data(contentsOf: url))
    var bytes = original
    change(&bytes)
    try Data(bytes).write(to: url)
    return original
  }

  @Test func flippedBytesAndBitsOfEitherFileAreRefused() throws {
    let folder = TemporaryFolder()
    defer { folder.remove() }
    let (trial, files, _) = try checkpointed(in: folder.url)
    #expect(isUsable(files, trial))
    for url in [files.stateURL, files.logURL] {
      let size = try Data(contentsOf: url).count
      #expect(size > 64)
      // Every byte of the header and the trailer, a spread of the rest.
      let offsets = Set(Array(0..<96) + Array(stride(from: 96, to: size, by: 11)) + Array(max(0, size - 48)..<size))
      for offset in offsets.sorted() {
        for flip: UInt8 in offset % 7 == 0 ? [0x01, 0x80, 0xFF] : [0x01] {
          let original = try mutate(url) { $0[offset] ^= flip }
          #expect(!isUsable(files, trial), "\(url.lastPathComponent) offset \(offset) ^ \(flip) accepted")
          try Data(original).write(to: url)
        }
      }
      #expect(isUsable(files, trial))
    }
  }

  @Test func cutFilesAndForeignOrMissingLogsAreRefused() throws {
    let folder = TemporaryFolder(), other = TemporaryFolder()
    defer { folder.remove(); other.remove() }
    let (trial, files, _) = try checkpointed(in: folder.url)
    for url in [files.stateURL, files.logURL] {
      let size = try Data(contentsOf: url).count
      for length in [0, 1, 19, size / 2, size - 9, size - 1] {
        let original = try mutate(url) { $0 = Array($0.prefix(length)) }
        #expect(!isUsable(files, trial), "\(url.lastPathComponent) cut to \(length) accepted")
        try Data(original).write(to: url)
      }
    }
    // Another trial's or configuration's checkpoint.
    guard case .unusable(let reason) = files.load(trialID: "other-trial", configHash: trial.configHash),
      case .unusable = files.load(trialID: trial.id, configHash: "0123456789abcdef")
    else {
      Issue.record("a foreign checkpoint was accepted")
      return
    }
    #expect(reason == "it belongs to another trial or configuration")
    // The state of one run with the log of another (same trial, other steps).
    let (_, longer, _) = try checkpointed(in: other.url, steps: 20, every: 9)
    try FileManager.default.removeItem(at: files.logURL)
    try FileManager.default.copyItem(at: longer.logURL, to: files.logURL)
    #expect(!isUsable(files, trial))
    try FileManager.default.removeItem(at: files.logURL)
    #expect(!isUsable(files, trial))
  }

  @Test func aSaveKilledBeforeItsStateIsCutBackAndResumesBitIdentical() throws {
    let folder = TemporaryFolder()
    defer { folder.remove() }
    let (trial, files, whole) = try checkpointed(in: folder.url)
    // A save that appended to the log and was killed before its state file.
    _ = try mutate(files.logURL) { $0 += [7, 7, 7, 7, 7] }
    guard case .usable(let checkpoint, let position) = files.load(trialID: trial.id, configHash: trial.configHash) else {
      Issue.record("a log with an unfinished save after its end was refused")
      return
    }
    var resumedFiles = files
    try resumedFiles.adopt(position)
    #expect(try Data(contentsOf: files.logURL).count == position.length)
    #expect(checkpoint.record.wallSeconds > 0)
    let resumed = Trainer(
      blueprint: try TrialBlueprint(trial: trial), stop: StopFlag(), progress: nil, checkpoints: resumedFiles)
    #expect(resumed.resume(from: checkpoint))
    #expect(resumed.wallSeconds >= checkpoint.record.wallSeconds)
    let record = try resumed.train()
    let fresh = try Trainer(blueprint: try TrialBlueprint(trial: trial), stop: StopFlag(), progress: nil).train()
    #expect(record.metrics == fresh.metrics && record.flow == fresh.flow)
    #expect(record.gradientNorms == fresh.gradientNorms && resumed.model.parameters == whole.model.parameters)
  }

  @Test func aCheckpointAtEveryStepCostsTheStateNotTheWholeRecord() throws {
    let short = TemporaryFolder(), long = TemporaryFolder()
    defer { short.remove(); long.remove() }
    let (_, few, _) = try checkpointed(in: short.url, steps: 12, every: 1)
    let (_, many, trainer) = try checkpointed(in: long.url, steps: 120, every: 1)
    // The state file does not grow with the steps recorded...
    let stateSizes = try [few, many].map { try Data(contentsOf: $0.stateURL).count }
    #expect(stateSizes[0] == stateSizes[1], "\(stateSizes)")
    // ...and the log holds each record once, not once per checkpoint.
    let logSize = try Data(contentsOf: many.logURL).count
    var once = CheckpointWriter()
    once.records(of: trainer.checkpoint(nextStep: 119).record, from: RecordCounts())
    #expect(logSize < once.bytes.count + 119 * 24, "\(logSize) bytes against \(once.bytes.count)")
  }
}
