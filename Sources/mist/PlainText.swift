import TerminalUI

/// Prints text made of data (ids, titles, names) for a terminal: every control character is
/// shown as an escape rather than obeyed (see `SafeText`). JSON output does not go through this:
/// the JSON encoders escape control characters as JSON requires.
func printText(_ text: String) {
    print(SafeText.printableLines(text))
}
