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
        .library(name: "MLCertFamilies", targets: ["MLCertFamilies"]),
        .library(name: "MLCertInterchange", targets: ["MLCertInterchange"]),
        .library(name: "MLCertPractice", targets: ["MLCertPractice"]),
        .library(name: "MLCertSQLite", targets: ["MLCertSQLite"]),
        .library(name: "MLCertServer", targets: ["MLCertServer"]),
        .library(name: "MLCertPostgres", targets: ["MLCertPostgres"]),
        .library(name: "MLCertStudies", targets: ["MLCertStudies"]),
    ],
    traits: [
        // Off by default: PostgresNIO (with NIO SSL and the connection pool) roughly doubles a clean build, and one
        // machine is served well by SQLite. `swift build --traits Postgres` adds `--database postgres://...`.
        .trait(name: "Postgres", description: "The PostgreSQL learner store (PostgresNIO), for several server processes sharing one database."),
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
        // The web app and JSON API: HTTP server, router, request context and the in-process test client.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        // Password hashing (bcrypt) for accounts.
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        // Server-rendered pages: Mustache templates in Sources/MLCertServer/Resources/Templates.
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        // Graceful shutdown (SIGTERM finishes in-flight requests) and the service group the server runs in.
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        // Structured logging for the server.
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // SHA-256 of login tokens and random tokens for cookies and CSRF.
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // The thread pool that runs bcrypt off the event loops, and the lock behind the metrics registry.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        // HTTP request parts as swift-http-types values in NIO pipelines (the server's request-deadline handler).
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        // The PostgreSQL learner store (connection pool, transactions); built only with the `Postgres` trait.
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        // Pure domain: catalog model, advisor, planner, items. Foundation only, no I/O.
        .target(name: "MLCertCore"),
        // IRT, CAT, item analysis and FSRS. Standard library only, no I/O.
        .target(name: "Psychometrics"),
        // Computed item families: situations drawn from simulated production ML systems, keys worked out by code.
        // Pure (Foundation for formatting and the math library), seeded, no I/O.
        .target(name: "MLCertFamilies", dependencies: ["MLCertCore", "Psychometrics"]),
        // Reading and validating Content/ (YAML), lint rules, and the file formats (CSV responses and review logs).
        .target(
            name: "MLCertContent",
            dependencies: ["MLCertCore", "Psychometrics", .product(name: "Yams", package: "Yams")]
        ),
        // The practice engine: sessions (drill, mock exam, diagnostic, review) as pure state folded from events,
        // form assembly, scoring, readiness and progress, and the LearnerStore port that adapters implement.
        .target(name: "MLCertPractice", dependencies: ["MLCertCore", "Psychometrics"]),
        // Psychometric studies and reports over the real bank: the adaptive diagnostic as shipped, the misspecified
        // readiness study (truth differs from what the scorer assumes), calibration and item reports.
        .target(name: "MLCertStudies", dependencies: ["MLCertCore", "Psychometrics", "MLCertPractice"]),
        // The learner store on SQLite through GRDB.
        .target(
            name: "MLCertSQLite",
            dependencies: ["MLCertPractice", "Psychometrics", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // The learner store on PostgreSQL through PostgresNIO. Its sources are all under `#if Postgres`, and its
        // dependencies are conditional, so the default build compiles an empty module and never builds PostgresNIO.
        .target(
            name: "MLCertPostgres",
            dependencies: [
                "MLCertPractice", "Psychometrics",
                .product(name: "PostgresNIO", package: "postgres-nio", condition: .when(traits: ["Postgres"])),
                .product(name: "Logging", package: "swift-log", condition: .when(traits: ["Postgres"])),
            ]
        ),
        // The web app and JSON API (Hummingbird): pages rendered with Mustache, the JSON API and its OpenAPI document,
        // accounts and login sessions. It knows the stores only through the MLCertPractice ports.
        .target(
            name: "MLCertServer",
            dependencies: [
                "MLCertCore", "MLCertContent", "MLCertPractice", "Psychometrics", "MLCertFamilies",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            ],
            resources: [.copy("Resources")]
        ),
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
                "MLCertCore", "MLCertContent", "MLCertInterchange", "Psychometrics", "MLCertPractice", "MLCertSQLite", "MLCertServer", "MLCertStudies",
                "MLCertFamilies",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .target(name: "MLCertPostgres", condition: .when(traits: ["Postgres"])),
                .product(name: "PostgresNIO", package: "postgres-nio", condition: .when(traits: ["Postgres"])),
            ]
        ),
        .testTarget(name: "MLCertCoreTests", dependencies: ["MLCertCore", "MLCertContent"]),
        .testTarget(name: "MLCertFamiliesTests", dependencies: ["MLCertFamilies", "MLCertCore", "MLCertContent", "MLCertPractice"]),
        .testTarget(name: "PsychometricsTests", dependencies: ["Psychometrics"], resources: [.copy("Fixtures")]),
        .testTarget(name: "MLCertPracticeTests", dependencies: ["MLCertPractice", "MLCertCore", "MLCertContent", "Psychometrics"]),
        .testTarget(
            name: "MLCertStudiesTests",
            dependencies: [
                "MLCertStudies", "MLCertPractice", "MLCertCore", "MLCertContent", "MLCertSQLite", "Psychometrics",
                .target(name: "MLCertPostgresTesting", condition: .when(traits: ["Postgres"])),
            ]
        ),
        // Route tests in process (HummingbirdTesting) on the in-memory, SQLite and (with the trait) PostgreSQL stores,
        // and the browser flow against a real `mlcert serve`.
        .testTarget(
            name: "MLCertServerTests",
            dependencies: [
                "MLCertServer", "MLCertPractice", "MLCertSQLite", "MLCertCore", "MLCertContent", "Psychometrics", "MLCertFamilies",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .target(name: "MLCertPostgresTesting", condition: .when(traits: ["Postgres"])),
            ],
            // The browser flow and the slow-client probes are Python scripts the tests run from the source tree.
            exclude: ["Browser/flow.py", "Probes"]
        ),
        .testTarget(
            name: "MLCertSQLiteTests",
            dependencies: [
                "MLCertSQLite", "MLCertPractice", "MLCertCore", "MLCertContent", "Psychometrics", .product(name: "GRDB", package: "GRDB.swift"),
                .target(name: "MLCertPostgres", condition: .when(traits: ["Postgres"])),
                .target(name: "MLCertPostgresTesting", condition: .when(traits: ["Postgres"])),
            ]
        ),
        // What the PostgreSQL tests share: the throwaway database named by MLCERT_TEST_POSTGRES_URL, one schema per test.
        .target(
            name: "MLCertPostgresTesting",
            dependencies: [
                "MLCertPractice",
                .target(name: "MLCertPostgres", condition: .when(traits: ["Postgres"])),
                .product(name: "PostgresNIO", package: "postgres-nio", condition: .when(traits: ["Postgres"])),
            ],
            path: "Tests/MLCertPostgresTesting"
        ),
        // PostgreSQL-only tests (URL parsing, migrations, several services on one database); empty without the trait.
        .testTarget(
            name: "MLCertPostgresTests",
            dependencies: [
                "MLCertPractice", "MLCertCore", "MLCertContent",
                .target(name: "MLCertPostgres", condition: .when(traits: ["Postgres"])),
                .target(name: "MLCertPostgresTesting", condition: .when(traits: ["Postgres"])),
                .product(name: "PostgresNIO", package: "postgres-nio", condition: .when(traits: ["Postgres"])),
            ]
        ),
        .testTarget(
            name: "MLCertContentTests",
            dependencies: ["MLCertContent", "MLCertCore", "Psychometrics", "MLCertFamilies"],
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
