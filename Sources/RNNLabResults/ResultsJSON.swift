import Foundation
import RNNLabText

/// The one JSON dialect of a results folder: sorted keys, pretty-printed,
/// unescaped slashes, a final newline, and non-finite numbers as the strings
/// `"nan"`, `"inf"`, `"-inf"` (plain JSON has no way to write them).
///
/// Doubles are written in their shortest round-trip form, so encoding the same
/// value always gives the same bytes and decoding gives the same value back.
public enum ResultsJSON {
  /// Encodes `value` deterministically.
  public static func encode<T: Encodable>(_ value: T) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    var data = try encoder.encode(value)
    data.append(0x0A)
    return data
  }

  /// Decodes `T` from `data`; failures become a one-line `ResultsError` naming `path`.
  public static func decode<T: Decodable>(_ type: T.Type, from data: Data, path: String) throws -> T {
    let decoder = JSONDecoder()
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    do {
      return try decoder.decode(type, from: data)
    } catch let error as DecodingError {
      throw describe(error, data: data, path: path)
    } catch {
      throw ResultsError(path: path, message: "cannot decode: \(EchoedText.escaped("\(error)"))")
    }
  }

  /// Reads and decodes the file at `url`.
  public static func read<T: Decodable>(_ type: T.Type, from url: URL) throws -> T {
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw ResultsError(path: url.path, message: "cannot read file")
    }
    return try decode(type, from: data, path: url.path)
  }

  /// Turns a `DecodingError` into a message that names the key and what was wrong.
  static func describe(_ error: DecodingError, data: Data, path: String) -> ResultsError {
    func keyPath(_ codingPath: [any CodingKey]) -> String {
      codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
        .joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
    }
    switch error {
    case .keyNotFound(let key, let context):
      let parent = keyPath(context.codingPath)
      let full = parent.isEmpty ? key.stringValue : "\(parent).\(key.stringValue)"
      return ResultsError(path: path, message: "missing key '\(full)'")
    case .valueNotFound(let type, let context):
      return ResultsError(
        path: path, message: "'\(keyPath(context.codingPath))' is null, expected \(typeName(type))")
    case .typeMismatch(let type, let context):
      return ResultsError(
        path: path, message: "'\(keyPath(context.codingPath))' has the wrong type, expected \(typeName(type))")
    case .dataCorrupted(let context):
      if context.codingPath.isEmpty {
        return syntaxError(data: data, path: path)
      }
      return ResultsError(
        path: path,
        message: "'\(EchoedText.escaped(keyPath(context.codingPath)))': \(EchoedText.escaped(context.debugDescription))")
    @unknown default:
      return ResultsError(path: path, message: "cannot decode: \(EchoedText.escaped("\(error)"))")
    }
  }

  /// JSONDecoder drops the position of a syntax error; JSONSerialization keeps
  /// it as "around character N", which is turned into a line and column here.
  static func syntaxError(data: Data, path: String) -> ResultsError {
    do {
      _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
    } catch {
      let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
      if let range = detail.range(of: #"character (\d+)"#, options: .regularExpression),
        let offset = Int(detail[range].dropFirst("character ".count))
      {
        let (line, column) = position(ofByte: offset, in: data)
        return ResultsError(path: path, line: line, column: column, message: "invalid JSON: \(EchoedText.escaped(detail))")
      }
      if detail.lowercased().contains("end of file") {
        let (line, column) = position(ofByte: data.count, in: data)
        return ResultsError(path: path, line: line, column: column, message: "invalid JSON: \(EchoedText.escaped(detail))")
      }
      return ResultsError(path: path, message: "invalid JSON: \(EchoedText.escaped(detail))")
    }
    return ResultsError(path: path, message: "invalid JSON")
  }

  /// 1-based line and column of a 0-based byte offset.
  static func position(ofByte offset: Int, in data: Data) -> (line: Int, column: Int) {
    var line = 1
    var column = 1
    for byte in data.prefix(offset) {
      if byte == 0x0A {
        line += 1
        column = 1
      } else {
        column += 1
      }
    }
    return (line, column)
  }

  static func typeName(_ type: Any.Type) -> String {
    switch type {
    case is Int.Type: "an integer"
    case is Double.Type: "a number"
    case is Bool.Type: "true or false"
    case is String.Type: "a string"
    case is TrialStatus.Type: "one of: done, diverged, failed"
    default: "\(type)"
    }
  }
}
