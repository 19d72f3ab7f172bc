/// Values and byte sequences that have broken YAML loaders and validators
/// before: the raw material the fuzz mutations draw from.
enum NastyValues {
  /// Scalar texts (and small flow collections) to put where a value was.
  static let scalars: [String] = [
    // Numbers at and past every edge.
    "0", "-0", "-0.0", "+0", "1", "-1", "0.0", "1e999", "-1e999", "1e-999", "4.9e-324", "2.5e-400",
    "1.7976931348623157e308", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
    "-9223372036854775809", "99999999999999999999999999999999", String(repeating: "9", count: 400),
    "0x", "0x7FFFFFFFFFFFFFFF", "0x8000000000000000", "0xFFFFFFFFFFFFFFFFFFFF", "-0x1", "0o777", "0o8", "0b101",
    "0x1p3", "1_000", "1,000", ".5", "5.", "1e", "e5", "+.inf", "1.0e+", "0000000000012",
    ".nan", ".NaN", ".NAN", ".inf", ".Inf", "-.inf", "-.INF", "nan", "inf", "Infinity",
    // Booleans and nulls, YAML 1.1 spellings included.
    "true", "false", "True", "FALSE", "yes", "no", "on", "off", "y", "n", "null", "Null", "~", "",
    // Tagged and anchored values.
    "!!int 1", "!!int x", "!!float x", "!!float 1", "!!str 5", "!!bool yes", "!!null", "!!null x", "!!binary AAAA",
    "!custom x", "!", "!!map {}", "!!seq []", "!!map []", "!<tag:yaml.org,2002:int> 3", "!!timestamp 2001-12-14",
    "&a 1", "*a", "*undefined", "&a [*a]", "&x {y: *x}", "<<", "<<: *a", "{<<: 1}", "{<<: [1]}", "{<<: {a: 1}}",
    // Collections where a scalar belongs, and odd ones.
    "[]", "{}", "[[]]", "[{}]", "{a: b}", "[1, 2, 3]", "[1, 1]", "[0]", "[-1]", "{[1]: 2}", "{? a}", "[a: 1]",
    "{a: 1, a: 2}", "[", "]", "{", "}", "[1,", "{a", "- a", "- - -",
    // Path tricks and names that are not names.
    "a/b", "..", ".", "../../etc/passwd", "/abs", "a\\b", "~/x", "a b", "con", "NUL", "-rf", "--help", "a.b",
    "\"a/b\"", "\"..\"", "'.'", "\"\"", "''", String(repeating: "n", count: 65), String(repeating: "n", count: 64),
    // Escapes that make control characters, NUL and odd Unicode.
    "\"\\0\"", "\"a\\0b\"", "\"\\x00\"", "\"\\x7f\"", "\"a\\nb\"", "\"\\r\"", "\"\\t\"", "\"\\e\"", "\"\\u2028\"",
    "\"\\u0085\"", "\"\\uD800\"", "\"\\U0010FFFF\"", "\"\\U00110000\"", "\"\\uFEFF\"", "\"\\uFFFE\"", "\"\\q\"",
    "\"\\", "'it''s'", "'unterminated", "\"unterminated", "\"\\U000E0001\"", "\"\\u202E\"", "a\u{202E}b", "\u{E0001}x",
    "\"\\U0001D173\"", "\"\\u00AD\"",
    // Block scalars and comments.
    "|\n  text", ">\n  folded", "|-", "|+\n\n", "# comment", "#", "a #b", "a#b",
    // Indicators in plain scalars.
    "-", "?", ":", ": x", "%", "@x", "`x`", "|", ">", "&", "*", "!!", "@", "a: b: c", "'a': b",
    // Long texts.
    String(repeating: "a", count: 5_000), String(repeating: "é", count: 2_000), String(repeating: "[", count: 300),
  ]

  /// Byte sequences that are not valid UTF-8 or not allowed in YAML text.
  static let badBytes: [[UInt8]] = [
    [0x00], [0xFF], [0xFE], [0x80], [0xC0, 0x80], [0xC3], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
    [0xF8, 0x88, 0x80, 0x80, 0x80], [0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0xFE, 0xFF], [0x07], [0x1B], [0x7F],
    [0x0B], [0x0C], [0xC2, 0x85], [0xE2, 0x80, 0xA8], [0xEF, 0xBF, 0xBE], [0x0D], [0x09], [0x0D, 0x0A],
  ]

  /// Single bytes worth trying in a byte substitution: YAML indicators,
  /// whitespace, and bytes that start or break UTF-8 sequences.
  static let interestingBytes: [UInt8] = Array("\t\r\n :-?[]{},&*!|>'\"%@`#~.\\/0".utf8) + [0x00, 0x80, 0xC3, 0xE2, 0xFF]
}
