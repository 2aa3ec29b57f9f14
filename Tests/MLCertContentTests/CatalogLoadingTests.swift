import Foundation
import MLCertContent
import MLCertCore
import Testing

/// The real Content/ directory of this checkout.
let repositoryContent: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Content")

@Suite("Loading the real catalog")
struct CatalogLoadingTests {
    @Test func realContentLoadsWithoutErrors() throws {
        let (content, problems) = ContentLoader(root: repositoryContent).load()
        let lint = Linter().run(on: content)
        let errors = (problems + lint).filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors.count) errors, first: \(errors.prefix(10).map(\.description).joined(separator: "\n"))")
    }

    @Test(arguments: [
        "google-pmle", "aws-mls-c01", "aws-mla-c01", "azure-ai-102", "azure-ai-103", "azure-ai-300", "azure-dp-100",
        "databricks-ml-professional", "databricks-ml-associate", "coursera-professional-certificate", "edx-professional-certificate",
    ])
    func everyNamedCredentialIsPresent(id: String) throws {
        let content = try ContentLoader(root: repositoryContent, includeItems: false).loadValidated(rules: Linter.catalogRules)
        let credential = try #require(content.catalog.credential(id: id))
        #expect(!credential.name.isEmpty)
        #expect(!credential.summary.isEmpty)
    }

    @Test func googleGuidesAreVersionedWithTheJune2026GuideCurrent() throws {
        let content = try ContentLoader(root: repositoryContent, includeItems: false).loadValidated(rules: Linter.catalogRules)
        let pmle = try #require(content.catalog.credential(id: "google-pmle"))
        let versions = try #require(pmle.blueprints).map(\.version)
        #expect(versions.contains("2022-02") && versions.contains("2024-10") && versions.contains("2026-06"))
        let current = try #require(pmle.currentBlueprint)
        #expect(current.version == "2026-06")
        #expect(current.domains.map { $0.weight ?? 0 } == [13, 16, 21, 20, 18, 13])
        // The June 2026 guide's own 14 sub-sections: the 2024 guide's 1.3 (AutoML) and 5.3 (metadata) are gone.
        #expect(current.objectivesCarriedFrom == nil)
        #expect(current.domains.map { ($0.objectives ?? []).map(\.id) } == [
            ["1.1", "1.2"], ["2.1", "2.2", "2.3"], ["3.1", "3.2", "3.3"], ["4.1", "4.2"], ["5.1", "5.2"], ["6.1", "6.2"],
        ])
        #expect(current.domains.flatMap { $0.objectives ?? [] }.allSatisfy { !($0.topics ?? []).isEmpty })
        #expect(pmle.blueprint(version: "2024-10")?.domain(id: "automating-pipelines")?.objective(id: "5.3") != nil)
        let old = try #require(pmle.blueprint(version: "2022-02"))
        #expect(old.weightsPublished == false)
        #expect(old.domains.count == 6)
    }

    @Test func awsMLEngineerHasTheMLAC02GuideCurrentAndC01AsThePreviousVersion() throws {
        let catalog = try ContentLoader(root: repositoryContent, includeItems: false).loadValidated(rules: Linter.catalogRules).catalog
        let mla = try #require(catalog.credential(id: "aws-mla-c01"))
        let current = try #require(mla.currentBlueprint)
        #expect(current.version == "2026-09")
        #expect(current.examCode == "MLA-C02")
        #expect(current.inForce.from == Day("2026-09-29"))
        #expect(mla.examCodeInForce == "MLA-C02")
        #expect(current.domains.map(\.title) == [
            "Data Preparation for ML and AI", "ML Model and Foundation Model (FM) Development",
            "Deployment and Orchestration of ML and AI Workflows", "Operating, Monitoring, and Securing ML and AI Solutions",
        ])
        #expect(current.domains.map { $0.weight ?? 0 } == [28, 24, 24, 24])
        #expect(current.domains.flatMap { ($0.objectives ?? []).map(\.id) } == ["1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "3.1", "3.2", "3.3", "4.1", "4.2", "4.3"])
        let previous = try #require(mla.blueprint(version: "2024-10"))
        #expect(!previous.current)
        #expect(previous.examCode == "MLA-C01")
        #expect(previous.inForce.until == Day("2026-09-28"))
        // The standard form is the credential's facts; the beta's differences sit beside the guide.
        #expect(mla.facts.questions?.value.max == 65)
        #expect(mla.facts.questionTypes?.value == ["multiple_choice", "multiple_response"])
        #expect(mla.facts.recommendedExperience?.value.contains("Bedrock") == true)
        let beta = try #require(current.forms?.first { $0.id == "beta" })
        #expect(beta.examCode == "ME1-C02")
        #expect(beta.facts.questions?.value.max == 85)
        #expect(beta.facts.durationMinutes?.value == 170)
        #expect(beta.facts.price?.value.amount == 75)
        #expect(beta.facts.languages?.value == ["English"])
    }

    @Test func microsoftsMLOpsExamReplacesTheRetiredDataScientistExam() throws {
        let catalog = try ContentLoader(root: repositoryContent, includeItems: false).loadValidated(rules: Linter.catalogRules).catalog
        let dp100 = try #require(catalog.credential(id: "azure-dp-100"))
        #expect(dp100.isRetired)
        #expect(dp100.status.retiredOn == Day("2026-06-01"))
        #expect(catalog.activeSuccessor(of: dp100)?.id == "azure-ai-300")
        let ai300 = try #require(catalog.credential(id: "azure-ai-300"))
        #expect(!ai300.isRetired)
        let outline = try #require(ai300.currentBlueprint)
        #expect(outline.domains.map { $0.weightRange ?? [] } == [[15, 20], [25, 30], [20, 25], [10, 15], [10, 15]])
        #expect(outline.domains.allSatisfy { !($0.objectives ?? []).isEmpty })
    }

    @Test func databricksAssociateSectionsFollowTheGuideOrder() throws {
        let catalog = try ContentLoader(root: repositoryContent, includeItems: false).loadValidated(rules: Linter.catalogRules).catalog
        let associate = try #require(catalog.credential(id: "databricks-ml-associate")?.currentBlueprint)
        #expect(associate.domains.sorted { $0.number < $1.number }.map { "\($0.title) \(Int($0.weight ?? 0))" } == [
            "Databricks Machine Learning 38", "ML Workflows 19", "Model Development 31", "Model Deployment 12",
        ])
        #expect(catalog.credential(id: "databricks-ml-associate")?.facts.questionTypes?.value.contains("multiple_select") == true)
    }

    @Test func retiredCredentialsPointToActiveSuccessors() throws {
        let catalog = try ContentLoader(root: repositoryContent, includeItems: false).loadValidated(rules: Linter.catalogRules).catalog
        let mls = try #require(catalog.credential(id: "aws-mls-c01"))
        #expect(mls.isRetired)
        #expect(mls.status.retiredOn == Day("2026-03-31"))
        #expect(catalog.activeSuccessor(of: mls)?.id == "aws-mla-c01")
        let ai102 = try #require(catalog.credential(id: "azure-ai-102"))
        #expect(ai102.status.retiredOn == Day("2026-06-30"))
        #expect(catalog.activeSuccessor(of: ai102)?.id == "azure-ai-103")
    }

    @Test func conflictingSourcesAreRecordedAsConflicts() throws {
        let catalog = try ContentLoader(root: repositoryContent, includeItems: false).loadValidated(rules: Linter.catalogRules).catalog
        let mls = try #require(catalog.credential(id: "aws-mls-c01"))
        let duration = try #require(mls.facts.durationMinutes)
        #expect(duration.confidence == .conflicting)
        #expect(duration.conflict?.contains("170") == true)
    }

    @Test func theArticlesFiveCoursesAreCataloguedAsEstimates() throws {
        let catalog = try ContentLoader(root: repositoryContent, includeItems: false).loadValidated(rules: Linter.catalogRules).catalog
        for id in ["production-ml-systems", "structuring-ml-projects", "applied-ml-python", "ml-classification", "ml-regression"] {
            let course = try #require(catalog.course(id: id))
            #expect(course.hours.estimate)
            #expect(!course.preparesFor.isEmpty)
        }
        for credential in catalog.credentials where credential.kind == .exam && !credential.isRetired {
            let path = try #require(credential.officialLearningPath, "\(credential.id) has no official learning path")
            #expect(catalog.course(id: path)?.role == .officialPath)
        }
    }
}
