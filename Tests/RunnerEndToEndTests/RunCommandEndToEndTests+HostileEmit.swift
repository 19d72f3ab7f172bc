import Foundation
import RNNLabTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The hostile pass of issue 26 on `runner emit`: where `--output` may
/// write, and that no text a user gives reaches a generated script or
/// manifest as anything but data.
extension RunCommandEndToEndTests {
  // MARK: - --output: only a new path or a regular file

  @Test func emitOutputRefusesSpecialFilesFoldersAndLinksWithOrWithoutForce() throws {
    let spec = try RunnerProcess.temporarySpec(Self.pair)
    let folder = (spec as NSString).deletingLastPathComponent
    let fifo = "\(folder)/fifo", regular = "\(folder)/regular", device = "\(folder)/null"
    try #require(mkfifo(fifo, 0o644) == 0)
    try "mine\n".write(toFile: regular, atomically: true, encoding: .utf8)
    // A character device as /dev/null is one (major 1, minor 3: 0x103); only root may make it.
    let haveDevice = mknod(device, S_IFCHR | 0o666, dev_t(0x103)) == 0
    try FileManager.default.createDirectory(atPath: "\(folder)/dir", withIntermediateDirectories: false)
    for (name, target) in [("to-fifo", fifo), ("to-regular", regular), ("dangling", "\(folder)/nothing")] {
      try FileManager.default.createSymbolicLink(atPath: "\(folder)/\(name)", withDestinationPath: target)
    }
    let refusals: [(path: String, message: String)] =
      [
        (fifo, "is not a regular file (a FIFO); emit writes only regular files"),
        ("\(folder)/dir", "is a folder; give a file name"),
        ("\(folder)/dir/", "names a folder; give a file name"),
      ]
      + ["to-fifo", "to-regular", "dangling"].map {
        ("\(folder)/\($0)", "is a symbolic link; refusing to replace it (give the file it points to, or remove it)")
      }
      + (haveDevice ? [(device, "is not a regular file (a character device); emit writes only regular files")] : [])
    let before = try Self.entries(folder)
    for (path, message) in refusals {
      for kind in [["slurm"], ["k8s", "--image", "rnnlab:1"]] {
        for force in [[], ["--force"]] {
          let refused = try RunnerProcess.run(["emit"] + kind + [spec, "--output", path] + force)
          #expect(refused.status == 2, "\(path) \(force)")
          #expect(refused.stderr == "\(path): error: \(message)\n", "\(path) \(force)")
        }
      }
    }
    // Nothing was replaced: the FIFO, the device, the links and their targets are as they were.
    #expect(try Self.entries(folder) == before)
    var info = stat()
    #expect(lstat(fifo, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
    if haveDevice { #expect(lstat(device, &info) == 0 && info.st_mode & S_IFMT == S_IFCHR) }
    // A regular file with --force, and a new path, are written.
    for path in [regular, "\(folder)/new/job.sbatch"] {
      let written = try RunnerProcess.run(["emit", "slurm", spec, "--output", path, "--force"])
      #expect(written.status == 0, "\(written.stderr)")
      #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("#!/bin/bash\n"))
    }
  }

  /// Each entry of `folder` by name: its type, and a regular file's text or a link's target
  /// (`TrialFiles.snapshot` would open the FIFO).
  static func entries(_ folder: String) throws -> [String: String] {
    var entries: [String: String] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
      let path = "\(folder)/\(name)"
      var info = stat()
      guard lstat(path, &info) == 0 else { continue }
      switch info.st_mode & S_IFMT {
      case S_IFREG: entries[name] = "file " + (try String(contentsOfFile: path, encoding: .utf8))
      case S_IFLNK: entries[name] = "link " + (try FileManager.default.destinationOfSymbolicLink(atPath: path))
      default: entries[name] = "mode \(info.st_mode & S_IFMT) rdev \(info.st_rdev)"
      }
    }
    return entries
  }

  // MARK: - Hostile text in every string flag and name

  /// Text that runs `touch PWNED` if it ever reaches a shell unquoted (the
  /// `${IFS}` ones without spaces, which image references refuse).
  /// `@BAD@` becomes a byte that is not UTF-8 (0xFF) on the way to the runner.
  static let injections = [
    "x\ntouch PWNED\n", "x\rtouch PWNED", "x'; touch PWNED; '", "x\"; touch PWNED; \"", "$(touch PWNED)",
    "`touch PWNED`", "; touch PWNED", "\"$(touch${IFS}PWNED)\"", "';touch${IFS}PWNED;'", "x@BAD@y",
  ]

  /// One `emit` with one hostile value: the flag, how the value is built
  /// from the injection, and the argument the runner must receive intact (or nil).
  struct EmitCase {
    var flag: String
    var arguments: (String) -> [String]
    var expectedArgument: (String) -> String?
  }

  @Test(arguments: ["slurm", "k8s"])
  func emitNeverLetsUserTextBecomeACommand(kind: String) throws {
    let root = Scratch()
    defer { root.remove() }
    let folder = root.path
    try FileManager.default.createDirectory(atPath: "\(folder)/bin", withIntermediateDirectories: true)
    let stub = "\(folder)/bin/runner"
    try Self.writeStub(at: stub)
    let specText = Self.pair
    let spec = "\(folder)/spec.yaml"
    try specText.write(toFile: spec, atomically: true, encoding: .utf8)
    let k8s = kind == "k8s"
    var cases: [EmitCase] = [
      EmitCase(flag: "--output", arguments: { [spec, "--output", "\(folder)/job\($0).out"] }, expectedArgument: { _ in nil }),
      EmitCase(
        flag: "SPEC",
        arguments: { value in
          let path = "\(folder)/spec\(value).yaml"
          if !value.contains("@BAD@") { try? specText.write(toFile: path, atomically: true, encoding: .utf8) }
          return [path]
        },
        expectedArgument: { k8s ? nil : "\(folder)/spec\($0).yaml" }),
      EmitCase(
        flag: "--out", arguments: { [spec, "--out", (k8s ? "/results/" : "results/") + $0] },
        expectedArgument: { (k8s ? "/results/" : "results/") + $0 }),
      EmitCase(
        flag: "--set", arguments: { [spec, "--set", "description=\($0)"] }, expectedArgument: { "description=\($0)" }),
      EmitCase(
        flag: "--runner",
        arguments: { value in
          let path = "\(folder)/bin\(value)/runner"
          if !value.contains("@BAD@") {
            try? FileManager.default.createDirectory(atPath: "\(folder)/bin\(value)", withIntermediateDirectories: true)
            try? Self.writeStub(at: path)
          }
          return [spec, "--runner", path]
        },
        expectedArgument: { _ in "run" }),
      EmitCase(flag: "--mem", arguments: { [spec, "--mem", "2G\($0)"] }, expectedArgument: { _ in nil }),
      EmitCase(
        flag: "the spec's name",
        arguments: { value in
          let path = "\(folder)/named-\(abs(value.hashValue)).yaml"
          let quoted = value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r")
          try? specText.replacingOccurrences(of: "name: pair", with: "name: \"pair\(quoted)\"")
            .write(toFile: path, atomically: true, encoding: .utf8)
          return [path]
        },
        expectedArgument: { _ in nil }),
    ]
    if k8s {
      cases += [
        EmitCase(flag: "--image", arguments: { [spec, "--image", "rnnlab:1\($0)"] }, expectedArgument: { _ in nil }),
        EmitCase(flag: "--name", arguments: { [spec, "--name", "job\($0)"] }, expectedArgument: { _ in nil }),
        EmitCase(flag: "--claim", arguments: { [spec, "--claim", "claim\($0)"] }, expectedArgument: { _ in nil }),
        EmitCase(
          flag: "--mount", arguments: { [spec, "--mount", "/m\($0)"] }, expectedArgument: { "/m\($0)/pair" }),
      ]
    } else {
      cases += [
        EmitCase(flag: "--time", arguments: { [spec, "--time", "01:00:00\($0)"] }, expectedArgument: { _ in nil }),
        EmitCase(flag: "--partition", arguments: { [spec, "--partition", "cpu\($0)"] }, expectedArgument: { _ in nil }),
      ]
    }
    var accepted = 0  // cases whose job was written and run: the test must not pass by refusing everything
    for emitCase in cases {
      for injection in Self.injections {
        // The plain job, then the report Job (k8s) or per-shard folders (Slurm);
        // per-shard folders' report step makes folders, which must stay in
        // this test's folder, and the Kubernetes paths are absolute.
        for variant in [[], k8s ? ["--report", "--force"] : ["--per-shard-folders", "--force"]] {
          let label = "\(kind) \(emitCase.flag) \(injection.debugDescription) \(variant)"
          // The value under test comes alone; otherwise the image, or the stand-in as the runner.
          let base =
            emitCase.flag == "--image" ? [] : k8s ? ["--image", "rnnlab:1"] : emitCase.flag == "--runner" ? [] : ["--runner", stub]
          let outputFile = emitCase.flag == "--output" ? "\(folder)/job\(injection).out" : nil
          try? FileManager.default.removeItem(atPath: "\(folder)/PWNED")  // each case on its own
          let result = try Self.emit(["emit", kind] + emitCase.arguments(injection) + base + variant, in: folder)
          #expect(!FileManager.default.fileExists(atPath: "\(folder)/PWNED"), "\(label): emit itself ran the text")
          guard result.status == 0 else {
            #expect(result.status == 2, "\(label): \(result.stderr)")
            #expect(
              result.stderr.split(separator: "\n", omittingEmptySubsequences: false).count == 2, "\(label): \(result.stderr)")
            #expect(!result.stderr.contains("\r"), "\(label)")
            if let outputFile { #expect(!FileManager.default.fileExists(atPath: outputFile), "\(label)") }
            continue
          }
          #expect(!injection.contains("@BAD@"), "\(label): a value that is not UTF-8 was accepted")
          accepted += 1
          let text = try outputFile.map { try String(contentsOfFile: $0, encoding: .utf8) } ?? result.stdout
          let scripts = k8s ? try Self.manifestScripts(text, label: label) : [text]
          if k8s, emitCase.flag == "--image" {
            #expect(try Self.manifestImage(text) == "rnnlab:1\(injection)", "\(label)")
          }
          for script in scripts {
            let log = try Self.runScript(
              script, shell: k8s ? "sh" : "bash", in: folder, stubFolder: "\(folder)/bin", label: label)
            #expect(!FileManager.default.fileExists(atPath: "\(folder)/PWNED"), "\(label): the script ran the text")
            // The report Job runs `runner report` alone: no --set, and "report" where "run" was.
            let report = variant.contains("--report")
            let expected = report && emitCase.flag == "--set" ? nil
              : report && emitCase.flag == "--runner" ? "report" : emitCase.expectedArgument(injection)
            if let expected {
              #expect(log.contains("<\(expected)"), "\(label): the runner got \(log.debugDescription)")
            }
          }
        }
      }
    }
    #expect(accepted >= 40, "only \(accepted) hostile values were accepted and run")
  }

  /// A stand-in runner that appends its arguments, each in `<…>`, to `$STUB_LOG`.
  static func writeStub(at path: String) throws {
    try "#!/bin/sh\nfor a; do printf '<%s>' \"$a\"; done >> \"$STUB_LOG\"\nprintf '\\n' >> \"$STUB_LOG\"\n"
      .write(toFile: path, atomically: true, encoding: .utf8)
    chmod(path, 0o755)
  }

  /// Runs the runner in `folder` through bash, which turns `@BAD@` in any
  /// argument into the byte 0xFF (a Swift string cannot hold it).
  static func emit(_ arguments: [String], in folder: String) throws -> RunnerProcess.Result {
    let wrapper = [
      "/bin/bash", "-c",
      "cd \"$1\" || exit 99; shift; bad=$'\\xff'; args=(); for a in \"$@\"; do args+=(\"${a//@BAD@/$bad}\"); done; exec \"${args[@]}\"",
      "bash", folder,
    ]
    return try RunnerProcess.run(arguments, environment: ["LC_ALL": "C"], wrapper: wrapper)
  }

  /// Checks the script's syntax, then runs it as a shard (and, for a Slurm
  /// script, as the report job) with the stand-in runner first on PATH;
  /// returns what the stand-in was given.
  static func runScript(_ script: String, shell: String, in folder: String, stubFolder: String, label: String) throws
    -> String
  {
    let file = "\(folder)/script", log = "\(folder)/stub.log"
    try script.write(toFile: file, atomically: true, encoding: .utf8)
    try? FileManager.default.removeItem(atPath: log)
    let syntax = try ChildProcess.run("/bin/\(shell)", ["-n", file])
    #expect(syntax.status == 0, "\(label): \(syntax.stderr)")
    let environment = [
      "PATH": "\(stubFolder):/usr/bin:/bin", "STUB_LOG": log, "SLURM_ARRAY_TASK_ID": "0", "SLURM_ARRAY_JOB_ID": "1",
      "JOB_COMPLETION_INDEX": "0",
    ]
    for extra in shell == "bash" ? [[], ["report"]] : [[]] {
      _ = try ChildProcess.run("/bin/\(shell)", [file] + extra, environment: environment, directory: folder, timeout: 60)
    }
    return (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
  }

  /// The `sh -c` scripts of every container in a manifest, read back by PyYAML.
  static func manifestScripts(_ text: String, label: String) throws -> [String] {
    let read = try ExternalTool.run(
      "python3",
      ["-c",
       "import json, sys, yaml\nprint(json.dumps([c['command'][2] for d in yaml.safe_load_all(sys.stdin) "
        + "if d['kind'] == 'Job' for c in d['spec']['template']['spec']['containers']]))"],
      input: text)
    #expect(read.status == 0, "\(label): the manifest does not parse: \(read.stderr)")
    return try JSONDecoder().decode([String].self, from: Data(read.stdout.utf8))
  }

  /// The image of the Job's container, read back by PyYAML.
  static func manifestImage(_ text: String) throws -> String {
    let read = try ExternalTool.run(
      "python3",
      ["-c",
       "import json, sys, yaml\nprint(json.dumps([d for d in yaml.safe_load_all(sys.stdin) if d['kind'] == 'Job'][0]"
        + "['spec']['template']['spec']['containers'][0]['image']))"],
      input: text)
    return try JSONDecoder().decode(String.self, from: Data(read.stdout.utf8))
  }
}
