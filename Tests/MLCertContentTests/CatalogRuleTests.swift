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
        BrokenFixture(name: "a form fact citing an unknown source", file: "catalog/credentials/alpha-exam.yaml", find: "            sources: [blog]",
            replace: "            sources: [blgo]", rule: "catalog.source-refs", lineContaining: "sources: [blgo]", message: "unknown source 'blgo'"),
        BrokenFixture(name: "a form fact stating a conflict without marking it", file: "catalog/credentials/alpha-exam.yaml",
            find: "            sources: [blog]", replace: "            conflict: One page says 100.\n            sources: [blog]",
            rule: "catalog.conflicts", lineContaining: "conflict: One page says 100.", message: "mark it 'conflicting'"),
        BrokenFixture(name: "a misspelt field in a form", file: "catalog/credentials/alpha-exam.yaml", find: "        exam_code: AL1-B",
            replace: "        exam_kode: AL1-B", rule: "schema.unknown-field", lineContaining: "exam_kode: AL1-B", message: "unknown field 'exam_kode'"),
        BrokenFixture(name: "a rename without the current name", file: "catalog/renames.yaml", find: "current: Alpha Studio, ",
            replace: "", rule: "catalog.renames", lineContaining: "Alpha Old Studio", message: "a rename needs the current name"),
        BrokenFixture(name: "a rename with both on and by", file: "catalog/renames.yaml", find: "on: 2026-03-01,",
            replace: "on: 2026-03-01, by: 2026-04-01,", rule: "catalog.renames", lineContaining: "Alpha Old Studio", message: "exactly one of `on`"),
        BrokenFixture(name: "a rename citing an unknown source", file: "catalog/renames.yaml", find: "on: 2026-03-01, source: vendor-page",
            replace: "on: 2026-03-01, source: vendr-page", rule: "catalog.source-refs", lineContaining: "vendr-page", message: "unknown source 'vendr-page'"),
        BrokenFixture(name: "a rename with an unknown status", file: "catalog/renames.yaml", find: "status: closed_to_new_customers",
            replace: "status: closed", rule: "schema.value", lineContaining: "status: closed", message: "expected one of: renamed, closed_to_new_customers, deprecated"),
        BrokenFixture(name: "a retired product name in the catalog's own text", file: "catalog/credentials/alpha-exam.yaml",
            find: "summary: A fixture exam.", replace: "summary: A fixture exam taken on Alpha Old Studio.",
            rule: "names.retired", lineContaining: "summary: A fixture exam taken", message: "'Alpha Old Studio' is now 'Alpha Studio'"),
    ]

    @Test func staleFactsAndItemsAreWarningsCountedFromTheGivenDay() throws {
        let (content, _) = ContentLoader(root: minimalFixture).load()
        // Everything in the fixture was checked on 2026-11-22.
        #expect(StalenessRule(today: Day("2027-05-21")!).check(content).isEmpty, "180 days later is not yet stale")
        let stale = StalenessRule(today: Day("2027-05-22")!).check(content)
        #expect(!stale.isEmpty && stale.allSatisfy { $0.severity == .warning && $0.rule == "content.stale" })
        #expect(stale.contains { $0.message.contains("verified 181 days ago (2026-11-22), more than 180") && $0.file.hasSuffix("alpha-exam.yaml") })
        #expect(stale.contains { $0.field.contains("forms[0].facts.duration_minutes") }, "a beta form's facts are checked too")
        #expect(stale.contains { $0.message.contains("last checked 181 days ago") && $0.file.hasSuffix("run.yaml") })
        #expect(!stale.contains { $0.file.hasSuffix("beta-exam.yaml") }, "a retired exam's facts are history, not checked")
        #expect(StalenessRule(today: Day("2027-05-22")!, maxAgeDays: 400).check(content).isEmpty)
    }

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
