// swift-tools-version: 6.0
import PackageDescription

// Data flows one way: files → InterestData → InterestModel → Explorer → TerminalUI → terminal.
// See docs/ARCHITECTURE.md for why each boundary is where it is.
// Release builds of the numeric code are compiled for the CPU that builds them (like -march=native):
// the default x86-64 target has no AVX2/FMA, which caps the GEMM micro-kernel at about a third of
// what the core can do. `swift run -c release` builds and runs on the same machine, so this is safe;
// a release binary copied to an older CPU would stop with an illegal instruction.
#if arch(x86_64)
let releaseFlags = ["-Ounchecked", "-target-cpu", "native"]
#else
let releaseFlags = ["-Ounchecked"]
#endif

// Concurrency checking, the same for every target (issue 12). The Swift 6 language mode is stated
// rather than left to follow from the tools version: complete strict concurrency checking, where
// a possible data race (a non-Sendable value crossing threads, an unprotected global) is a
// compile error, not a warning. On top of it, the one upcoming (Swift 7) feature that only
// tightens checking: ImmutableWeakCaptures (a `weak` capture is a `let`, so no closure can
// reassign it from another thread). Left off on purpose, though this toolchain has them:
// - NonisolatedNonsendingByDefault and InferIsolatedConformances ("approachable concurrency"):
//   they do not check more, they change what code means (which executor a nonisolated async
//   function runs on; whether a conformance may be used off its actor, dynamic casts included),
//   so they belong with a change that moves work onto tasks and actors, and must say so;
// - StrictMemorySafety (SE-0458) for Autograd, InterestData, InterestModel, TerminalUI and
//   mist-bench: it warns on every use of a raw pointer (662 warnings in those four, 6 in
//   mist-bench, measured 2026-11-30), which would bury the warnings that matter. The targets with
//   no unsafe code (Randomness, Explorer, mist) have it on (`memorySafe`), so none creeps in;
// - the ExplicitSendable warnings (`-Wwarning ExplicitSendable`; `-require-explicit-sendable`
//   does nothing in Swift 6.3): 37 warnings, 30 of them on caseless namespace enums such as
//   `GEMM`, which have no values to send;
// - ExistentialAny, MemberImportVisibility, InternalImportsByDefault: not about concurrency or
//   memory safety.
// See docs/ARCHITECTURE.md, "Concurrency".
let concurrency: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ImmutableWeakCaptures"),
]
let memorySafe: [SwiftSetting] = concurrency + [.unsafeFlags(["-strict-memory-safety"])]

// Only the Autograd kernels (and the benchmarks that time them) are built with -Ounchecked:
// InterestData parses untrusted bytes and InterestModel untrusted checkpoints, so a bug there
// must trap in release too, never become undefined behaviour. They build with plain -O
// (plus the native CPU target on x86-64, which does not remove any check).
let optimized: [SwiftSetting] = concurrency + [.unsafeFlags(releaseFlags, .when(configuration: .release))]
#if arch(x86_64)
let checked: [SwiftSetting] = concurrency + [.unsafeFlags(["-target-cpu", "native"], .when(configuration: .release))]
#else
let checked: [SwiftSetting] = concurrency
#endif

let package = Package(
    name: "mist",
    // macOS 15: the Synchronization module's Mutex and Atomic (used in Autograd, InterestData,
    // InterestModel and TerminalUI) need it; with .v13 no target that uses them compiled there.
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "mist", targets: ["mist"]),
        .executable(name: "mist-bench", targets: ["mist-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // Seeded random generators and uniform draws: what a seed means, defined once for everyone.
        .target(name: "Randomness", swiftSettings: checked + [.unsafeFlags(["-strict-memory-safety"])]),
        // Tensors, kernels, reverse-mode tape, optimizers, initialisers. Knows nothing about users.
        .target(name: "Autograd", dependencies: ["Randomness"], swiftSettings: optimized),
        // Scenes, items, interactions, CSV loading, the split, the generator. Knows nothing about tensors.
        .target(name: "InterestData", dependencies: ["Randomness"], swiftSettings: checked),
        // The interest-transfer model, baselines, trainer, evaluator, checkpoints, explanations.
        .target(name: "InterestModel", dependencies: ["Randomness", "Autograd", "InterestData"], swiftSettings: checked),
        // The only C: a shim over ncursesw.
        .systemLibrary(name: "CNCursesW", pkgConfig: "ncursesw", providers: [.apt(["libncursesw5-dev"])]),
        // Cell buffer, widgets, key maps and the one curses backend. Knows nothing about the model.
        .target(name: "TerminalUI", dependencies: ["CNCursesW"], swiftSettings: concurrency),
        // The explorer application: state, messages, update, screens.
        .target(name: "Explorer", dependencies: ["TerminalUI", "InterestModel", "InterestData"], swiftSettings: memorySafe),
        .executableTarget(
            name: "mist",
            dependencies: [
                "Explorer", "InterestModel", "InterestData", "TerminalUI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: memorySafe),
        .executableTarget(
            name: "mist-bench",
            dependencies: [
                "Randomness", "Autograd", "InterestData", "InterestModel", "Explorer", "TerminalUI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: optimized),
        .testTarget(name: "RandomnessTests", dependencies: ["Randomness"], swiftSettings: concurrency),
        .testTarget(name: "AutogradTests", dependencies: ["Autograd", "Randomness"], swiftSettings: concurrency),
        .testTarget(name: "InterestDataTests", dependencies: ["InterestData", "Randomness"], swiftSettings: concurrency),
        .testTarget(name: "InterestModelTests", dependencies: ["InterestModel", "InterestData", "Autograd", "Randomness"],
                    swiftSettings: concurrency),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI"], swiftSettings: concurrency),
        .testTarget(name: "MistBenchTests", dependencies: ["mist-bench"], swiftSettings: concurrency),
        // Snapshots/ holds the golden screens the tests read by path (not bundled resources).
        .testTarget(name: "ExplorerTests", dependencies: ["Explorer", "TerminalUI", "InterestModel", "InterestData", "mist"],
                    exclude: ["Snapshots"], swiftSettings: concurrency),
    ],
    swiftLanguageModes: [.v6]
)
