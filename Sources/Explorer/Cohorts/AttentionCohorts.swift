import InterestData
import InterestModel
import TerminalUI

/// The Attention screen's cohorts (issue 11): the average attention of a cohort (`c`), and two
/// cohorts side by side with A − B and its bootstrap noise (`C`). While one of them is shown it
/// replaces "this user" and "all users"; `u` goes back to this user.
public struct AttentionCohorts: Sendable, Equatable {
    /// One side of what is shown: the cohort as typed (`@name` stays the name), its expression
    /// and its users.
    public struct Side: Sendable, Equatable {
        public var label: String
        /// What `N` saves (an inverted cohort as `not (…)`); nil for "all users".
        public var expression: String?
        public var users: [Int]
    }

    public enum Mode: Sendable, Equatable { case cohort, comparison }

    /// What the screen shows instead of a user's (nil: this user or all users, as `u` says).
    public var mode: Mode?
    /// The cohort shown (and A of a comparison when there is one).
    public var first: Side?
    /// A and B of the comparison (A: the cohort when `C` was pressed, else all users).
    public var compared: Side?
    public var second: Side?
    var pair: (a: Side, b: Side)? { compared.flatMap { a in second.map { (a, $0) } } }
    /// The prompt being typed, and whether it asks for the cohort or for B.
    public var prompt: CohortPrompt?
    public var promptIsForComparison = false
    /// The job computing what `mode` shows (results of other jobs are dropped), and its progress.
    public var job: Int?
    public var status: String?
    /// Results, with the model generation they belong to.
    public var average: CohortAttention?
    public var comparison: CohortComparison?
    public var generation: Int?
    /// Resamples of the bootstrap (as `mist inspect --resamples`' default).
    public var resamples = 200

    public init() {}
}

/// A background cohort job: A alone (its average) or A and B (the comparison).
public struct CohortJob: Sendable, Equatable {
    public var id: Int
    public var generation: Int
    public var model: TransferModel
    public var first: [Int]
    public var second: [Int]?
    public var resamples: Int
}

/// What a cohort job found.
public enum CohortJobResult: Sendable, Equatable {
    case average(CohortAttention)
    case comparison(CohortComparison)
}

extension AppState {
    /// The words for the mode in the header: "cohort @hz (412 users)", "A vs B".
    var attentionSubject: String {
        switch attentionCohorts.mode {
        case .cohort?:
            guard let side = attentionCohorts.first else { return "cohort" }
            return "cohort \(side.label) (\(side.users.count) users)"
        case .comparison?:
            guard let (a, b) = attentionCohorts.pair else { return "comparison" }
            // Long labels would push the view off the title: they are under the maps anyway.
            let full = "A \(a.label) vs B \(b.label)"
            return full.displayWidth + 45 <= width ? full : "cohorts A vs B"
        case nil:
            // What-if edits this user's history; the averages never include the edits.
            return attention.allUsers ? "all users" : (selectedUser.map { data.userTitle($0) } ?? "no user") + whatIfTitleSuffix
        }
    }

    /// Keys of the Attention screen that mean something else while a cohort is shown or typed
    /// (nil: the screen's usual meaning).
    mutating func handleCohortAction(_ action: Action) -> [Effect]? {
        switch action {
        case .cohortFilter: return openAttentionCohortPrompt(comparison: false)
        case .compareCohorts: return openAttentionCohortPrompt(comparison: true)
        case .nameCohort:
            // The cohort shown; with none shown, the Users screen's filter (what `c` starts from).
            switch attentionCohorts.mode {
            case .cohort?: return beginNamingCohort(expression: attentionCohorts.first?.expression)
            case .comparison?: return say("N names one cohort: show it alone first (c), or name it on the Users screen", isError: true)
            case nil: return beginNamingCohort(expression: users.cohort.map { users.cohortInverted ? "not (\($0.text))" : $0.text })
            }
        case .togglePopulation where attentionCohorts.mode != nil:
            // Back to this user: the cohort is kept for `c` and `C` to start from.
            attention.allUsers = false
            attentionCohorts.mode = nil
            return cancelCohortJob() + say("this user's attention (c: a cohort's average, C: two cohorts)")
        case .pageUp where attentionCohorts.mode != nil, .pageDown where attentionCohorts.mode != nil:
            // The user would change out of sight: the screen shows the cohort, not a user.
            return say("a cohort is shown, not a user: u goes back to this user, where [ and ] change it")
        case .toggleDifference where attentionCohorts.mode == .comparison:
            return say("the comparison shows A − B: d (planted beside) works for this user, all users or one cohort")
        case .nextHead where attentionCohorts.mode != nil:
            return say("cohorts: heads are shown averaged (u goes back to this user, where a picks a head)")
        case .stop where attentionCohorts.job != nil:
            let effects = cancelCohortJob()
            if attentionCohorts.generation != model?.generation || (attentionCohorts.average == nil && attentionCohorts.comparison == nil) {
                attentionCohorts.mode = nil
            }
            return effects + say("stopped averaging attention over the cohort")
        default: return nil
        }
    }

    /// `c` (comparison false) or `C`: the prompt, starting from the cohort shown, else the Users
    /// screen's filter; for `C` empty (B is new).
    mutating func openAttentionCohortPrompt(comparison: Bool) -> [Effect] {
        guard model != nil else { return say("no model yet: train one on screen 5 (press 5, then t)", isError: true) }
        let usersCohort = users.cohort.map { (users.cohortInverted ? "!" : "") + $0.text }
        let start = comparison ? "" : attentionCohorts.first?.label ?? usersCohort ?? ""
        var prompt = CohortPrompt(start)
        prompt.refresh(data: data, named: namedCohorts, action: comparison ? "Enter compares" : "Enter averages")
        attentionCohorts.prompt = prompt
        attentionCohorts.promptIsForComparison = comparison
        return []
    }

    /// Keys while the Attention cohort prompt is open.
    mutating func editAttentionCohort(_ key: Key, action: Action?) -> [Effect] {
        guard var prompt = attentionCohorts.prompt else { return [] }
        let comparison = attentionCohorts.promptIsForComparison
        let verb = comparison ? "Enter compares" : "Enter averages"
        switch action {
        case .cancel?:
            attentionCohorts.prompt = nil
            return []
        case .up?, .down?:
            prompt.recall(action == .up ? -1 : 1, named: namedCohorts)
            prompt.refresh(data: data, named: namedCohorts, action: verb)
            attentionCohorts.prompt = prompt
            return []
        case .confirm?:
            switch CohortPrompt.parse(prompt.input.text, data: data, named: namedCohorts) {
            case nil:
                if comparison { return say("type cohort B (A is \(comparisonFirst.label))", isError: true) }
                // An empty cohort: back to this user.
                attentionCohorts.prompt = nil
                attentionCohorts.mode = nil
                attentionCohorts.first = nil
                return cancelCohortJob()
            case .failure(let error)?:
                return say("cohort: \(error.text)", isError: true)
            case .success(let parsed)?:
                let side = self.side(parsed)
                guard !side.users.isEmpty else { return say("no user is in \(side.label): nothing to average", isError: true) }
                attentionCohorts.prompt = nil
                if comparison {
                    return startCohortJob(first: comparisonFirst, second: side)
                }
                return startCohortJob(first: side, second: nil)
            }
        default:
            prompt.type(key, data: data, named: namedCohorts, action: verb)
            attentionCohorts.prompt = prompt
            return []
        }
    }

    /// A of a comparison: the cohort on screen, else all users (the baseline an analyst
    /// compares a group with).
    var comparisonFirst: AttentionCohorts.Side {
        if attentionCohorts.mode == .cohort, let first = attentionCohorts.first { return first }
        return AttentionCohorts.Side(label: "all users", expression: nil, users: Array(0..<data.directory.userCount))
    }

    func side(_ parsed: CohortPrompt.Parsed) -> AttentionCohorts.Side {
        let inside = parsed.cohort.users(in: data.cohortFacts)
        let users = parsed.inverted ? Self.complement(inside, count: data.directory.userCount) : inside
        let expression = parsed.inverted ? "not (\(parsed.cohort.text))" : parsed.cohort.text
        return AttentionCohorts.Side(label: (parsed.inverted ? "!" : "") + parsed.label, expression: expression, users: users)
    }

    static func complement(_ sorted: [Int], count: Int) -> [Int] {
        var result: [Int] = [], next = 0
        result.reserveCapacity(count - sorted.count)
        for u in sorted { while next < u { result.append(next); next += 1 }; next = u + 1 }
        while next < count { result.append(next); next += 1 }
        return result
    }

    /// Starts the job for `first` (and `second`): shows its progress, cancels the one before.
    mutating func startCohortJob(first: AttentionCohorts.Side, second: AttentionCohorts.Side?) -> [Effect] {
        guard let context = model else { return [] }
        let cancelled = cancelCohortJob()
        let id = nextID()
        if second == nil { attentionCohorts.first = first } else { attentionCohorts.compared = first }
        attentionCohorts.second = second
        attentionCohorts.mode = second == nil ? .cohort : .comparison
        attentionCohorts.average = nil
        attentionCohorts.comparison = nil
        attentionCohorts.generation = nil
        attentionCohorts.job = id
        attention.allUsers = false
        attention.head = nil
        attentionCohorts.status = second == nil ? "averaging attention over cohort \(first.label)… (x stops)"
            : "comparing \(first.label) with \(second!.label)… (x stops)"
        return cancelled + [.computeCohortAttention(CohortJob(id: id, generation: context.generation, model: context.model, first: first.users,
                                                              second: second?.users, resamples: attentionCohorts.resamples))]
    }

    /// Cancels the running job, if any.
    mutating func cancelCohortJob() -> [Effect] {
        guard let id = attentionCohorts.job else { return [] }
        attentionCohorts.job = nil
        attentionCohorts.status = nil
        return [.cancelCohortAttention(id: id)]
    }

    /// A new model while a cohort is shown: compute it again for the new model.
    mutating func requestCohortIfShown() -> [Effect] {
        switch attentionCohorts.mode {
        case .cohort?: return attentionCohorts.first.map { startCohortJob(first: $0, second: nil) } ?? []
        case .comparison?: return attentionCohorts.pair.map { startCohortJob(first: $0.a, second: $0.b) } ?? []
        case nil: return []
        }
    }

    /// Progress and results of cohort jobs; those of an older job or model are dropped.
    mutating func handleCohortMessage(_ message: Message) -> [Effect] {
        switch message {
        case let .cohortProgress(progress, job):
            guard attentionCohorts.job == job else { return [] }
            switch progress {
            case let .users(done, total):
                let what = attentionCohorts.mode == .comparison ? attentionCohorts.pair.map { "cohorts \($0.a.label) and \($0.b.label)" } ?? "cohorts"
                    : "cohort \(attentionCohorts.first?.label ?? "")"
                attentionCohorts.status = "averaging attention over \(what): \(done) of \(total) (x stops)"
            case let .resamples(done, total):
                attentionCohorts.status = "bootstrap: resample \(done) of \(total) (x stops)"
            }
        case let .cohortAttentionComputed(result, job, generation):
            guard attentionCohorts.job == job, model?.generation == generation else { return [] }
            attentionCohorts.job = nil
            attentionCohorts.status = nil
            attentionCohorts.generation = generation
            switch result {
            case .average(let average): attentionCohorts.average = average
            case .comparison(let comparison): attentionCohorts.comparison = comparison
            }
        default: break
        }
        return []
    }

    /// The key map while the Attention cohort prompt is open (nil when not).
    var attentionCohortKeyMap: KeyMap<Action>? {
        attentionCohorts.prompt != nil || users.isEditingCohort ? KeyMaps.cohortEntry : nil
    }
}

extension EffectRunner {
    /// Runs a cohort job on the worker: progress as `.cohortProgress`, then the result (nothing
    /// once cancelled: the state has moved on).
    func runCohortJob(_ job: CohortJob, cancelled: @escaping @Sendable () -> Bool) {
        let send = self.send, dataset = data.dataset
        let report: (CohortProgress) -> Void = { progress in if !cancelled() { send(.cohortProgress(progress, job: job.id)) } }
        let result: CohortJobResult?
        if let second = job.second {
            result = job.model.compareCohorts(job.first, second, in: dataset, resamples: job.resamples, cancelled: cancelled, progress: report)
                .map { .comparison($0) }
        } else {
            report(.users(0, of: job.first.count))
            result = job.model.cohortAttention(users: job.first, in: dataset, cancelled: cancelled,
                                               progress: { report(.users($0, of: job.first.count)) }).map { .average($0) }
        }
        if let result, !cancelled() { send(.cohortAttentionComputed(result, job: job.id, generation: job.generation)) }
    }
}
