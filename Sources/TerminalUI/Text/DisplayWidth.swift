/// Terminal display width of text, in pure Swift so tests do not depend on the C locale.
///
/// Rules (those of wcwidth(3) and Unicode's East Asian Width, UAX #11):
/// - control characters and zero-width scalars (combining marks, format characters such as
///   ZERO WIDTH JOINER, Hangul medial vowels) take 0 columns;
/// - East Asian Wide and Fullwidth scalars (CJK, Hangul syllables, fullwidth forms) and emoji
///   with default emoji presentation take 2;
/// - everything else takes 1.
/// A grapheme cluster takes the width of its first non-zero-width scalar, or 2 when an emoji is
/// followed by VARIATION SELECTOR-16.
public enum DisplayWidth {
    /// Columns taken by one Unicode scalar.
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return 0 }
        if v < 0x300 { return 1 }  // Latin fast path: nothing below U+0300 is wide or combining except SHY
        // Fast paths for the scripts and glyphs a screen is mostly made of (no table lookups):
        // CJK ideographs, Hangul syllables, kana; Greek and Cyrillic letters; box drawing,
        // block elements and braille used by the widgets.
        switch v {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0xAC00...0xD7A3, 0x3041...0x3096, 0x30A1...0x30FA: return 2
        case 0x3001...0x3029, 0xFF01...0xFF60: return 2
        case 0x0370...0x0482, 0x048A...0x052F, 0x2500...0x25FC, 0x2800...0x28FF, 0x2010...0x2027, 0x2190...0x22FF: return 1
        default: break
        }
        if isZeroWidth(scalar) { return 0 }
        if isWide(v) || scalar.properties.isEmojiPresentation { return 2 }
        return 1
    }

    /// True for scalars that are always a grapheme cluster of their own when followed by other
    /// such scalars (printable, not combining, not part of an emoji or jamo sequence), with a
    /// width known without table lookups. Text made only of these can be laid out scalar by
    /// scalar, skipping grapheme breaking.
    @inline(__always)
    static func isSimple(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x300 { return v >= 0x20 && v != 0x7F && (v < 0x80 || v >= 0xA0) && v != 0xAD }
        switch v {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0xAC00...0xD7A3, 0x3041...0x3096, 0x30A1...0x30FA,
             0x0370...0x0482, 0x048A...0x052F, 0x2500...0x25FC, 0x2800...0x28FF,
             0x2010...0x2027, 0x2190...0x21FF, 0x2200...0x22FF, 0x3001...0x3029, 0xFF01...0xFF60:
            return true
        default:
            return false
        }
    }

    /// Columns taken by one grapheme cluster (a Swift `Character`): 0, 1 or 2.
    public static func of(_ character: Character) -> Int {
        if let ascii = character.asciiValue { return ascii < 0x20 || ascii == 0x7F ? 0 : 1 }
        let scalars = character.unicodeScalars
        if let first = scalars.first, scalars.index(after: scalars.startIndex) == scalars.endIndex {
            return of(first)  // a single scalar: no marks, no emoji sequence to consider
        }
        var base = 0
        var baseIsEmoji = false
        for scalar in scalars {
            let w = of(scalar)
            if w > 0 {
                base = w
                baseIsEmoji = scalar.properties.isEmoji
                break
            }
        }
        if base == 1 && baseIsEmoji && scalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
        return base
    }

    /// Columns taken by a whole string.
    public static func of(_ text: some StringProtocol) -> Int {
        var total = 0
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text.utf8.count }
        for character in text { total += of(character) }
        return total
    }

    static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v >= 0x1160 && v <= 0x11FF { return true }  // Hangul Jamo medial vowels / final consonants
        if v == 0x200B { return true }  // ZERO WIDTH SPACE
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return true
        default: return false
        }
    }

    /// East Asian Wide (W) and Fullwidth (F) ranges outside the emoji blocks (emoji are covered
    /// by the Emoji_Presentation property). Sorted, inclusive, searched by bisection.
    static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0...0x23F0,
        0x23F3...0x23F3, 0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F...0x267F,
        0x2693...0x2693, 0x26A1...0x26A1, 0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5,
        0x26CE...0x26CE, 0x26D4...0x26D4, 0x26EA...0x26EA, 0x26F2...0x26F3, 0x26F5...0x26F5,
        0x26FA...0x26FA, 0x26FD...0x26FD, 0x2705...0x2705, 0x270A...0x270B, 0x2728...0x2728,
        0x274C...0x274C, 0x274E...0x274E, 0x2753...0x2755, 0x2757...0x2757, 0x2795...0x2797,
        0x27B0...0x27B0, 0x27BF...0x27BF, 0x2B1B...0x2B1C, 0x2B50...0x2B50, 0x2B55...0x2B55,
        0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
        0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
        0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x17000...0x18CFF, 0x1B000...0x1B2FF,
        0x1F200...0x1F202, 0x1F210...0x1F23B, 0x1F240...0x1F248, 0x1F250...0x1F251,
        0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]

    static func isWide(_ v: UInt32) -> Bool {
        if v < 0x1100 { return false }
        var low = 0, high = wideRanges.count - 1
        while low <= high {
            let mid = (low + high) / 2
            let range = wideRanges[mid]
            if v < range.lowerBound { high = mid - 1 } else if v > range.upperBound { low = mid + 1 } else { return true }
        }
        return false
    }
}

extension StringProtocol {
    /// Terminal columns this text takes (see `DisplayWidth`).
    public var displayWidth: Int { DisplayWidth.of(self) }
}

/// Text fitting helpers shared by widgets; all measure display width, never `count`.
public enum TextFit {
    /// The longest prefix of `text` that fits in `width` columns.
    public static func truncate(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        var used = 0
        var end = text.startIndex
        for index in text.indices {
            let w = DisplayWidth.of(text[index])
            if used + w > width { break }
            used += w
            end = text.index(after: index)
        }
        return String(text[..<end])
    }

    /// `text` cut to `width` columns with a trailing "…" when it did not fit.
    public static func ellipsize(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        if text.displayWidth <= width { return text }
        return truncate(text, to: width - 1) + "…"
    }

    /// `text` fitted to `width` columns: unchanged when it fits, else cut at the last word
    /// boundary that leaves room for "…" (separators such as " · " or ", " before the cut are
    /// dropped), or at a character when that would keep less than half the room.
    public static func ellipsizeWords(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        if text.displayWidth <= width { return text }
        let cut = truncate(text, to: width - 1)
        // The cut already ends a word: keep it whole.
        if text.dropFirst(cut.count).first == " " {
            var head = cut
            while let last = head.last, " ·,:;(—–-".contains(last) { head.removeLast() }
            if !head.isEmpty { return head + "…" }
        }
        if let space = cut.lastIndex(of: " "), cut[..<space].displayWidth >= (width - 1) / 2 {
            var head = String(cut[..<space])
            while let last = head.last, " ·,:;(—–-".contains(last) { head.removeLast() }
            if !head.isEmpty { return head + "…" }
        }
        return cut + "…"
    }

    public enum Alignment: Sendable { case left, center, right }

    /// `text` fitted to exactly `width` columns: truncated (with "…") or padded with spaces.
    public static func pad(_ text: String, to width: Int, alignment: Alignment = .left) -> String {
        let fitted = ellipsize(text, to: width)
        let gap = max(0, width - fitted.displayWidth)
        switch alignment {
        case .left: return fitted + String(repeating: " ", count: gap)
        case .right: return String(repeating: " ", count: gap) + fitted
        case .center:
            let leftGap = gap / 2
            return String(repeating: " ", count: leftGap) + fitted + String(repeating: " ", count: gap - leftGap)
        }
    }
}
