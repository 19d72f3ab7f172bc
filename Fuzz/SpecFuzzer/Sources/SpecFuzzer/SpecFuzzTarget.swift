#if canImport(Glibc)
import Glibc
#endif

/// One libFuzzer input: the spec's bytes, of which leading lines
/// `#--set PATH=VALUE` are also taken as overrides (they stay comments in the
/// spec), so that the fuzzer can grow override arguments too; `\n` and `\r`
/// in them stand for line breaks, which a command-line argument may hold.
enum SpecFuzzTarget {
  static let overridePrefix = Array("#--set ".utf8)

  static func run(_ bytes: [UInt8]) -> CInt {
    var overrides: [String] = []
    var rest = bytes[...]
    while rest.starts(with: overridePrefix) {
      let line = rest.prefix { $0 != 0x0A }
      let argument = String(decoding: line.dropFirst(overridePrefix.count), as: UTF8.self)
      overrides.append(argument.replacing("\\n", with: "\n").replacing("\\r", with: "\r"))
      rest = rest.dropFirst(line.count + 1)
    }
    let problems = SpecFuzzOracle.check(bytes: bytes, sourceName: "fuzz.yaml", overrides: overrides).problems
    if !problems.isEmpty {
      // A broken promise is a crash as far as libFuzzer is concerned: it
      // saves the input as crash-… for replay.
      let message = Array("spec fuzz: \(problems.joined(separator: "\n"))\n".utf8)
      _ = message.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count) }
      abort()
    }
    return 0
  }
}

/// `@_cdecl` for libFuzzer's own `main` in its archive, which the linker
/// pulls in and which refers to this symbol even though it never runs.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  SpecFuzzTarget.run(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
}
