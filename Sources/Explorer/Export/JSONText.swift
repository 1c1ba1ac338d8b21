import InterestModel
/// A small JSON value with an exact, stable text form: object keys keep the order they were given
/// in (so an export reads top-down like the screen), arrays of plain values stay on one line, and
/// numbers are the shortest text that reads back as the same value (a Float stays "0.41", not
/// "0.4099999964237213"). NaN and infinities become null. Strings are UTF-8 with only the escapes
/// JSON requires (", \, control characters).
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case float(Float)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([JSONField])

    /// The text, pretty-printed with two spaces, ending with "\n".
    public var text: String {
        var out = ""
        write(into: &out, indent: 0)
        return out + "\n"
    }

    private var isScalar: Bool {
        switch self {
        case .array, .object: return false
        default: return true
        }
    }

    private func write(into out: inout String, indent: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .float(let f): out += f.isFinite ? String(f) : "null"
        case .double(let d): out += d.isFinite ? String(d) : "null"
        case .string(let s): out += JSONValue.quoted(s)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            if items.allSatisfy(\.isScalar) {
                out += "["
                for (i, item) in items.enumerated() {
                    if i > 0 { out += ", " }
                    item.write(into: &out, indent: indent)
                }
                out += "]"
                return
            }
            let pad = String(repeating: " ", count: indent + 2)
            out += "[\n"
            for (i, item) in items.enumerated() {
                out += pad
                item.write(into: &out, indent: indent + 2)
                out += i + 1 < items.count ? ",\n" : "\n"
            }
            out += String(repeating: " ", count: indent) + "]"
        case .object(let fields):
            if fields.isEmpty { out += "{}"; return }
            let pad = String(repeating: " ", count: indent + 2)
            out += "{\n"
            for (i, field) in fields.enumerated() {
                out += pad + JSONValue.quoted(field.key) + ": "
                field.value.write(into: &out, indent: indent + 2)
                out += i + 1 < fields.count ? ",\n" : "\n"
            }
            out += String(repeating: " ", count: indent) + "}"
        }
    }

    /// `s` as a JSON string literal (the checkpoint writer's escaping, one implementation).
    static func quoted(_ s: String) -> String { SafeTensors.jsonString(s) }
}

/// One key of a JSON object.
public struct JSONField: Sendable, Equatable {
    public var key: String
    public var value: JSONValue

    public init(_ key: String, _ value: JSONValue) {
        self.key = key
        self.value = value
    }
}
