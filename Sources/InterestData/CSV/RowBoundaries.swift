/// Where to cut the rows of a CSV file into `parts` pieces of about equal size, so that they can be
/// parsed on several threads. A cut must fall between records; a line feed inside a quoted field is
/// not between records, and telling the two apart needs a parse. So cuts are only made when the
/// bytes hold no quote at all (the common case for interaction logs, whose fields are ids and
/// numbers); otherwise the file is one piece.
///
/// Returns the start offset and physical line of each piece (the first is `start`, `line`).
func rowBoundaries(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, line: Int, parts: Int) -> [(offset: Int, line: Int)] {
    var result = [(offset: start, line: line)]
    let n = bytes.count
    guard parts > 1, n > start, !bytes[start..<n].contains(UInt8(ascii: "\"")) else { return result }
    let lf = UInt8(ascii: "\n")
    var currentLine = line
    var position = start
    for k in 1..<parts {
        let target = start + (n - start) * k / parts
        guard target > position else { continue }
        // Count the lines up to the target, then move to just past the next line feed.
        for i in position..<target where bytes[i] == lf { currentLine += 1 }
        var i = target
        while i < n && bytes[i] != lf { i += 1 }
        guard i + 1 < n else { break }
        currentLine += 1
        position = i + 1
        result.append((position, currentLine))
    }
    return result
}
