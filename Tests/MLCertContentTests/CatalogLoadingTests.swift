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
        "google-pmle", "aws-mls-c01", "aws-mla-c01", "azure-ai-102", "azure-ai-103", "databricks-ml-professional",
        "databricks-ml-associate", "coursera-professional-certificate", "edx-professional-certificate",
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
        // Objectives carried from the 2024 guide are resolved into the current one.
        #expect(current.domain(id: "monitoring-ai-solutions")?.objectives?.map(\.id) == ["6.1", "6.2"])
        #expect(current.objectivesCarriedFrom == "2024-10")
        let old = try #require(pmle.blueprint(version: "2022-02"))
        #expect(old.weightsPublished == false)
        #expect(old.domains.count == 6)
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
