/// The cohort expression language (docs/COHORTS.md): a filter over users, shared by the
/// explorer's Users screen and `mist inspect --cohort`.
///
///     expression := term ("or" term)*
///     term       := factor ("and" factor)*
///     factor     := "not" factor | "(" expression ")" | condition
///     condition  := ("active" | "inactive") "in" SCENE
///                 | ("positive" | "neutral" | "negative") "share" ["in" SCENE] COMPARISON NUMBER
///                 | NAME COMPARISON VALUE        (NAME: a users.csv column, or a scene: its count)
///     COMPARISON := "=" | "!=" | "<" | "<=" | ">" | ">=" | "~" (contains)
///
/// Words are case-insensitive keywords; a VALUE runs to the next `and`, `or` or `)` (so
/// `city = 杭州 Hangzhou` needs no quotes) or is quoted with `"…"`. Parsing knows nothing about a
/// dataset; `Cohort(parsing:in:)` resolves names against one.
public indirect enum CohortExpression: Sendable, Equatable {
    case and(CohortExpression, CohortExpression)
    case or(CohortExpression, CohortExpression)
    case not(CohortExpression)
    /// Active (has history) or inactive in a scene.
    case activity(active: Bool, scene: Name)
    /// Share of a user's interactions (in one scene, or all) with one sentiment.
    case share(CohortSentiment, scene: Name?, CohortOperator, Double)
    /// A users.csv attribute, or a scene's interaction count, compared with a value.
    case compare(Name, CohortOperator, String)

    /// A name as typed, with where it starts (1-based character position) for error messages.
    public struct Name: Sendable, Equatable {
        public var text: String
        public var position: Int
    }
}

/// The sentiment a share counts (feedback y = +1, 0, −1).
public enum CohortSentiment: String, Sendable, Equatable, CaseIterable {
    case positive, neutral, negative
    public var feedback: Int8 { self == .positive ? 1 : self == .neutral ? 0 : -1 }
}

/// How a condition compares: `=`, `!=`, `<`, `<=`, `>`, `>=` or `~` (contains, for text).
public enum CohortOperator: String, Sendable, Equatable, CaseIterable {
    case equal = "=", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">=", contains = "~"
}

/// Why an expression could not be used: where (1-based character position) and what was expected.
public struct CohortError: Error, Equatable, Sendable, CustomStringConvertible {
    public var position: Int
    public var message: String
    public var description: String { "position \(position): \(message)" }
}

/// Tokens with their 1-based character positions.
struct CohortToken: Equatable {
    enum Kind: Equatable { case word(String), quoted(String), comparison(CohortOperator), open, close, end }
    var kind: Kind
    var position: Int

    var describe: String {
        switch kind {
        case .word(let w): return "'\(w)'"
        case .quoted(let q): return "\"\(q)\""
        case .comparison(let c): return "'\(c.rawValue)'"
        case .open: return "'('"
        case .close: return "')'"
        case .end: return "the end of the expression"
        }
    }

    func isKeyword(_ keyword: String) -> Bool {
        if case .word(let w) = kind { return w.lowercased() == keyword }
        return false
    }
}

enum CohortLexer {
    static func tokens(_ text: String) throws(CohortError) -> [CohortToken] {
        let characters = Array(text)
        var tokens: [CohortToken] = []
        var i = 0
        while i < characters.count {
            let c = characters[i], position = i + 1
            if c.isWhitespace { i += 1; continue }
            if c == "(" { tokens.append(CohortToken(kind: .open, position: position)); i += 1; continue }
            if c == ")" { tokens.append(CohortToken(kind: .close, position: position)); i += 1; continue }
            if c == "\"" {
                var j = i + 1, value = ""
                while j < characters.count && characters[j] != "\"" { value.append(characters[j]); j += 1 }
                guard j < characters.count else { throw CohortError(position: position, message: "this quote is never closed") }
                tokens.append(CohortToken(kind: .quoted(value), position: position))
                i = j + 1
                continue
            }
            if "=!<>~".contains(c) {
                let two = i + 1 < characters.count ? String([c, characters[i + 1]]) : ""
                if let comparison = CohortOperator(rawValue: two) {
                    tokens.append(CohortToken(kind: .comparison(comparison), position: position)); i += 2; continue
                }
                guard let comparison = CohortOperator(rawValue: String(c)) else {
                    throw CohortError(position: position, message: "expected a comparison (=, !=, <, <=, >, >=, ~), found '\(c)'")
                }
                tokens.append(CohortToken(kind: .comparison(comparison), position: position)); i += 1; continue
            }
            var j = i, word = ""
            while j < characters.count, !characters[j].isWhitespace, !"()\"=!<>~".contains(characters[j]) { word.append(characters[j]); j += 1 }
            tokens.append(CohortToken(kind: .word(word), position: position))
            i = j
        }
        tokens.append(CohortToken(kind: .end, position: characters.count + 1))
        return tokens
    }
}

extension CohortExpression {
    /// Parses `text`; errors name the position and what was expected there.
    public static func parse(_ text: String) throws(CohortError) -> CohortExpression {
        var parser = CohortParser(tokens: try CohortLexer.tokens(text))
        let expression = try parser.expression()
        guard case .end = parser.current.kind else {
            throw CohortError(position: parser.current.position, message: "expected 'and', 'or' or the end, found \(parser.current.describe)")
        }
        return expression
    }
}

struct CohortParser {
    let tokens: [CohortToken]
    var index = 0

    init(tokens: [CohortToken]) { self.tokens = tokens }

    var current: CohortToken { tokens[index] }
    mutating func advance() { if index < tokens.count - 1 { index += 1 } }

    func failure(_ expected: String) -> CohortError {
        CohortError(position: current.position, message: "expected \(expected), found \(current.describe)")
    }

    mutating func expression() throws(CohortError) -> CohortExpression {
        var left = try term()
        while current.isKeyword("or") { advance(); left = .or(left, try term()) }
        return left
    }

    mutating func term() throws(CohortError) -> CohortExpression {
        var left = try factor()
        while current.isKeyword("and") { advance(); left = .and(left, try factor()) }
        return left
    }

    mutating func factor() throws(CohortError) -> CohortExpression {
        if current.isKeyword("not") { advance(); return .not(try factor()) }
        if case .open = current.kind {
            advance()
            let inner = try expression()
            guard case .close = current.kind else { throw failure("')'") }
            advance()
            return inner
        }
        return try condition()
    }

    mutating func condition() throws(CohortError) -> CohortExpression {
        if current.isKeyword("active") || current.isKeyword("inactive") {
            let active = current.isKeyword("active")
            advance()
            guard current.isKeyword("in") else { throw failure("'in' and a scene") }
            advance()
            return .activity(active: active, scene: try name("a scene"))
        }
        for sentiment in CohortSentiment.allCases where current.isKeyword(sentiment.rawValue) && tokens[index + 1].isKeyword("share") {
            advance(); advance()
            var scene: CohortExpression.Name?
            if current.isKeyword("in") { advance(); scene = try name("a scene") }
            let comparison = try self.comparison()
            guard comparison != .contains else { throw CohortError(position: tokens[index - 1].position, message: "'~' compares text; a share needs =, !=, <, <=, > or >=") }
            guard case .word(let text) = current.kind, let value = Double(text), value.isFinite else { throw failure("a number (a share from 0 to 1)") }
            advance()
            return .share(sentiment, scene: scene, comparison, value)
        }
        let subject = try name("a condition (active in, inactive in, positive share, a users.csv column or a scene)")
        let comparison = try self.comparison()
        return .compare(subject, comparison, try value())
    }

    mutating func name(_ expected: String) throws(CohortError) -> CohortExpression.Name {
        switch current.kind {
        case .word(let w) where !["and", "or", "not", "in"].contains(w.lowercased()):
            // A scene or column name may be several words ("新闻 news"): up to a comparison, a
            // keyword, a parenthesis or the end.
            let position = current.position
            var words = [w]
            advance()
            while case .word(let next) = current.kind, !["and", "or", "not", "in"].contains(next.lowercased()) { words.append(next); advance() }
            return CohortExpression.Name(text: words.joined(separator: " "), position: position)
        case .quoted(let q):
            defer { advance() }
            return CohortExpression.Name(text: q, position: current.position)
        default: throw failure(expected)
        }
    }

    mutating func comparison() throws(CohortError) -> CohortOperator {
        guard case .comparison(let c) = current.kind else { throw failure("a comparison (=, !=, <, <=, >, >=, ~)") }
        advance()
        return c
    }

    /// Words up to `and`, `or`, `)` or the end, joined by single spaces; or one quoted string.
    mutating func value() throws(CohortError) -> String {
        if case .quoted(let q) = current.kind { advance(); return q }
        var words: [String] = []
        while case .word(let w) = current.kind, !["and", "or"].contains(w.lowercased()) { words.append(w); advance() }
        guard !words.isEmpty else { throw failure("a value") }
        return words.joined(separator: " ")
    }
}
