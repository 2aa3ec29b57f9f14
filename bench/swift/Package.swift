// swift-tools-version: 6.2
// Benchmarks for the Psychometrics module. A separate package so the main package stays free of benchmark targets;
// it depends on the repository root by path. Run through bench/run, or:
//   swift run -c release --package-path bench/swift psybench calibrate bench/data/1000x50-dense.csv --model 3pl
import PackageDescription

let package = Package(
    name: "PsychometricsBench",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "mlcert", path: "../..")],
    targets: [
        .executableTarget(
            name: "psybench",
            dependencies: [.product(name: "Psychometrics", package: "mlcert")]
        )
    ],
    swiftLanguageModes: [.v6]
)
