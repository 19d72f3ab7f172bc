import Foundation
import Testing
import RNNLabText

@Suite struct QuotedStringTests {
  @Test func jsonEscapesQuotesBackslashesAndControlsOnly() {
    #expect(QuotedString.json("plain é 😀") == "\"plain é 😀\"")
    #expect(QuotedString.json("a\"b\\c\nd\re\tf\u{1}g\u{1F}") == #""a\"b\\c\nd\re\tf\u0001g\u001f""#)
    #expect(QuotedString.json("\u{7F}\u{2028}") == "\"\u{7F}\u{2028}\"", "JSON may carry these as they are")
  }

  @Test func jsonReadsBackAsTheSameText() throws {
    let awkward = "q\"b\\s/ \u{0}\u{8}\u{C}\n\r\t\u{1F}\u{7F}\u{85}\u{2028}\u{FEFF}ü😀"
    let decoded = try JSONSerialization.jsonObject(
      with: Data("[\(QuotedString.json(awkward))]".utf8)) as? [String]
    #expect(decoded == [awkward])
  }

  @Test func selectedScalarsUseFourOrEightHexDigits() {
    let quoted = QuotedString.make("a\u{85}b\u{E0001}c") { $0.value >= 0x80 }
    #expect(quoted == #""a\u0085b\U000e0001c""#)
  }
}
