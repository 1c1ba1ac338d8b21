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
// Only the Autograd kernels (and the benchmarks that time them) are built with -Ounchecked:
// InterestData parses untrusted bytes and InterestModel untrusted checkpoints, so a bug there
// must trap in release too, never become undefined behaviour. They build with plain -O
// (plus the native CPU target on x86-64, which does not remove any check).
let optimized: [SwiftSetting] = [.unsafeFlags(releaseFlags, .when(configuration: .release))]
#if arch(x86_64)
let checked: [SwiftSetting] = [.unsafeFlags(["-target-cpu", "native"], .when(configuration: .release))]
#else
let checked: [SwiftSetting] = []
#endif

let package = Package(
    name: "mist",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "mist", targets: ["mist"]),
        .executable(name: "mist-bench", targets: ["mist-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // Seeded random generators and uniform draws: what a seed means, defined once for everyone.
        .target(name: "Randomness", swiftSettings: checked),
        // Tensors, kernels, reverse-mode tape, optimizers, initialisers. Knows nothing about users.
        .target(name: "Autograd", dependencies: ["Randomness"], swiftSettings: optimized),
        // Scenes, items, interactions, CSV loading, the split, the generator. Knows nothing about tensors.
        .target(name: "InterestData", dependencies: ["Randomness"], swiftSettings: checked),
        // The interest-transfer model, baselines, trainer, evaluator, checkpoints, explanations.
        .target(name: "InterestModel", dependencies: ["Randomness", "Autograd", "InterestData"], swiftSettings: checked),
        // The only C: a shim over ncursesw.
        .systemLibrary(name: "CNCursesW", pkgConfig: "ncursesw", providers: [.apt(["libncursesw5-dev"])]),
        // Cell buffer, widgets, key maps and the one curses backend. Knows nothing about the model.
        .target(name: "TerminalUI", dependencies: ["CNCursesW"]),
        // The explorer application: state, messages, update, screens.
        .target(name: "Explorer", dependencies: ["TerminalUI", "InterestModel", "InterestData"]),
        .executableTarget(
            name: "mist",
            dependencies: [
                "Explorer", "InterestModel", "InterestData", "TerminalUI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(
            name: "mist-bench",
            dependencies: [
                "Randomness", "Autograd", "InterestData", "InterestModel", "Explorer", "TerminalUI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: optimized),
        .testTarget(name: "RandomnessTests", dependencies: ["Randomness"]),
        .testTarget(name: "AutogradTests", dependencies: ["Autograd", "Randomness"]),
        .testTarget(name: "InterestDataTests", dependencies: ["InterestData", "Randomness"]),
        .testTarget(name: "InterestModelTests", dependencies: ["InterestModel", "InterestData", "Autograd", "Randomness"]),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI"]),
        .testTarget(name: "ExplorerTests", dependencies: ["Explorer", "TerminalUI", "InterestModel", "InterestData", "mist"]),
    ]
)
