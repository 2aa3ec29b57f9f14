import Foundation
import MLCertContent
import MLCertCore
import MLCertInterchange
import Testing

/// The repository's Content/ directory.
let repositoryContent: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Content")

/// The real bank, loaded once.
let realBank: LoadedContent = {
    let (content, problems) = ContentLoader(root: repositoryContent).load()
    precondition(problems.filter { $0.severity == .error }.isEmpty, "the repository content has errors: \(problems)")
    return content
}()

/// A fixed export time, so that exports are byte-for-byte repeatable in tests.
let fixedExportTime = Date(timeIntervalSince1970: 1_790_000_000)

/// An item whose every text field holds the characters each format must escape: GIFT's `~ = # { } :` and backslash,
/// XML's `& < > " '`, text that looks like HTML, non-ASCII letters, and a line break.
let awkwardItem = Item(
    id: "awk-1-001", version: 3, credential: "aws-mla-c01", blueprint: "2024-10", domain: "data-preparation", objective: "1.1",
    skillArea: .dataPreparation, type: .multiple, choose: 2, difficulty: .hard,
    scenario: "A team's job {nightly} emits key=value pairs ~ #tags: and a path C:\\data\\raw; the <b>bold</b> & \"quoted\" café — 漢字 log.",
    question: "Which two settings fix it? (Choose two.)",
    options: [
        ItemOption(text: "Set retries = 3 {per task}", correct: true, rationale: "Retries: the job's transient fault ~ clears #1."),
        ItemOption(text: "Use a <div> & friends", rationale: "HTML-looking text & entities &amp; stay literal."),
        ItemOption(text: "Raise the timeout to 2× the p99", correct: true, rationale: "Tail latency: 2× covers the p99 spike."),
        ItemOption(text: "Disable logging: it's \"noise\"", rationale: "Quotes 'single' and \"double\" survive."),
        ItemOption(text: "Backslash \\ then colon : then hash #", rationale: "Escapes \\{ must not double."),
    ],
    explanation: "First line: the principle.\nSecond line: 50% of 4 = 2, so {2} options.",
    tags: ["escaping", "gift:special", "tag with space"], lastChecked: Day("2026-11-22")!,
    review: ItemReview(reviewer: "reviewer R", reviewedOn: Day("2026-11-22")!, reviewerAnswer: ["A", "C"], agreed: true),
    origin: ItemOrigin(kind: .authored))

extension Item {
    /// The item without its review record and origin, which only JSON Lines carries.
    var withoutProvenance: Item {
        Item(id: id, version: version, credential: credential, blueprint: blueprint, domain: domain, objective: objective,
            skillArea: skillArea, type: type, choose: choose, difficulty: difficulty, scenario: scenario, question: question,
            options: options, explanation: explanation, tags: tags, lastChecked: lastChecked)
    }
}

/// Writes `data` to a fresh temporary file with `name`'s extension and returns its URL.
func temporaryFile(_ data: Data, name: String) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mlcert-ix-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let url = dir.appendingPathComponent(name)
    try data.write(to: url)
    return url
}

/// Runs one of the Python readers in `Readers/` (installed by scripts/test) and decodes the JSON it prints.
func runReader(_ script: String, _ arguments: [String]) throws -> Any {
    let readers = try #require(Bundle.module.resourceURL?.appendingPathComponent("Readers"))
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", readers.appendingPathComponent(script).path] + arguments
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    try #require(process.terminationStatus == 0, "\(script) failed: \(String(decoding: stderr, as: UTF8.self))")
    return try JSONSerialization.jsonObject(with: stdout)
}

/// Runs the built `mlcert` executable, which `swift build --build-tests` builds next to the test bundle.
func runCLI(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
    var dir = Bundle.module.bundleURL.deletingLastPathComponent()
    var executable = dir.appendingPathComponent("mlcert")
    for _ in 0..<3 where !FileManager.default.isExecutableFile(atPath: executable.path) {
        dir = dir.deletingLastPathComponent()
        executable = dir.appendingPathComponent("mlcert")
    }
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
}
