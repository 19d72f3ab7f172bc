import Foundation
import RNNLabText

/// Reads and writes the safetensors format, so weights load straight into
/// PyTorch (`safetensors.torch.load_file`) and back.
///
/// Layout: an 8-byte little-endian header length N, N bytes of UTF-8 JSON
/// `{"__metadata__":{…},"name":{"dtype":"F32","shape":[…],"data_offsets":[begin,end]},…}`
/// padded with spaces so the data starts at a multiple of 8, then the raw
/// little-endian float32 data with offsets relative to the data start. We
/// write tensors in sorted-name order (UTF-8 byte order, as Python sorts) and
/// read only F32; a malformed file is rejected with a `FormatError`, never a crash.
public enum SafeTensors {
  /// Why a file could not be read or written; `description` is one line.
  public struct FormatError: Error, Equatable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
  }

  /// The headers we accept at most, as the reference implementation does.
  static let maximumHeaderLength = 100_000_000

  // MARK: Files

  /// Writes `tensors` (and string `metadata`) to `url`, replacing it atomically.
  public static func write(
    _ tensors: [NamedTensor], metadata: [String: String] = [:], to url: URL
  ) throws {
    let bytes = try encode(tensors, metadata: metadata)
    do {
      try Data(bytes).write(to: url, options: .atomic)
    } catch {
      throw FormatError("cannot write \(url.path): \(error.localizedDescription)")
    }
  }

  /// The tensors of the file at `url`, in data order.
  public static func read(from url: URL) throws -> [NamedTensor] {
    try readWithMetadata(from: url).tensors
  }

  /// The tensors (in data order) and the `__metadata__` strings of the file at `url`.
  public static func readWithMetadata(from url: URL) throws -> (
    tensors: [NamedTensor], metadata: [String: String]
  ) {
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw FormatError("cannot read \(url.path): \(error.localizedDescription)")
    }
    return try decode([UInt8](data))
  }

  // MARK: Bytes

  /// The bytes of a safetensors file holding `tensors` and `metadata`.
  public static func encode(_ tensors: [NamedTensor], metadata: [String: String] = [:]) throws
    -> [UInt8]
  {
    var seen = Set<String>()
    for tensor in tensors {
      guard !tensor.name.isEmpty, tensor.name != "__metadata__" else {
        throw FormatError("invalid tensor name '\(tensor.name)'")
      }
      guard seen.insert(tensor.name).inserted else {
        throw FormatError("duplicate tensor name '\(tensor.name)'")
      }
      guard tensor.shape.allSatisfy({ $0 >= 0 }), tensor.elementCount == tensor.values.count else {
        throw FormatError(
          "tensor '\(tensor.name)' has shape \(tensor.shape) but \(tensor.values.count) values")
      }
    }
    let ordered = tensors.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }

    var header = "{"
    var entries: [String] = []
    if !metadata.isEmpty {
      let pairs = metadata.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        .map { "\(QuotedString.json($0.key)):\(QuotedString.json($0.value))" }
      entries.append("\"__metadata__\":{\(pairs.joined(separator: ","))}")
    }
    var offset = 0
    for tensor in ordered {
      let end = offset + 4 * tensor.values.count
      let shape = tensor.shape.map(String.init).joined(separator: ",")
      entries.append(
        "\(QuotedString.json(tensor.name)):{\"dtype\":\"F32\",\"shape\":[\(shape)],\"data_offsets\":[\(offset),\(end)]}")
      offset = end
    }
    header += entries.joined(separator: ",") + "}"
    var headerBytes = Array(header.utf8)
    while headerBytes.count % 8 != 0 { headerBytes.append(UInt8(ascii: " ")) }

    var bytes: [UInt8] = []
    bytes.reserveCapacity(8 + headerBytes.count + offset)
    withUnsafeBytes(of: UInt64(headerBytes.count).littleEndian) { bytes.append(contentsOf: $0) }
    bytes.append(contentsOf: headerBytes)
    for tensor in ordered {
      for value in tensor.values {
        withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
      }
    }
    return bytes
  }

  /// The tensors (in data order) and metadata held in `bytes`, after checking
  /// that the header is well-formed and the offsets tile the data exactly.
  public static func decode(_ bytes: [UInt8]) throws -> (
    tensors: [NamedTensor], metadata: [String: String]
  ) {
    guard bytes.count >= 8 else {
      throw FormatError("file is \(bytes.count) bytes, too short for the 8-byte header length")
    }
    var length: UInt64 = 0
    for i in 0..<8 { length |= UInt64(bytes[i]) << (8 * UInt64(i)) }
    guard length <= UInt64(min(maximumHeaderLength, bytes.count - 8)) else {
      throw FormatError(
        "header length \(length) exceeds the \(bytes.count - 8) bytes after the length field")
    }
    let headerEnd = 8 + Int(length)
    let object: Any
    do {
      object = try JSONSerialization.jsonObject(with: Data(bytes[8..<headerEnd]))
    } catch {
      throw FormatError("header is not valid JSON")
    }
    guard let entries = object as? [String: Any] else {
      throw FormatError("header is not a JSON object")
    }

    var metadata: [String: String] = [:]
    if let raw = entries["__metadata__"] {
      guard let strings = raw as? [String: String] else {
        throw FormatError("__metadata__ must map strings to strings")
      }
      metadata = strings
    }

    let dataLength = bytes.count - headerEnd
    var spans: [(name: String, shape: [Int], begin: Int, end: Int)] = []
    for (name, raw) in entries where name != "__metadata__" {
      spans.append(try parseEntry(name: name, raw, dataLength: dataLength))
    }
    spans.sort { $0.begin != $1.begin ? $0.begin < $1.begin : $0.end < $1.end }
    var expected = 0
    for span in spans {
      guard span.begin == expected else {
        throw FormatError(
          "tensor '\(span.name)' starts at byte \(span.begin) of the data, expected \(expected) (tensors must tile the data without gaps or overlaps)")
      }
      expected = span.end
    }
    guard expected == dataLength else {
      throw FormatError("tensors cover \(expected) bytes but the data section has \(dataLength)")
    }

    let tensors = spans.map { span in
      var values = [Float](repeating: 0, count: (span.end - span.begin) / 4)
      for i in values.indices {
        let at = headerEnd + span.begin + 4 * i
        let bits = UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16
          | UInt32(bytes[at + 3]) << 24
        values[i] = Float(bitPattern: bits)
      }
      return NamedTensor(name: span.name, shape: span.shape, values: values)
    }
    return (tensors, metadata)
  }

  /// Checks one header entry: F32 dtype, a non-negative shape and offsets
  /// inside the data whose length matches the shape.
  static func parseEntry(name: String, _ raw: Any, dataLength: Int) throws -> (
    name: String, shape: [Int], begin: Int, end: Int
  ) {
    guard let entry = raw as? [String: Any] else {
      throw FormatError("entry '\(name)' is not a JSON object")
    }
    guard let dtype = entry["dtype"] as? String else {
      throw FormatError("tensor '\(name)' has no dtype")
    }
    guard dtype == "F32" else {
      throw FormatError("tensor '\(name)' has dtype \(dtype); only F32 is supported")
    }
    guard let shape = integers(entry["shape"]), shape.allSatisfy({ $0 >= 0 }) else {
      throw FormatError("tensor '\(name)' has no valid shape (a list of non-negative integers)")
    }
    guard let offsets = integers(entry["data_offsets"]), offsets.count == 2,
      offsets[0] >= 0, offsets[0] <= offsets[1], offsets[1] <= dataLength
    else {
      throw FormatError(
        "tensor '\(name)' has invalid data_offsets (need [begin, end] with 0 ≤ begin ≤ end ≤ \(dataLength))")
    }
    var elements = 1
    for dimension in shape {
      let (product, overflow) = elements.multipliedReportingOverflow(by: dimension)
      guard !overflow, product <= dataLength else {
        throw FormatError("tensor '\(name)' has shape \(shape), larger than the file")
      }
      elements = product
    }
    guard offsets[1] - offsets[0] == 4 * elements else {
      throw FormatError(
        "tensor '\(name)' has shape \(shape) (\(4 * elements) bytes) but data_offsets span \(offsets[1] - offsets[0]) bytes")
    }
    return (name, shape, offsets[0], offsets[1])
  }

  /// A JSON array of integers as `[Int]`, or nil (also for non-integral numbers).
  static func integers(_ raw: Any?) -> [Int]? {
    guard let array = raw as? [Any] else { return nil }
    var result: [Int] = []
    for element in array {
      guard let number = element as? NSNumber, let value = Int(exactly: number.doubleValue) else {
        return nil
      }
      result.append(value)
    }
    return result
  }
}
