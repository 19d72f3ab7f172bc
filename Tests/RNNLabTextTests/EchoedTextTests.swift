import Testing

@testable import RNNLabText

@Suite struct EchoedTextTests {
  @Test func shortTextStaysAsItIsBarControlCharacters() {
    #expect(EchoedText.escaped("plain 'text' ünï") == "plain 'text' ünï")
    #expect(EchoedText.escaped("a\nb\rc\td\u{1B}[2Je\u{7F}\u{85}") == "a\\nb\\rc\\td\\u{1b}[2Je\\u{7f}\\u{85}")
  }

  @Test func longTextIsCutAtTheLimitWithItsLength() {
    #expect(EchoedText.escaped(String(repeating: "x", count: 200)) == String(repeating: "x", count: 200))
    #expect(
      EchoedText.escaped(String(repeating: "x", count: 201)) == String(repeating: "x", count: 200) + "… (201 characters)")
    let huge = EchoedText.escaped(String(repeating: "ab,", count: 7_000_000))
    #expect(huge.count < 260)
    #expect(huge.hasSuffix("… (21000000 characters)"))
  }
}
