import Foundation
import MLCertContent
import MLCertCore
import Testing

@Suite("Catalog validation rules")
struct CatalogRuleTests {
    @Test func minimalFixtureIsClean() {
        let problems = lintProblems(minimalFixture)
        #expect(problems.isEmpty, "\(problems.map(\.description))")
    }

    static let broken: [BrokenFixture] = [
        BrokenFixture(name: "YAML syntax error", file: "catalog/credentials/alpha-exam.yaml", find: "summary: A fixture exam.",
            replace: "summary: [unclosed", rule: "yaml.syntax", lineContaining: "facts:", message: "YAML"),
        BrokenFixture(name: "missing required field", file: "catalog/credentials/alpha-exam.yaml", find: "short_name: Alpha MLE\n",
            replace: "", rule: "schema.missing", lineContaining: "id: alpha-exam", message: "missing required field 'short_name'"),
        BrokenFixture(name: "unknown field (typo)", file: "catalog/credentials/alpha-exam.yaml", find: "        weight: 45",
            replace: "        weigth: 45", rule: "schema.unknown-field", lineContaining: "weigth: 45", message: "did you mean 'weight'"),
        BrokenFixture(name: "bad enum value", file: "catalog/credentials/alpha-exam.yaml", find: "kind: exam",
            replace: "kind: exm", rule: "schema.value", lineContaining: "kind: exm", message: "expected one of: exam, course_certificate"),
        BrokenFixture(name: "bad date", file: "catalog/credentials/alpha-exam.yaml", find: "in_force: {from: 2026-01-01}",
            replace: "in_force: {from: 2026-13-01}", rule: "schema.value", lineContaining: "2026-13-01", message: "expected a date as YYYY-MM-DD"),
        BrokenFixture(name: "wrong type", file: "catalog/credentials/alpha-exam.yaml", find: "    value: 90",
            replace: "    value: ninety", rule: "schema.type", lineContaining: "value: ninety", message: "expected a whole number"),
        BrokenFixture(name: "duplicate credential id", file: "catalog/credentials/beta-exam.yaml", find: "id: beta-exam",
            replace: "id: alpha-exam", rule: "catalog.unique-ids", lineContaining: "id: alpha-exam", message: "used by more than one file"),
        BrokenFixture(name: "duplicate domain id", file: "catalog/credentials/alpha-exam.yaml", find: "      - id: run\n        number: 2\n        title: Run\n        weight: 45",
            replace: "      - id: build\n        number: 2\n        title: Run\n        weight: 45", rule: "catalog.unique-ids",
            lineContaining: "- id: build", message: "domain id 'build' appears more than once", occurrence: 3),
        BrokenFixture(name: "unknown source", file: "catalog/credentials/alpha-exam.yaml", find: "    sources: [vendor-page, blog]",
            replace: "    sources: [vendor-page, blgo]", rule: "catalog.source-refs", lineContaining: "[vendor-page, blgo]", message: "unknown source 'blgo'; did you mean 'blog'"),
        BrokenFixture(name: "unknown successor", file: "catalog/credentials/beta-exam.yaml", find: "successor: alpha-exam",
            replace: "successor: alpha-exma", rule: "catalog.references", lineContaining: "successor: alpha-exma", message: "unknown credential 'alpha-exma'"),
        BrokenFixture(name: "course links an unknown domain", file: "catalog/courses.yaml", find: "domains: [build, run]",
            replace: "domains: [build, rum]", rule: "catalog.references", lineContaining: "domains: [build, rum]", message: "no domain 'rum'"),
        BrokenFixture(name: "objectives_from an unknown version", file: "catalog/credentials/alpha-exam.yaml", find: "objectives_from: \"2025\"",
            replace: "objectives_from: \"2024\"", rule: "catalog.references", lineContaining: "objectives_from: \"2024\"", message: "unknown blueprint version '2024'"),
        BrokenFixture(name: "weights do not sum to 100", file: "catalog/credentials/alpha-exam.yaml", find: "        weight: 45",
            replace: "        weight: 35", rule: "catalog.weights-sum", lineContaining: "    domains:", message: "sum to 90, expected 100", occurrence: 2),
        BrokenFixture(name: "unpublished guide with weights", file: "catalog/credentials/beta-exam.yaml", find: "title: Everything}",
            replace: "title: Everything, weight: 100}", rule: "catalog.weights-sum", lineContaining: "weights_published: false", message: "weights_published is false"),
        BrokenFixture(name: "two current blueprints", file: "catalog/credentials/alpha-exam.yaml", find: "    current: false",
            replace: "    current: true", rule: "catalog.blueprints", lineContaining: "blueprints:", message: "exactly one blueprint with current: true (found 2)"),
        BrokenFixture(name: "in-force dates reversed", file: "catalog/credentials/alpha-exam.yaml", find: "until: 2025-12-31",
            replace: "until: 2024-12-31", rule: "catalog.blueprints", lineContaining: "until: 2024-12-31", message: "is before in_force.from"),
        BrokenFixture(name: "current domain without objectives", file: "catalog/credentials/alpha-exam.yaml",
            find: "        objectives:\n          - {id: \"2.1\", title: Run things}\n          - {id: \"2.2\", title: Watch things}\n", replace: "",
            rule: "catalog.blueprints", lineContaining: "      - id: run", message: "lists no objectives"),
        BrokenFixture(name: "active exam missing a fact", file: "catalog/credentials/alpha-exam.yaml",
            find: "  languages:\n    value: [English]\n    sources: [vendor-page]\n    verified_on: 2026-11-22\n    confidence: official\n", replace: "",
            rule: "catalog.required-facts", lineContaining: "facts:", message: "missing the fact 'languages'"),
        BrokenFixture(name: "retired without a date", file: "catalog/credentials/beta-exam.yaml", find: "  retired_on: 2026-03-31\n",
            replace: "", rule: "catalog.status", lineContaining: "status:", message: "needs retired_on"),
        BrokenFixture(name: "conflicting without saying how", file: "catalog/credentials/beta-exam.yaml", find: "    conflict: One source says 170.\n",
            replace: "", rule: "catalog.conflicts", lineContaining: "confidence: conflicting", message: "no `conflict` text"),
    ]

    @Test(arguments: broken)
    func brokenFixtureIsRejectedAtTheRightPlace(_ fixture: BrokenFixture) throws {
        let root = try fixture.materialize()
        defer { try? FileManager.default.removeItem(at: root) }
        let problems = lintProblems(root)
        let matching = problems.filter { $0.rule == fixture.rule && $0.message.contains(fixture.message) }
        let problem = try #require(matching.first, "expected \(fixture.rule) '\(fixture.message)'; got:\n\(problems.map(\.description).joined(separator: "\n"))")
        #expect(problem.file.hasSuffix(fixture.file))
        #expect(problem.line == (try fixture.expectedLine(in: root)), "\(problem)")
        #expect(problem.severity == .error)
    }

    @Test func everyProblemIsReportedNotJustTheFirst() throws {
        let fixture = BrokenFixture(name: "two errors", file: "catalog/credentials/beta-exam.yaml", find: "successor: alpha-exam",
            replace: "successor: nowhere\n  bogus: 1", rule: "", lineContaining: "", message: "")
        let root = try fixture.materialize()
        defer { try? FileManager.default.removeItem(at: root) }
        let rules = Set(lintProblems(root).map(\.rule))
        #expect(rules.isSuperset(of: ["catalog.references", "schema.unknown-field"]))
    }

    @Test func loadValidatedThrowsAllErrors() throws {
        let fixture = CatalogRuleTests.broken.first { $0.rule == "catalog.weights-sum" }!
        let root = try fixture.materialize()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(throws: ContentErrors.self) { try ContentLoader(root: root).loadValidated() }
    }
}
