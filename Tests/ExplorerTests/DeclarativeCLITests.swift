import Foundation
import InterestModel
import TerminalUI
import Testing
@testable import Explorer
@testable import mist

/// The declarative CLI (issue 12): enumerations parsed by ArgumentParser, one option group of
/// hyperparameters for `train` and `evaluate`, and one catalog of ranges, help and defaults that
/// the command line and the explorer's Training form both check against.
@Suite struct DeclarativeCLITests {
    /// Whitespace collapsed: `--help` wraps its text at the terminal's width.
    static func words(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
    }

    @Test func aBadEnumerationValueIsRefusedWithTheValidOnes() throws {
        let cases: [([String], String)] = [
            (["train", "sample-data", "--out", "m.safetensors", "--attention", "cosine"], "Please provide one of 'dot' and 'additive'"),
            (["train", "sample-data", "--out", "m.safetensors", "--transfer", "all"], "Please provide one of 'attention', 'mean' or 'self'"),
            (["train", "sample-data", "--out", "m.safetensors", "--objective", "mse"], "Please provide one of 'bpr' and 'softmax'"),
            (["train", "sample-data", "--out", "m.safetensors", "--select-on", "lukewarm"], "Please provide one of 'cold' and 'warm'"),
            (["train", "sample-data", "--out", "m.safetensors", "--model-version", "v4"], "Please provide one of 'v1', 'v2' or 'v3'"),
            (["evaluate", "sample-data", "--model-version", "v4"], "Please provide one of 'v1', 'v2' or 'v3'"),
            (["generate", "g", "--regime", "flat"], "Please provide one of 'topic', 'latent' or 'longtail'"),
        ]
        for (arguments, message) in cases {
            let outcome = try HostileRunner.mist(arguments, seconds: 60)
            #expect(outcome.status == 64, "a usage error: \(outcome)")
            #expect(outcome.output.contains("The value '\(arguments.last!)' is invalid"), "\(outcome.output)")
            #expect(outcome.output.contains(message), "\(outcome.output)")
        }
    }

    @Test func trainAndEvaluateBuildTheSameHyperparametersFromTheSameFlags() throws {
        let flags = ["--model-version", "v1", "--select-on", "warm", "--objective", "softmax", "--dimension", "16",
                     "--history-length", "20", "--heads", "4", "--iterations", "3", "--beta", "0.5",
                     "--attention", "additive", "--transfer", "mean", "--learning-rate", "0.01", "--batch-size", "64",
                     "--l2", "0.001", "--negatives", "3", "--hide", "0.1", "--epochs", "7", "--patience", "2",
                     "--threads", "1", "--seed", "9"]
        let train = try #require(try Mist.parseAsRoot(["train", "sample-data", "--out", "m.safetensors"] + flags) as? TrainCommand)
        let evaluate = try #require(try Mist.parseAsRoot(["evaluate", "sample-data"] + flags) as? EvaluateCommand)
        let fromTrain = try train.settings.hyperparameters()
        #expect(try evaluate.settings.hyperparameters() == fromTrain)

        var expected = Hyperparameters()
        expected.version = .v1
        expected.objective = .softmax
        expected.selection = .warm
        expected.dimension = 16; expected.historyLength = 20; expected.heads = 4; expected.iterations = 3
        expected.beta = 0.5; expected.attention = .additive; expected.transfer = .mean; expected.learningRate = 0.01
        expected.batchSize = 64; expected.l2 = 0.001; expected.negatives = 3; expected.hideProbability = 0.1
        expected.maxEpochs = 7; expected.patience = 2; expected.threads = 1; expected.seed = 9
        #expect(fromTrain == expected)

        // No flags: the defaults of `Hyperparameters()`, for both.
        let plain = try #require(try Mist.parseAsRoot(["train", "sample-data", "--out", "m.safetensors"]) as? TrainCommand)
        #expect(try plain.settings.hyperparameters() == Hyperparameters())
        let plainEvaluate = try #require(try Mist.parseAsRoot(["evaluate", "sample-data"]) as? EvaluateCommand)
        #expect(try plainEvaluate.settings.hyperparameters() == Hyperparameters())
    }

    @Test func helpShowsEveryRangeAndDefaultFromTheCatalog() throws {
        let numeric: [(key: String, help: String)] = [
            (HyperparameterCatalog.dimension.key, HyperparameterCatalog.dimension.helpText),
            (HyperparameterCatalog.heads.key, HyperparameterCatalog.heads.helpText),
            (HyperparameterCatalog.historyLength.key, HyperparameterCatalog.historyLength.helpText),
            (HyperparameterCatalog.iterations.key, HyperparameterCatalog.iterations.helpText),
            (HyperparameterCatalog.beta.key, HyperparameterCatalog.beta.helpText),
            (HyperparameterCatalog.learningRate.key, HyperparameterCatalog.learningRate.helpText),
            (HyperparameterCatalog.batchSize.key, HyperparameterCatalog.batchSize.helpText),
            (HyperparameterCatalog.l2.key, HyperparameterCatalog.l2.helpText),
            (HyperparameterCatalog.negatives.key, HyperparameterCatalog.negatives.helpText),
            (HyperparameterCatalog.hideProbability.key, HyperparameterCatalog.hideProbability.helpText),
            (HyperparameterCatalog.maxEpochs.key, HyperparameterCatalog.maxEpochs.helpText),
            (HyperparameterCatalog.patience.key, HyperparameterCatalog.patience.helpText),
            (HyperparameterCatalog.threads.key, HyperparameterCatalog.threads.helpText),
            (HyperparameterCatalog.seed.key, HyperparameterCatalog.seed.helpText),
        ]
        #expect(HyperparameterCatalog.dimension.helpText == "Embedding width d (1…1024; default 32).")
        #expect(HyperparameterCatalog.learningRate.helpText.contains("greater than 0 and at most 1e30; default 0.002"))
        for command in ["train", "evaluate"] {
            let outcome = try HostileRunner.mist([command, "--help"], seconds: 60)
            #expect(outcome.status == 0)
            let help = Self.words(outcome.output)
            for (key, text) in numeric {
                #expect(help.contains("--\(key) <\(key)> \(text)"), "mist \(command) --help lacks --\(key): \(text)")
            }
            #expect(help.contains("--attention <attention> Attention scoring. (values: dot, additive; default: dot)"))
            #expect(help.contains("(values: attention, mean, self; default: attention)"))
            #expect(help.contains("(values: cold, warm; default: cold)"))
        }
    }

    /// docs/MODEL.md's "Limits" table gives every option the catalog's range.
    @Test func theLimitsTableInTheDocsMatchesTheCatalog() throws {
        let path = URL(fileURLWithPath: Fixtures.sampleDirectory).deletingLastPathComponent().appendingPathComponent("docs/MODEL.md")
        let text = try String(contentsOf: path, encoding: .utf8)
        let limits: [(key: String, limit: HyperparameterLimit)] = [
            ("dimension", HyperparameterCatalog.dimension.limit), ("heads", HyperparameterCatalog.heads.limit),
            ("history-length", HyperparameterCatalog.historyLength.limit), ("iterations", HyperparameterCatalog.iterations.limit),
            ("beta", HyperparameterCatalog.beta.limit), ("learning-rate", HyperparameterCatalog.learningRate.limit),
            ("batch-size", HyperparameterCatalog.batchSize.limit), ("l2", HyperparameterCatalog.l2.limit),
            ("negatives", HyperparameterCatalog.negatives.limit), ("hide", HyperparameterCatalog.hideProbability.limit),
            ("epochs", HyperparameterCatalog.maxEpochs.limit), ("patience", HyperparameterCatalog.patience.limit),
            ("threads", HyperparameterCatalog.threads.limit),
        ]
        for (key, limit) in limits {
            let row = text.split(separator: "\n").first { $0.contains("| `--\(key)` |") }
            #expect(row?.contains("| \(limit.rangeText)") == true, "docs/MODEL.md: --\(key) should say \(limit.rangeText): \(row ?? "no row")")
        }
    }

    /// Typing a value into the Training form and passing it to `mist train` give one message.
    @Test func theFormAndTheCommandLineRefuseABadValueWithTheSameMessage() throws {
        let cases: [(field: String, option: String, value: String, message: String)] = [
            ("dimension d", "--dimension", "2000", "dimension must be an integer in 1…1024 (got 2000)"),
            ("batch size", "--batch-size", "-5", "batch size must be an integer in 1…65536 (got -5)"),
            ("negatives", "--negatives", "1e9", "negatives must be an integer in 1…1000 (got 1000000000)"),
            ("learning rate", "--learning-rate", "0", "learning rate must be greater than 0 and at most 1e30 (got 0)"),
            ("beta β", "--beta", "1.5", "beta must be in 0…1 (got 1.5)"),
            ("scene dropout", "--hide", "1.1", "hide probability must be in 0…1 (got 1.1)"),
            ("learning rate", "--learning-rate", "1e39", "learning rate must be greater than 0 and at most 1e30 (got inf)"),
            ("scene dropout", "--hide", "lots", "hide probability must be in 0…1 (got \"lots\", not a number)"),
            ("threads", "--threads", "65", "threads must be an integer in 1…64 (got 65)"),
            ("seed", "--seed", "-1", "seed must be an integer in 0…18446744073709551615 (got \"-1\")"),
            ("heads H", "--heads", "3", "dimension 32 is not a multiple of heads 3"),
        ]
        for (field, option, value, message) in cases {
            var form = HyperparameterForm(Hyperparameters())
            form.selected = try #require(HyperparameterForm.fields.firstIndex { $0.name == field }, "no field \(field)")
            form.editing = TextInput(value)
            #expect(form.commitEditing() == message, "form, \(field) = \(value)")
            #expect(form.values == Hyperparameters(), "the refused value is not kept")

            let outcome = try HostileRunner.mist(["train", "sample-data", "--out", "m.safetensors", option, value], seconds: 60)
            #expect(outcome.status == 64, "\(outcome)")
            #expect(outcome.output.contains(message), "mist train \(option) \(value): \(outcome.output)")
        }
    }

    /// A run whose loss becomes infinite is a runtime failure: its message on standard error and
    /// exit status 1, with no usage text (the command line was fine). So is a missing dataset.
    @Test func aDivergedRunExitsOneWithoutUsageText() throws {
        let scratch = try HostileScratch()
        let tiny = try scratch.tinyDataset()
        let outcome = try HostileRunner.mist(["train", tiny, "--out", "m.safetensors", "--learning-rate", "1e30", "--epochs", "1", "--batch-size", "16",
                                              "--dimension", "8", "--heads", "1", "--history-length", "5"],
                                             seconds: 120, currentDirectory: scratch.root)
        #expect(outcome.status == 1, "\(outcome)")
        #expect(outcome.output.contains("training diverged"), "\(outcome.output)")
        #expect(!outcome.output.contains("Usage:") && !outcome.output.contains("--help"), "\(outcome.output)")
        #expect(!FileManager.default.fileExists(atPath: scratch.root + "/m.safetensors"))

        let missing = try HostileRunner.mist(["train", scratch.root + "/no-such-data", "--out", "m.safetensors"],
                                             seconds: 60, currentDirectory: scratch.root)
        #expect(missing.status == 1, "\(missing)")
        #expect(missing.output.contains("no-such-data"), "names the folder: \(missing.output)")
        #expect(!missing.output.contains("Usage:"), "\(missing.output)")
    }
}
