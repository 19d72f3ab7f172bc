/// A GitHub-flavoured Markdown table. By default the first column (labels) is
/// left-aligned and the others (numbers) right-aligned.
struct MarkdownTable {
  var header: [String]
  /// One flag per column: true = right-aligned.
  var rightAligned: [Bool]
  var rows: [[String]] = []

  init(header: [String], rightAligned: [Bool]? = nil) {
    self.header = header
    self.rightAligned = rightAligned ?? header.indices.map { $0 > 0 }
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
    text += "|" + rightAligned.map { $0 ? " ---: |" : " --- |" }.joined() + "\n"
    for row in rows { text += line(row) }
    return text
  }

  /// Pipes would end the cell and newlines the row.
  static func escape(_ cell: String) -> String {
    cell.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
  }
}
