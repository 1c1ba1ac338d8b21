/// Text from data files made safe to print on a terminal: control characters (ESC, which starts
/// escape sequences that retitle a window or clear the screen, a bare CR that overwrites a line,
/// BEL, DEL, the C1 controls) and bidirectional overrides are shown as visible `\u{1B}`-style
/// escapes instead of being obeyed. Everything else, CJK and emoji included, is kept as is.
/// The explorer needs none of this (its cell buffer never writes control characters); the
/// command-line tools run every text line they print from data through it.
public enum SafeText {
    public static func printable(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if needsEscape(scalar) {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out.append(contentsOf: "\\u{\(String(repeating: "0", count: max(0, 2 - hex.count)))\(hex)}".unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Each line of `text` made printable (the line breaks themselves are kept).
    public static func printableLines(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { printable(String($0)) }.joined(separator: "\n")
    }

    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x20 || v == 0x7F || (v >= 0x80 && v < 0xA0) { return v != 0x09 }
        return (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
    }
}
