/// One entry of a key map: the keys, what they do in words, and the action they dispatch.
public struct KeyBinding<Action> {
    public var keys: [Key]
    /// Overrides the keys' names in help (e.g. "1–5" for five bindings shown as one line).
    public var keyLabel: String?
    public var description: String
    public var action: Action
    /// Shown in help but not dispatched, when another binding already covers the keys
    /// (used for summary lines such as "1–5  jump to screen").
    public var isHelpOnly: Bool
    /// Help groups bindings by section, in first-seen order ("Navigation", "Heatmap").
    public var section: String

    public init(_ keys: [Key], _ description: String, action: Action, label: String? = nil, section: String = "", helpOnly: Bool = false) {
        self.keys = keys
        self.keyLabel = label
        self.description = description
        self.action = action
        self.isHelpOnly = helpOnly
        self.section = section
    }

    /// "↑ k" or the label.
    public var keysText: String { keyLabel ?? keys.map(\.description).joined(separator: " ") }
}

extension KeyBinding: Sendable where Action: Sendable {}

/// The single source of truth for what keys do on a screen: `action(for:)` dispatches a key and
/// `HelpOverlay` lists the same bindings, so help can never drift from behaviour.
public struct KeyMap<Action> {
    public var bindings: [KeyBinding<Action>]

    public init(_ bindings: [KeyBinding<Action>] = []) { self.bindings = bindings }

    /// Adds a binding: `map.bind([.up, .character("k")], "move up", .moveUp)`.
    public mutating func bind(_ keys: [Key], _ description: String, _ action: Action, label: String? = nil, section: String = "") {
        bindings.append(KeyBinding(keys, description, action: action, label: label, section: section))
    }

    /// The action of the first binding listing `key`, or nil when the key is not bound.
    public func action(for key: Key) -> Action? {
        for binding in bindings where !binding.isHelpOnly && binding.keys.contains(key) { return binding.action }
        return nil
    }

    /// The binding that handles `key`.
    public func binding(for key: Key) -> KeyBinding<Action>? {
        bindings.first { !$0.isHelpOnly && $0.keys.contains(key) }
    }

    /// This map's bindings followed by `other`'s (screen keys first, then global keys), so a
    /// screen binding shadows a global one for the same key.
    public func merged(with other: KeyMap<Action>) -> KeyMap<Action> {
        KeyMap(bindings + other.bindings)
    }

    /// (section, [(keys, description)]) in binding order: what help shows.
    public var helpSections: [(section: String, entries: [(keys: String, description: String)])] {
        var order: [String] = []
        var entries: [String: [(keys: String, description: String)]] = [:]
        for binding in bindings {
            if entries[binding.section] == nil { order.append(binding.section); entries[binding.section] = [] }
            entries[binding.section]!.append((binding.keysText, binding.description))
        }
        return order.map { ($0, entries[$0]!) }
    }
}

extension KeyMap: Sendable where Action: Sendable {}
