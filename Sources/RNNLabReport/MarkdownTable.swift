/// A GitHub-flavoured Markdown table: first column left-aligned (labels), the
/// others right-aligned (numbers).
struct MarkdownTable {
  var header: [String]
  var rows: [[String]] = []

  init(header: [String]) {
    self.header = header
  }

  mutating func append(_ row: [String]) {
    rows.append(row)
  }

  /// The table text, ending with a newline.
  var text: String {
    func line(_ cells: [String]) -> String {
      "| " + cells.map(Self.escape).joined(separator: " | ") + " |\n"
    }
    var text = line(header)
    text += "|" + header.indices.map { $0 == 0 ? " --- |" : " ---: |" }.joined() + "\n"
    for row in rows { text += line(row) }
    return text
  }

  /// Pipes would end the cell and newlines the row.
  static func escape(_ cell: String) -> String {
    cell.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
  }
}
