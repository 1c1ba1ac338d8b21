import InterestData
import TerminalUI

/// The saved cohorts of the data (`<runs root>/cohorts.json`, docs/COHORTS.md): read when the
/// explorer starts, written by the runner (`.saveNamedCohorts`) when `N` saves one.
public struct NamedCohortsState: Sendable, Equatable {
    /// The file; nil where cohorts are not kept (no runs root, as in tests without one).
    public var path: String?
    public var cohorts = NamedCohorts()
    /// The file exists but cannot be used: it is reported and never written over.
    public var damage: NamedCohortsError?

    public init(path: String? = nil) { self.path = path }

    /// Reads the file of the runs root `root` (a damaged file is kept as `damage`).
    public static func load(root: String?) -> NamedCohortsState {
        guard let root else { return NamedCohortsState() }
        var state = NamedCohortsState(path: NamedCohorts.path(root: root))
        do { state.cohorts = try NamedCohorts.load(path: state.path!) } catch { state.damage = error }
        return state
    }

    /// The expression `text` stands for (`@name`: the saved one).
    func resolve(_ text: String) throws(NamedCohortsError) -> String {
        guard text.hasPrefix("@") else { return text }
        guard let path else { throw NamedCohortsError(path: "cohorts.json", reason: "is not kept for this data (no runs folder): \(text) means nothing here") }
        if let damage { throw damage }
        return try cohorts.resolve(text, path: path)
    }
}

/// Naming the cohort on screen (`N`): the name typed, then, for a name already saved, whether
/// to replace it.
public struct CohortNaming: Sendable, Equatable {
    public var input = TextInput()
    /// The expression to save (an inverted filter is saved as `not (…)`).
    public var expression: String
    /// The name exists with another expression: y replaces it, n goes back to the name.
    public var confirmingReplace = false
}

extension KeyMaps {
    /// While "replace the saved cohort?" is asked after `N`.
    public static let confirmReplaceCohort = KeyMap<Action>([
        KeyBinding([.character("y"), .enter], "replace the saved cohort of that name", action: .confirm, section: "Replace?"),
        KeyBinding([.character("n"), .escape], "keep it and choose another name", action: .cancel, section: "Replace?"),
    ])
}

extension AppState {
    /// Reads the saved cohorts of the runs root `root` at start; a damaged file is said at once
    /// (status line and message log), not only when `@name` or `N` first needs it.
    public mutating func loadNamedCohorts(root: String?) {
        namedCohorts = NamedCohortsState.load(root: root)
        if let damage = namedCohorts.damage {
            _ = say("saved cohorts not read: \(damage); @name and N wait until it is fixed", isError: true)
        }
    }

    /// `N`: names the cohort applied on the screen (the Users filter, or the Attention cohort).
    mutating func beginNamingCohort(expression: String?) -> [Effect] {
        guard let expression else { return say("no cohort to name: apply one first (c)", isError: true) }
        guard namedCohorts.path != nil else { return say("named cohorts are not kept for this data (no runs folder)", isError: true) }
        if let damage = namedCohorts.damage {
            return say("cannot save: \(damage); fix or move the file, it is never overwritten", isError: true, seconds: 10)
        }
        namingCohort = CohortNaming(expression: expression)
        return []
    }

    /// Keys while naming: typing, Enter saves (asking before replacing another cohort), Esc cancels.
    mutating func editCohortName(_ key: Key, action: Action?) -> [Effect] {
        guard var naming = namingCohort, let path = namedCohorts.path else { return [] }
        let name = naming.input.text.trimmingCharacters(in: .whitespaces)
        if naming.confirmingReplace {
            switch action {
            case .confirm?: break
            case .cancel?: naming.confirmingReplace = false; namingCohort = naming; return []
            default: return []
            }
        } else {
            switch action {
            case .confirm?:
                guard Self.isValidCohortName(name) else {
                    return say("a cohort's name is letters, digits, - and _ (it is used as @name)", isError: true)
                }
                if let old = namedCohorts.cohorts.expression(named: name), old != naming.expression {
                    naming.confirmingReplace = true
                    namingCohort = naming
                    return []
                }
            case .cancel?: namingCohort = nil; return []
            default:
                naming.input.handle(key)
                namingCohort = naming
                return []
            }
        }
        namingCohort = nil
        return [.saveNamedCohort(name: name, expression: naming.expression, path: path)]
    }

    static func isValidCohortName(_ name: String) -> Bool {
        !name.isEmpty && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
    }

    /// The key map while naming (nil when not).
    var namingKeyMap: KeyMap<Action>? {
        guard let naming = namingCohort else { return nil }
        return naming.confirmingReplace ? KeyMaps.confirmReplaceCohort : KeyMaps.textEntry
    }

    /// The runner wrote the file: the prompts recall the new list.
    mutating func namedCohortsSaved(_ cohorts: NamedCohorts, path: String, name: String) -> [Effect] {
        namedCohorts.cohorts = cohorts
        return say("saved the cohort as @\(name) in \(path) (\(cohorts.entries.count) saved)")
    }
}

extension EffectRunner {
    /// Adds one cohort to the file as it is now on disk (another explorer may have saved some
    /// since this one started); a damaged file is reported and left alone.
    static func saveNamedCohort(name: String, expression: String, path: String) -> Message {
        do {
            var cohorts = try NamedCohorts.load(path: path)
            cohorts.save(name: name, expression: expression)
            try cohorts.write(to: path)
            return .namedCohortsSaved(cohorts, path: path, name: name)
        } catch {
            return .failed("could not save the cohort @\(name): \(error)")
        }
    }
}
