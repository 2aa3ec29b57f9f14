import Foundation
import MLCertContent
import Testing

/// The minimal valid content tree that each broken fixture starts from.
let minimalFixture: URL = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/minimal")

/// A broken fixture: the minimal tree with one edit that must trip one rule at a known line.
struct BrokenFixture: CustomTestStringConvertible, Sendable {
    let name: String
    let file: String
    let find: String
    let replace: String
    /// The rule id expected to report the problem.
    let rule: String
    /// Text on the line the problem must point at, in the edited file.
    let lineContaining: String
    /// A fragment of the expected message.
    let message: String
    /// Which occurrence of `lineContaining` (1 = first) is the expected line.
    var occurrence: Int = 1

    var testDescription: String { name }

    /// Copies the minimal tree to a fresh temporary directory and applies the edit.
    func materialize() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mlcert-fixture-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: minimalFixture, to: dir)
        let url = dir.appendingPathComponent(file)
        let original = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        if find.isEmpty {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try replace.write(to: url, atomically: true, encoding: .utf8)
        } else {
            #expect(original.contains(find), "fixture edit '\(name)' does not match \(file)")
            try original.replacingOccurrences(of: find, with: replace).write(to: url, atomically: true, encoding: .utf8)
        }
        return dir
    }

    /// The 1-based line of `lineContaining` in the edited file.
    func expectedLine(in root: URL) throws -> Int {
        let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        let matches = lines.indices.filter { lines[$0].contains(lineContaining) }
        #expect(matches.count >= occurrence, "'\(lineContaining)' occurs \(matches.count) time(s) in \(file)")
        return (matches.count >= occurrence ? matches[occurrence - 1] : -1) + 1
    }
}

/// Loads and lints a content tree, returning every problem.
func lintProblems(_ root: URL) -> [ContentProblem] {
    let (content, problems) = ContentLoader(root: root).load()
    return problems + Linter().run(on: content)
}
