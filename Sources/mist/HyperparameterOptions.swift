import ArgumentParser
import InterestModel

// Enumerations are parsed from their raw values by ArgumentParser: `--help` lists the values and
// the default, and a bad value is refused with the list of valid ones. The conformances live
// here so that InterestModel never imports ArgumentParser.
extension AttentionKind: ExpressibleByArgument {}
extension TransferMode: ExpressibleByArgument {}
extension TrainingObjective: ExpressibleByArgument {}
extension SelectionCases: ExpressibleByArgument {}
extension ModelVersion: ExpressibleByArgument {}

extension NumericHyperparameter {
    /// The option's help, from the catalog (what it is, its range and its default).
    var argumentHelp: ArgumentHelp { ArgumentHelp(helpText) }
}

extension NumericHyperparameter<Int> {
    /// The catalog's check as an option transform: a bad value is refused while the command line
    /// is read, with the catalog's message.
    var transform: @Sendable (String) throws -> Int { { [self] text in try parse(text) } }
}

extension NumericHyperparameter<Float> {
    var transform: @Sendable (String) throws -> Float { { [self] text in try parse(text) } }
}

/// Every hyperparameter option of `mist train` and `mist evaluate`, declared once: names, help,
/// defaults and ranges come from `HyperparameterCatalog`, and `hyperparameters()` builds the
/// `Hyperparameters` they say.
struct HyperparameterOptions: ParsableArguments {
    @Option(help: ArgumentHelp(HyperparameterCatalog.version.helpText))
    var modelVersion = HyperparameterCatalog.defaultVersion
    @Option(help: ArgumentHelp(HyperparameterCatalog.selection.helpText))
    var selectOn = HyperparameterCatalog.selection.defaultValue
    @Flag(help: ArgumentHelp(HyperparameterCatalog.noInterestPath.helpText))
    var noInterestPath = false
    @Flag(help: ArgumentHelp(HyperparameterCatalog.noItemPath.helpText))
    var noItemPath = false
    @Flag(help: ArgumentHelp(HyperparameterCatalog.noTopicPath.helpText))
    var noTopicPath = false
    @Option(help: ArgumentHelp(HyperparameterCatalog.objective.helpText))
    var objective: TrainingObjective?

    @Option(parsing: .unconditional, help: HyperparameterCatalog.dimension.argumentHelp, transform: HyperparameterCatalog.dimension.transform)
    var dimension = HyperparameterCatalog.dimension.defaultValue
    @Option(parsing: .unconditional, help: HyperparameterCatalog.historyLength.argumentHelp, transform: HyperparameterCatalog.historyLength.transform)
    var historyLength = HyperparameterCatalog.historyLength.defaultValue
    @Option(parsing: .unconditional, help: HyperparameterCatalog.heads.argumentHelp, transform: HyperparameterCatalog.heads.transform)
    var heads = HyperparameterCatalog.heads.defaultValue
    @Option(parsing: .unconditional, help: HyperparameterCatalog.iterations.argumentHelp, transform: HyperparameterCatalog.iterations.transform)
    var iterations = HyperparameterCatalog.iterations.defaultValue
    @Option(parsing: .unconditional, help: HyperparameterCatalog.beta.argumentHelp, transform: HyperparameterCatalog.beta.transform)
    var beta = HyperparameterCatalog.beta.defaultValue
    @Option(help: ArgumentHelp(HyperparameterCatalog.attention.helpText))
    var attention = HyperparameterCatalog.attention.defaultValue
    @Option(help: ArgumentHelp(HyperparameterCatalog.transfer.helpText))
    var transfer = HyperparameterCatalog.transfer.defaultValue
    @Option(parsing: .unconditional, help: HyperparameterCatalog.learningRate.argumentHelp, transform: HyperparameterCatalog.learningRate.transform)
    var learningRate = HyperparameterCatalog.learningRate.defaultValue
    @Option(parsing: .unconditional, help: HyperparameterCatalog.batchSize.argumentHelp, transform: HyperparameterCatalog.batchSize.transform)
    var batchSize = HyperparameterCatalog.batchSize.defaultValue
    @Option(parsing: .unconditional, help: HyperparameterCatalog.l2.argumentHelp, transform: HyperparameterCatalog.l2.transform)
    var l2 = HyperparameterCatalog.l2.defaultValue
    @Option(parsing: .unconditional, help: HyperparameterCatalog.negatives.argumentHelp, transform: HyperparameterCatalog.negatives.transform)
    var negatives = HyperparameterCatalog.negatives.defaultValue
    @Option(parsing: .unconditional, help: HyperparameterCatalog.hideProbability.argumentHelp, transform: HyperparameterCatalog.hideProbability.transform)
    var hide = HyperparameterCatalog.hideProbability.defaultValue
    @Option(parsing: .unconditional, help: HyperparameterCatalog.maxEpochs.argumentHelp, transform: HyperparameterCatalog.maxEpochs.transform)
    var epochs = HyperparameterCatalog.maxEpochs.defaultValue
    @Option(parsing: .unconditional, help: HyperparameterCatalog.patience.argumentHelp, transform: HyperparameterCatalog.patience.transform)
    var patience = HyperparameterCatalog.patience.defaultValue
    @Option(parsing: .unconditional, help: HyperparameterCatalog.threads.argumentHelp, transform: HyperparameterCatalog.threads.transform)
    var threads = HyperparameterCatalog.threads.defaultValue
    @Option(parsing: .unconditional, help: ArgumentHelp(HyperparameterCatalog.seed.helpText),
            transform: { try HyperparameterCatalog.seed.parse($0) })
    var seed = HyperparameterCatalog.seed.defaultValue

    /// The settings these options say: the version's terms, then the ablations, then every value.
    /// Throws the problems between fields (heads must divide the dimension; a model needs a path).
    func hyperparameters() throws -> Hyperparameters {
        var h = Hyperparameters()
        h.version = modelVersion
        if noInterestPath { h.interestPath = false }
        if noItemPath { h.itemPath = false }
        if noTopicPath { h.topicPath = false }
        if let objective { h.objective = objective }
        h.selection = selectOn
        h.attention = attention
        h.transfer = transfer
        h.dimension = dimension; h.historyLength = historyLength; h.heads = heads; h.iterations = iterations
        h.beta = beta; h.learningRate = learningRate; h.batchSize = batchSize; h.l2 = l2; h.negatives = negatives
        h.hideProbability = hide; h.maxEpochs = epochs; h.patience = patience; h.threads = threads; h.seed = seed
        let problems = h.problems()
        guard problems.isEmpty else { throw ValidationError(problems.joined(separator: "; ")) }
        return h
    }

    /// Bad settings are reported before any data is read, with the usage.
    func validate() throws { _ = try hyperparameters() }
}
