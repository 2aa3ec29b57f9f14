import Foundation
import MLCertContent
import MLCertCore
import Testing

@Suite("What changed between two guide versions")
struct BlueprintDiffTests {
    let catalog = try! ContentLoader(root: repositoryContent, includeItems: false).loadValidated(rules: Linter.catalogRules).catalog

    @Test func awsMapsEachC01TaskOntoItsC02TaskAsAWSDoes() throws {
        let diff = try BlueprintDiff(credential: try catalog.requireCredential("aws-mla-c01"))
        #expect(diff.oldVersion == "2024-10" && diff.newVersion == "2026-09")
        #expect(diff.oldExamCode == "MLA-C01" && diff.newExamCode == "MLA-C02")
        #expect(diff.matching == .declared)
        #expect(diff.domains.map(\.weightChange) == [0, -2, 2, 0])
        #expect(diff.domains.map(\.change) == [.retitled, .retitledAndReweighted, .retitledAndReweighted, .retitled])
        #expect(diff.objectives.count == 12 && diff.objectives.allSatisfy { $0.kind == .retitled })
        #expect(diff.objectives.first?.new?.title == "Collect and store data")
    }

    @Test func pmleShowsAutoMLAndMetadataMovingAndSectionTwoGrowing() throws {
        let diff = try BlueprintDiff(credential: try catalog.requireCredential("google-pmle"), from: "2024-10", to: "2026-06")
        let moved = diff.objectives.filter { $0.kind == .moved }.map { "\($0.old!.id)->\($0.new!.id) \($0.new!.domain)" }
        #expect(moved == ["1.3->1.1 architecting-low-code-ai", "5.3->2.3 collaborating-data-models"])
        #expect(!diff.objectives.contains { $0.kind == .removed || $0.kind == .added })
        #expect(diff.unchangedObjectives + diff.objectives.filter { $0.kind == .retitled }.count == 14)
        let automating = try #require(diff.domains.first { $0.new?.id == "automating-pipelines" })
        #expect(automating.change == .reweighted)
        #expect((automating.weightChange ?? 0) < -4)
    }

    @Test func aGuideWithoutObjectivesIsComparedByDomainOnly() throws {
        let diff = try BlueprintDiff(credential: try catalog.requireCredential("databricks-ml-associate"))
        #expect(diff.matching == .domainsOnly)
        #expect(diff.domains.filter { $0.change == .added }.compactMap(\.new?.title) == ["Model Development", "Model Deployment"])
        #expect(diff.domains.filter { $0.change == .removed }.compactMap(\.old?.title) == ["Spark ML", "Scaling ML Models"])
    }

    @Test func withoutAVendorMappingObjectivesAreMatchedByIdThenByTitle() {
        let old = Blueprint(version: "1", title: "Old", inForce: DateRange(from: Day("2025-01-01")!), current: false, weightsPublished: true,
            sources: [], confidence: .official, domains: [
                Domain(id: "build", number: 1, title: "Build", weight: 50, objectives: [
                    Objective(id: "1.1", title: "Train models with managed SDKs"), Objective(id: "1.2", title: "Compile models for edge devices"),
                ]),
                Domain(id: "run", number: 2, title: "Run", weight: 50, objectives: [Objective(id: "2.1", title: "Track experiment lineage and metadata")]),
            ])
        let new = Blueprint(version: "2", title: "New", inForce: DateRange(from: Day("2026-01-01")!), current: true, weightsPublished: true,
            sources: [], confidence: .official, domains: [
                Domain(id: "build", number: 1, title: "Build models", weight: 60, objectives: [
                    Objective(id: "1.1", title: "Train and tune models with managed SDKs"),
                    Objective(id: "1.2", title: "Track experiment lineage and metadata in notebooks"),
                ]),
                Domain(id: "run", number: 2, title: "Run", weight: 40, objectives: [Objective(id: "2.1", title: "Evaluate generative AI output")]),
            ])
        let diff = BlueprintDiff(credential: "demo", old: old, new: new)
        #expect(diff.matching == .inferred)
        let kinds = diff.objectives.map { "\($0.kind.rawValue) \($0.old?.id ?? "-") \($0.new?.id ?? "-")" }
        // 1.1 keeps its id under a longer title; the lineage objective's title follows it from 2.1 to 1.2; the new 2.1
        // shares no words with anything old, and nothing replaces the edge objective, although both ids live on.
        #expect(kinds == ["retitled 1.1 1.1", "moved 2.1 1.2", "added - 2.1", "removed 1.2 -"])
        #expect(diff.domains.map(\.change) == [.retitledAndReweighted, .reweighted])
    }

    @Test func weakAreasAreMatchedToTheChangesThatTouchThem() throws {
        let diff = try BlueprintDiff(credential: try catalog.requireCredential("google-pmle"), from: "2024-10", to: "2026-06")
        let areas = diff.weakAreas([
            AreaResult(version: "2024-10", domain: "automating-pipelines", objective: "5.3", answered: 4, correct: 1),
            AreaResult(version: "2026-06", domain: "scaling-prototypes", objective: "3.2", answered: 5, correct: 2),
            AreaResult(version: "2026-06", domain: "serving-scaling-models", objective: "4.1", answered: 5, correct: 2),
            AreaResult(version: "2026-06", domain: "monitoring-ai-solutions", objective: "6.2", answered: 5, correct: 5),
            AreaResult(version: "2026-06", domain: "automating-pipelines", objective: "5.1", answered: 1, correct: 0),
            AreaResult(version: "2023", domain: "scaling-prototypes", objective: nil, answered: 9, correct: 1),
        ])
        #expect(areas.map { "\($0.result.version) \($0.result.objective ?? "")" } == ["2024-10 5.3", "2026-06 3.2", "2026-06 4.1"])
        #expect(areas[0].changes.contains { $0.contains("5.3 moved to 2.3 Tracking and running ML experiments") })
        #expect(areas[0].changes.contains { $0.contains("the domain's weight goes from 22% to 18%") })
        #expect(areas[1].changes == ["the domain's weight goes from 18% to 21%"])
        #expect(areas[2].changes.isEmpty, "a weak area the change does not touch is listed as such")
    }

    @Test func unknownOrEqualVersionsAreRefusedWithTheVersionsThatExist() throws {
        let pmle = try catalog.requireCredential("google-pmle")
        #expect(throws: BlueprintDiff.DiffError.unknownVersion(credential: "google-pmle", version: "2025", versions: ["2022-02", "2023", "2024-10", "2026-06"])) {
            try BlueprintDiff(credential: pmle, from: "2025", to: nil)
        }
        #expect(throws: BlueprintDiff.DiffError.sameVersion("2026-06")) { try BlueprintDiff(credential: pmle, from: "2026-06", to: "2026-06") }
    }

    /// Every credential with two guide versions can be compared, as `mlcert catalog diff` compares them.
    @Test func everyCredentialWithTwoGuidesHasADiff() throws {
        let withTwo = catalog.credentials.filter { ($0.blueprints?.count ?? 0) > 1 }
        #expect(withTwo.count >= 5)
        for credential in withTwo {
            let diff = try BlueprintDiff(credential: credential)
            #expect(!diff.domains.isEmpty, "\(credential.id)")
            let cli = try CLI.run(["catalog", "diff", credential.id, "--content", repositoryContent.path])
            #expect(cli.status == 0, "\(credential.id): \(cli.stderr)")
            #expect(cli.stdout.contains("Guide \(diff.oldVersion)"))
        }
    }

    @Test func cliGivesTheTableAndTheJSONContract() throws {
        let table = try CLI.run(["catalog", "diff", "google-pmle", "2024-10", "2026-06", "--content", repositoryContent.path])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("moved     5.3 Tracking and auditing metadata (Automating and orchestrating ML pipelines) -> 2.3"))
        #expect(table.stdout.contains("reweighted -4.2 pt"))
        #expect(!table.stdout.contains("YOUR WEAK AREAS"), "no learner data unless asked for")
        let json = try CLI.run(["catalog", "diff", "aws-mla-c01", "--format", "json", "--content", repositoryContent.path])
        let object = try #require(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["old_version"] as? String == "2024-10")
        #expect(object["new_exam_code"] as? String == "MLA-C02")
        #expect(object["matching"] as? String == "declared")
        #expect((object["domains"] as? [[String: Any]])?[1]["weight_change"] as? Double == -2)
        #expect(object["weak_areas"] == nil)
        let bad = try CLI.run(["catalog", "diff", "aws-mla-c01", "2023", "--content", repositoryContent.path])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("aws-mla-c01 has no guide version '2023'; versions: 2024-10, 2026-09"))
    }

    @Test func aLearnersWeakAreasComeFromTheirAnswers() throws {
        let database = temporaryLearnerDatabase()
        let child = try InteractiveCLI(["practice", "--cert", "aws-mla-c01", "--count", "6", "--seed", "3", "--format", "json", "--database", database])
        var question = try child.next("question")
        for number in 1...6 {
            child.send(try letters(for: question, correct: false))
            _ = try child.next("feedback")
            if number < 6 { question = try child.next("question") }
        }
        _ = try child.next("report")
        #expect(child.closeInputAndWait() == 0)
        let json = try CLI.run(["catalog", "diff", "aws-mla-c01", "--format", "json", "--database", database, "--content", repositoryContent.path])
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let weak = try #require(object["weak_areas"] as? [[String: Any]])
        let results = weak.compactMap { $0["result"] as? [String: Any] }
        #expect(!results.isEmpty, "six wrong answers leave weak areas once an objective has two of them")
        #expect(results.allSatisfy { $0["version"] as? String == "2026-09" && $0["correct"] as? Int == 0 })
        let text = try CLI.run(["catalog", "diff", "aws-mla-c01", "--database", database, "--content", repositoryContent.path])
        #expect(text.stdout.contains("YOUR WEAK AREAS"))
        #expect(text.stdout.contains("2026-09 "))
    }
}
