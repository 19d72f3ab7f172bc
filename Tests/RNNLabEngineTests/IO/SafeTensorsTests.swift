import Foundation
import Testing

@testable import RNNLabEngine

/// The safetensors format: byte-exact output, files written by Python's
/// `safetensors` read back, round trips, and clear errors for malformed files.
@Suite struct SafeTensorsTests {
  static func bytes(hex: String) -> [UInt8] {
    var result: [UInt8] = []
    var index = hex.startIndex
    while index < hex.endIndex {
      let next = hex.index(index, offsetBy: 2)
      result.append(UInt8(hex[index..<next], radix: 16)!)
      index = next
    }
    return result
  }

  /// A file assembled by hand: the 8-byte length, the JSON header (132 bytes,
  /// padded with 4 spaces to 136), then 1.0, −2.0 and 0.5 as little-endian float32.
  static let handMade: [UInt8] = {
    let header = #"{"__metadata__":{"k":"v"},"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[],"data_offsets":[8,12]}}"#
    return [136, 0, 0, 0, 0, 0, 0, 0] + Array(header.utf8) + Array("    ".utf8)
      + [0x00, 0x00, 0x80, 0x3f, 0x00, 0x00, 0x00, 0xc0, 0x00, 0x00, 0x00, 0x3f]
  }()

  /// Written by Python: `safetensors.numpy.save_file({"weight_hh_l0": np.arange(6, dtype=np.float32)
  /// .reshape(2, 3) * 0.25, "b": np.array([-1.5, 2.0], np.float32), "empty": np.zeros((0, 3),
  /// np.float32)}, path, metadata={"k": "v"})` with safetensors 0.8.0.
  static let fromPython = bytes(
    hex: "d0000000000000007b225f5f6d657461646174615f5f223a7b226b223a2276227d2c2262223a7b226474797065223a22463332222c227368617065223a5b325d2c22646174615f6f666673657473223a5b302c385d7d2c22656d707479223a7b226474797065223a22463332222c227368617065223a5b302c335d2c22646174615f6f666673657473223a5b382c385d7d2c227765696768745f68685f6c30223a7b226474797065223a22463332222c227368617065223a5b322c335d2c22646174615f6f666673657473223a5b382c33325d7d7d2020200000c0bf00000040000000000000803e0000003f0000403f0000803f0000a03f"
  )

  static let pythonTensors = [
    NamedTensor(name: "b", shape: [2], values: [-1.5, 2]),
    NamedTensor(name: "empty", shape: [0, 3], values: []),
    NamedTensor(name: "weight_hh_l0", shape: [2, 3], values: [0, 0.25, 0.5, 0.75, 1, 1.25]),
  ]

  @Test func writesTheFormatByteForByte() throws {
    // Given out of order: the writer sorts by name.
    let tensors = [NamedTensor(name: "b", shape: [], values: [0.5]), NamedTensor(name: "a", shape: [2], values: [1, -2])]
    #expect(try SafeTensors.encode(tensors, metadata: ["k": "v"]) == Self.handMade)
    #expect(try SafeTensors.encode(Self.pythonTensors.reversed(), metadata: ["k": "v"]) == Self.fromPython)
  }

  @Test func readsFilesWrittenByPython() throws {
    let (tensors, metadata) = try SafeTensors.decode(Self.fromPython)
    #expect(tensors == Self.pythonTensors)
    #expect(metadata == ["k": "v"])
    let hand = try SafeTensors.decode(Self.handMade)
    #expect(hand.tensors == [NamedTensor(name: "a", shape: [2], values: [1, -2]), NamedTensor(name: "b", shape: [], values: [0.5])])
  }

  @Test func roundTripsThroughAFile() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("safetensors-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("weights.safetensors")
    let tensors = [
      NamedTensor(name: "weight_ih_l0", shape: [8, 3], values: (0..<24).map { Float($0) * 0.37 - 4 }),
      NamedTensor(name: "bias_ih_l0", shape: [8], values: [1, -1, .pi, 1e-30, -0.0, .infinity, 3e38, 0]),
      NamedTensor(name: "name \"quoted\"\\é", shape: [1], values: [7]),
    ]
    try SafeTensors.write(tensors, metadata: ["format": "pt", "trial": "adding-T100-lstm-s1"], to: url)
    let (read, metadata) = try SafeTensors.readWithMetadata(from: url)
    #expect(read.sorted { $0.name < $1.name }.map(\.name) == tensors.map(\.name).sorted())
    for tensor in tensors {
      let back = try #require(read.first { $0.name == tensor.name })
      #expect(back.shape == tensor.shape)
      #expect(back.values.map(\.bitPattern) == tensor.values.map(\.bitPattern))
    }
    #expect(metadata == ["format": "pt", "trial": "adding-T100-lstm-s1"])
    // The data starts at a multiple of 8 and holds 33 floats.
    let raw = [UInt8](try Data(contentsOf: url))
    let headerLength = (0..<8).reduce(0) { $0 | Int(raw[$1]) << (8 * $1) }
    #expect(headerLength % 8 == 0)
    #expect(raw.count == 8 + headerLength + 4 * 33)
  }

  @Test func refusesToWriteInconsistentTensors() {
    #expect(throws: SafeTensors.FormatError.self) {
      try SafeTensors.encode([NamedTensor(name: "w", shape: [2, 2], values: [1, 2, 3])])
    }
    #expect(throws: SafeTensors.FormatError.self) {
      try SafeTensors.encode([NamedTensor(name: "w", shape: [1], values: [1]), NamedTensor(name: "w", shape: [1], values: [2])])
    }
    #expect(throws: SafeTensors.FormatError.self) {
      try SafeTensors.encode([NamedTensor(name: "__metadata__", shape: [1], values: [1])])
    }
  }

  /// A file made from `header` (padded) and `dataBytes` zero bytes.
  static func file(header: String, dataBytes: Int, declaredLength: UInt64? = nil) -> [UInt8] {
    var json = Array(header.utf8)
    while json.count % 8 != 0 { json.append(0x20) }
    let length = declaredLength ?? UInt64(json.count)
    return (0..<8).map { UInt8(truncatingIfNeeded: length >> (8 * UInt64($0))) } + json
      + [UInt8](repeating: 0, count: dataBytes)
  }

  static let malformed: [(String, [UInt8], String)] = [
    ("empty file", [], "too short"),
    ("short length", [1, 2, 3], "too short"),
    ("length past end", file(header: "{}", dataBytes: 0, declaredLength: 1 << 40), "exceeds"),
    ("not JSON", file(header: "{\"a\":", dataBytes: 0), "not valid JSON"),
    ("not an object", file(header: "[1,2]", dataBytes: 0), "not a JSON object"),
    ("entry not object", file(header: #"{"a":3}"#, dataBytes: 0), "not a JSON object"),
    ("no dtype", file(header: #"{"a":{"shape":[1],"data_offsets":[0,4]}}"#, dataBytes: 4), "no dtype"),
    ("other dtype", file(header: #"{"a":{"dtype":"F16","shape":[2],"data_offsets":[0,4]}}"#, dataBytes: 4), "only F32"),
    ("negative shape", file(header: #"{"a":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}"#, dataBytes: 4), "shape"),
    ("fractional shape", file(header: #"{"a":{"dtype":"F32","shape":[1.5],"data_offsets":[0,4]}}"#, dataBytes: 4), "shape"),
    ("offsets past data", file(header: #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#, dataBytes: 4), "data_offsets"),
    ("reversed offsets", file(header: #"{"a":{"dtype":"F32","shape":[0],"data_offsets":[4,0]}}"#, dataBytes: 4), "data_offsets"),
    ("size mismatch", file(header: #"{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#, dataBytes: 8), "span 8 bytes"),
    ("huge shape", file(header: #"{"a":{"dtype":"F32","shape":[4294967296,4294967296,4],"data_offsets":[0,4]}}"#, dataBytes: 4), "larger than the file"),
    ("gap", file(header: #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#, dataBytes: 8), "expected 0"),
    ("overlap", file(header: #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#, dataBytes: 8), "expected 8"),
    ("trailing data", file(header: #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#, dataBytes: 8), "cover 4 bytes"),
    ("bad metadata", file(header: #"{"__metadata__":{"k":1}}"#, dataBytes: 0), "__metadata__"),
  ]

  @Test(arguments: 0..<malformed.count)
  func rejectsMalformedFilesWithAClearError(index: Int) {
    let (name, bytes, fragment) = Self.malformed[index]
    do {
      _ = try SafeTensors.decode(bytes)
      Issue.record("\(name): accepted a malformed file")
    } catch let error as SafeTensors.FormatError {
      #expect(error.description.contains(fragment), "\(name): \(error.description)")
    } catch {
      Issue.record("\(name): unexpected error \(error)")
    }
  }

  @Test func missingFileIsAFormatErrorNamingThePath() {
    let url = URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)/w.safetensors")
    #expect(throws: SafeTensors.FormatError.self) { try SafeTensors.read(from: url) }
    do { _ = try SafeTensors.read(from: url) } catch { #expect("\(error)".contains(url.path)) }
  }
}
