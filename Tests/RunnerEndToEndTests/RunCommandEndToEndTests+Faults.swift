import Foundation
import Testing

/// Faults through the built binary: a disk that fills up, folders that cannot
/// be written, symbolic links and names that point outside the results
/// folder. Part of the serialized run suite (no two training runs at once).
extension RunCommandEndToEndTests {
  /// Four trials whose files differ in size: the `big` model trains 15× longer,
  /// so its `metrics.csv` is about 42 KB while every other file is under 3 KB.
  static let uneven = """
    name: uneven
    seeds: [1, 2]
    tasks: [{kind: adding, seq_len: [5]}]
    models:
      - {name: small, cell: rnn, hidden: 4}
      - {name: big, cell: rnn, hidden: 4, training: {steps: 150}}
    training: {steps: 10, batch_size: 4, eval_every: 5, eval_size: 8}
    """

  /// The disk fills up: a file-size limit (`ulimit -f`, with SIGXFSZ ignored
  /// so the write fails with an error instead of killing the process) makes
  /// the first large write fail, the way ENOSPC does. Needs no privileges.
  @Test func aWriteThatFailsStopsWithOneLineNamingTheFileAndTheRunResumes() throws {
    let spec = try RunnerProcess.temporarySpec(Self.uneven)
    let reference = Scratch(), out = Scratch()
    defer { reference.remove(); out.remove() }
    #expect(try RunnerProcess.run([spec, "--out", reference.path, "--quiet"]).status == 0)
    let expected = try TrialFiles(reference.path)

    // 16 blocks of 512 bytes: every small file fits, big's metrics.csv does not.
    let full = ["/bin/sh", "-c", "trap '' XFSZ; ulimit -f 16; exec \"$0\" \"$@\""]
    let failed = try RunnerProcess.run([spec, "--out", out.path, "--jobs", "1", "--quiet"], wrapper: full)
    #expect(failed.status == 3)
    #expect(failed.stderr == "\(out.path)/trials/adding-T5-big-s1/metrics.csv: error: cannot write file: File too large\n")
    #expect(failed.stdout == "")
    // The two trials that ran first are complete and exactly right; the failed
    // one has no summary.json (so it will run again); nothing else is there.
    let finished = try TrialFiles(out.path).files.filter { $0.key.hasPrefix("adding-T5-small-") }
    #expect(finished == expected.files.filter { $0.key.hasPrefix("adding-T5-small-") })
    #expect(finished.count == 10)
    #expect(try TrialFiles.finishedCount(out.path) == 2)
    #expect(temporaryFiles(under: out.path) == [])
    let stamps = try summaryDates(out.path)

    let resumed = try RunnerProcess.run([spec, "--out", out.path, "--jobs", "1"])
    #expect(resumed.status == 0)
    #expect(resumed.stderr.contains("2 already done; 1 interrupted, restarting; running 2 on 1 job"))
    #expect(try TrialFiles(out.path) == expected)
    #expect(try summaryDates(out.path).filter { stamps.keys.contains($0.key) } == stamps, "finished trials untouched")
  }

  /// Folders that cannot be written. As root, permissions do not stop writes,
  /// so the runner then runs as user `nobody` (setpriv).
  @Test(.enabled(if: getuid() != 0 || FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")))
  func readOnlyFoldersStopWithOneLineAndFinishedTrialsStayIntact() throws {
    let asUser = getuid() == 0 ? ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"] : []
    let spec = try RunnerProcess.temporarySpec(Self.uneven)
    let reference = Scratch(), out = Scratch()
    let fm = FileManager.default
    func chmod(_ path: String, _ mode: Int) throws { try fm.setAttributes([.posixPermissions: mode], ofItemAtPath: path) }
    defer {
      try? chmod(out.path, 0o755)
      try? chmod("\(out.path)/trials", 0o755)
      reference.remove()
      out.remove()
    }
    #expect(try RunnerProcess.run([spec, "--out", reference.path, "--quiet"]).status == 0)
    let expected = try TrialFiles(reference.path)
    let firstHalf = try RunnerProcess.run([spec, "--out", out.path, "--shard", "0/2", "--quiet"], wrapper: asUser)
    #expect(firstHalf.status == 0, "\(firstHalf.stderr)")
    let before = try TrialFiles(out.path)
    #expect(before.count == 10)
    let stamps = try summaryDates(out.path)
    let run = [spec, "--out", out.path, "--jobs", "1", "--quiet"]

    // The results folder is read-only: the first write (the resolved spec) fails.
    try chmod(out.path, 0o555)
    let folder = try RunnerProcess.run(run, wrapper: asUser)
    #expect(folder.status == 3)
    #expect(folder.stderr.hasPrefix("\(out.path)/spec.yaml: error: cannot write file: cannot create \(out.path)/.spec.yaml.tmp-"))
    #expect(folder.stderr.hasSuffix(": Permission denied\n"))
    #expect(folder.stderr.split(separator: "\n").count == 1)
    try chmod(out.path, 0o755)

    // Only trials/ is read-only: the first trial to run cannot make its folder.
    try chmod("\(out.path)/trials", 0o555)
    let trials = try RunnerProcess.run(run, wrapper: asUser)
    #expect(trials.status == 3)
    #expect(trials.stderr == "\(out.path)/trials/adding-T5-small-s2/config.json: error: cannot write file: "
      + "cannot create folder \(out.path)/trials/adding-T5-small-s2: Permission denied\n")
    try chmod("\(out.path)/trials", 0o755)

    #expect(try TrialFiles(out.path) == before)
    #expect(try summaryDates(out.path) == stamps)
    #expect(temporaryFiles(under: out.path) == [])
    let resumed = try RunnerProcess.run(run, wrapper: asUser)
    #expect(resumed.status == 0, "\(resumed.stderr)")
    #expect(try TrialFiles(out.path) == expected)

    // A results folder under a regular file cannot even be created: bad input.
    let file = "\(out.path)/spec.yaml"
    let underFile = try RunnerProcess.run([spec, "--out", "\(file)/results"])
    #expect(underFile.status == 2)
    #expect(underFile.stderr.hasPrefix("\(file)/results: error: cannot create the results folder: "))
    #expect(underFile.stderr.split(separator: "\n").count == 1)
  }

  /// Trial folders that are symbolic links: a finished one (trials merged by
  /// linking) is read and never written; an unfinished or dangling one loses
  /// the link, never what it points to, and the trial trains into a real
  /// folder. `--force` re-running a linked trial removes only the link.
  @Test func symbolicLinksInTheResultsFolderAreNeverWrittenThrough() throws {
    let spec = try RunnerProcess.temporarySpec(Self.grid)
    let reference = Scratch(), out = Scratch(), outside = Scratch()
    defer { reference.remove(); out.remove(); outside.remove() }
    let fm = FileManager.default
    let oneSeed = ["--set", "seeds=[1]", "--quiet"]
    #expect(try RunnerProcess.run([spec, "--out", reference.path] + oneSeed).status == 0)
    try fm.createDirectory(atPath: "\(outside.path)/unfinished", withIntermediateDirectories: true)
    try Data("sentinel".utf8).write(to: URL(fileURLWithPath: "\(outside.path)/unfinished/config.json"))
    try fm.copyItem(atPath: "\(reference.path)/trials/adding-T8-rnn-s1", toPath: "\(outside.path)/finished")
    try fm.createDirectory(atPath: "\(out.path)/trials", withIntermediateDirectories: true)
    let links = [
      "adding-T5-rnn-s1": "\(outside.path)/unfinished", "adding-T5-lstm-s1": "\(outside.path)/missing",
      "adding-T8-rnn-s1": "\(outside.path)/finished",
    ]
    for (id, target) in links { try fm.createSymbolicLink(atPath: "\(out.path)/trials/\(id)", withDestinationPath: target) }
    let outsideBefore = try TrialFiles.snapshot(outside.path)

    let result = try RunnerProcess.run([spec, "--out", out.path] + oneSeed)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.split(separator: "\n").last?.hasPrefix("4 trials: 3 done, 1 already done (") == true)
    #expect(try TrialFiles(out.path) == TrialFiles(reference.path))
    #expect(try TrialFiles.snapshot(outside.path) == outsideBefore)
    #expect(try fm.destinationOfSymbolicLink(atPath: "\(out.path)/trials/adding-T8-rnn-s1") == "\(outside.path)/finished")
    for id in ["adding-T5-rnn-s1", "adding-T5-lstm-s1"] {
      #expect((try? fm.destinationOfSymbolicLink(atPath: "\(out.path)/trials/\(id)")) == nil, "\(id) is a real folder now")
    }

    let forced = try RunnerProcess.run([spec, "--out", out.path, "--set", "training.steps=13", "--force"] + oneSeed)
    #expect(forced.status == 0, "\(forced.stderr)")
    #expect((try? fm.destinationOfSymbolicLink(atPath: "\(out.path)/trials/adding-T8-rnn-s1")) == nil)
    #expect(try TrialFiles.snapshot(outside.path) == outsideBefore)
  }

  /// Names in the spec or on the command line that would lead out of the
  /// results folder are refused before anything is written.
  @Test func namesThatWouldLeaveTheResultsFolderAreRefused() throws {
    let spec = try RunnerProcess.temporarySpec(Self.grid)
    let out = Scratch()
    defer { out.remove() }
    for (overrides, message) in [
      (["name=../escape"], "--set name=../escape:1:6: error: 'name' must be safe as a folder name (letters, digits, '_', '.', '-'), got '../escape'"),
      (["models.rnn.name=a/b"], "--set models.rnn.name=a/b:1:17: error: 'name' must be safe as a folder name (letters, digits, '_', '.', '-'), got 'a/b'"),
      (["tasks.adding.name=.."], "--set tasks.adding.name=..:1:19: error: 'name' cannot be '..', which is not usable as a folder name"),
    ] {
      let result = try RunnerProcess.run([spec, "--out", out.path] + overrides.flatMap { ["--set", $0] })
      #expect(result.status == 2)
      #expect(result.stderr == message + "\n")
      #expect(!FileManager.default.fileExists(atPath: out.path))
    }
    let defaultFolder = try RunnerProcess.run([spec, "--set", "name=../escape"])
    #expect(defaultFolder.status == 2)
    #expect(!FileManager.default.fileExists(atPath: RunnerProcess.packageRoot.appendingPathComponent("escape").path))
  }

  /// The modification date of every `summary.json`, by trial id.
  private func summaryDates(_ folder: String) throws -> [String: Date] {
    var dates: [String: Date] = [:]
    for id in try FileManager.default.contentsOfDirectory(atPath: "\(folder)/trials") {
      let path = "\(folder)/trials/\(id)/summary.json"
      guard FileManager.default.fileExists(atPath: path) else { continue }
      dates[id] = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
    }
    return dates
  }
}
