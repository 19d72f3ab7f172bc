import Testing
@Suite struct HelpTests { @Test func placeholder() { #expect(Bool(true)) } }
