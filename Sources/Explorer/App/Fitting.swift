import TerminalUI

/// `text` cut with "…" at a word boundary to fit `width` columns (TerminalUI's rule).
func wordEllipsize(_ text: String, to width: Int) -> String { TextFit.ellipsizeWords(text, to: width) }

/// Where the model in use came from, in `width` columns: the whole text when it fits; for a
/// checkpoint path, else its file name (what tells checkpoints apart), not the folder, then the
/// name without its extension; else cut with "…" at a word.
func modelOriginText(_ origin: String, width: Int) -> String {
    if origin.displayWidth <= width { return origin }
    if origin.contains("/"), !origin.contains(" "), let name = origin.split(separator: "/").last.map(String.init) {
        if name.displayWidth <= width { return name }
        if let dot = name.lastIndex(of: "."), dot > name.startIndex, name[..<dot].displayWidth <= width { return String(name[..<dot]) }
        return TextFit.ellipsizeWords(name, to: width)
    }
    return TextFit.ellipsizeWords(origin, to: width)
}

/// The first of `variants` that fits in `width` columns, else the last one cut with "…".
func fitted(_ variants: [String], _ width: Int) -> String {
    variants.first { $0.displayWidth <= width } ?? wordEllipsize(variants.last ?? "", to: width)
}
