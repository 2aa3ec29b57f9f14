// swift-tools-version: 6.2
// mlcert: an ML-engineering certification advisor and exam-prep system.
// Dependencies point inward: the executable and the adapters (content, storage, server) depend on the pure core and
// on the psychometrics module; neither of those imports anything beyond Foundation and the standard library.
import PackageDescription

let package = Package(
    name: "mlcert",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "mlcert", targets: ["mlcert"]),
        .library(name: "MLCertCore", targets: ["MLCertCore"]),
        .library(name: "Psychometrics", targets: ["Psychometrics"]),
        .library(name: "MLCertContent", targets: ["MLCertContent"]),
        .library(name: "MLCertInterchange", targets: ["MLCertInterchange"]),
        .library(name: "MLCertPractice", targets: ["MLCertPractice"]),
        .library(name: "MLCertSQLite", targets: ["MLCertSQLite"]),
    ],
    dependencies: [
        // Command-line parsing for the `mlcert` executable.
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // YAML parsing for Content/ (catalog, courses, items), with line numbers for error messages.
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // Zip packaging for QTI content packages and Anki .apkg files.
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        // SQLite: the learner store (migrations, WAL mode, transactions) and the collection inside an Anki .apkg.
        // Needs Debian's libsqlite3-dev, which scripts/test installs.
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // Pure domain: catalog model, advisor, planner, items. Foundation only, no I/O.
        .target(name: "MLCertCore"),
        // IRT, CAT, item analysis and FSRS. Standard library only, no I/O.
        .target(name: "Psychometrics"),
        // Reading and validating Content/ (YAML), lint rules, and the file formats (CSV responses and review logs).
        .target(
            name: "MLCertContent",
            dependencies: ["MLCertCore", "Psychometrics", .product(name: "Yams", package: "Yams")]
        ),
        // The practice engine: sessions (drill, mock exam, diagnostic, review) as pure state folded from events,
        // form assembly, scoring, readiness and progress, and the LearnerStore port that adapters implement.
        .target(name: "MLCertPractice", dependencies: ["MLCertCore", "Psychometrics"]),
        // The learner store on SQLite through GRDB.
        .target(
            name: "MLCertSQLite",
            dependencies: ["MLCertPractice", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // The web app and JSON API (Hummingbird); filled by the web-app issue.
        .target(name: "MLCertServer", dependencies: ["MLCertCore"]),
        // Export and import of the item bank: QTI 2.1/3.0, Moodle XML, GIFT, Anki .apkg, CSV/TSV and JSON Lines.
        .target(
            name: "MLCertInterchange",
            dependencies: [
                "MLCertCore", "MLCertContent", .product(name: "Yams", package: "Yams"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"), .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .executableTarget(
            name: "mlcert",
            dependencies: [
                "MLCertCore", "MLCertContent", "MLCertInterchange", "Psychometrics", "MLCertPractice", "MLCertSQLite",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "MLCertCoreTests", dependencies: ["MLCertCore", "MLCertContent"]),
        .testTarget(name: "PsychometricsTests", dependencies: ["Psychometrics"], resources: [.copy("Fixtures")]),
        .testTarget(name: "MLCertPracticeTests", dependencies: ["MLCertPractice", "MLCertCore", "MLCertContent", "Psychometrics"]),
        .testTarget(name: "MLCertSQLiteTests", dependencies: ["MLCertSQLite", "MLCertPractice", "MLCertCore"]),
        .testTarget(
            name: "MLCertContentTests",
            dependencies: ["MLCertContent", "MLCertCore", "Psychometrics"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "MLCertInterchangeTests",
            dependencies: ["MLCertInterchange", "MLCertContent", "MLCertCore"],
            resources: [.copy("Readers")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
