import Foundation
import Synchronization
import MLCertCore
import MLCertFamilies
import MLCertPractice
import Testing

@Suite("Computed item families: served in practice")
struct PracticePoolTests {
    static let pool = PracticePool.items(instancesPerFamily: 4)

    @Test("every credential a family targets gets its own instances, with ids that name them and nothing else")
    func poolIDsAreUniqueAndRenderBack() throws {
        let written = Set(realContent.items.map(\.id))
        var seen = Set<String>()
        for item in Self.pool {
            #expect(seen.insert(item.id).inserted, "\(item.id) twice")
            #expect(!written.contains(item.id))
            let rendered = try #require(FamilyCatalog.instance(itemID: item.id))
            #expect(rendered.item == item, "\(item.id) renders differently from its id alone")
        }
        for family in FamilyCatalog.all {
            for credential in Set(family.info.targets.map(\.credential)) {
                let mine = Self.pool.filter { FamilyCatalog.parse(itemID: $0.id)?.family.id == family.id && $0.credential == credential }
                #expect(mine.count == 4, "\(family.id) for \(credential): \(mine.count)")
            }
        }
        // Every current exam gets some computed items.
        for credential in ["google-pmle", "aws-mla-c01", "azure-ai-103", "azure-ai-300", "databricks-ml-professional"] {
            #expect(Self.pool.contains { $0.credential == credential }, "no family serves \(credential)")
        }
        #expect(PracticePool.items(instancesPerFamily: 0).isEmpty)
    }

    @Test("a mock exam and a drill serve generated instances, and the report scores them by their computed key")
    func servedAndScored() async throws {
        let store = InMemoryLearnerStore()
        let counter = Mutex(0)
        let service = PracticeService(catalog: realContent.catalog, items: PracticePool.bank(written: realContent.items), store: store,
            makeID: { "s\(counter.withLock { $0 += 1; return $0 })" }, makeSeed: { 7 })
        _ = try await service.learner(id: "ada")
        let exam = try await service.startExam(learnerID: "ada", credentialID: "google-pmle", seed: 3)
        let generated = exam.items.filter { $0.itemID.hasPrefix("gen-") }
        #expect(!generated.isEmpty, "a PMLE mock exam drew no computed item")
        // One instance per family in a form: three A/B sample-size questions in one mock test one skill three times.
        let families = generated.compactMap { FamilyCatalog.parse(itemID: $0.itemID)?.family.id }
        #expect(Set(families).count == families.count, "a family appears twice in one form: \(families.sorted())")
        for presented in exam.items {
            let item = try #require(service.bank.item(presented.itemID))
            let key = item.options.indices.filter { item.options[$0].correct }
            _ = try await service.perform(.answer(position: presented.position, shown: presented.shownIndices(forAuthored: key)), session: exam.header.id, learnerID: "ada")
        }
        _ = try await service.perform(.submit, session: exam.header.id, learnerID: "ada")
        let report = try await service.report(session: exam.header.id, learnerID: "ada")
        #expect(report.correct == exam.items.count, "a computed key did not score as correct")

        let family = try #require(FamilyCatalog.families(credential: "aws-mla-c01", blueprint: "2026-09").first)
        let domain = family.target(for: "aws-mla-c01").domain
        let drill = try await service.startDrill(learnerID: "ada", credentialID: "aws-mla-c01", filter: .init(domains: [domain], count: 500), seed: 1)
        #expect(drill.items.contains { $0.itemID.hasPrefix("gen-") }, "a drill on \(domain) served no computed item")
    }
}
