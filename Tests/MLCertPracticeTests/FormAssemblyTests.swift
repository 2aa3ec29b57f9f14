import Foundation
import MLCertCore
import MLCertPractice
import Psychometrics
import Testing

@Suite("Form assembly")
struct FormAssemblyTests {
    @Test("apportionment: over random weights and counts, seats add up to the count and each is the exact share rounded down or up")
    func apportionProperty() {
        var rng = SeededGenerator(seed: 2026)
        for _ in 0..<5_000 {
            let domains = Int.random(in: 1...9, using: &rng)
            let weights = (0..<domains).map { _ in Bool.random(using: &rng) && domains > 1 ? 0 : Double.random(in: 0.01...40, using: &rng) }
            let count = Int.random(in: 0...120, using: &rng)
            let seats = FormAssembler.apportion(count, weights: weights)
            let total = weights.reduce(0, +)
            #expect(seats.count == weights.count)
            guard total > 0 else { continue }
            #expect(seats.reduce(0, +) == count, "weights \(weights) count \(count) gave \(seats)")
            for (w, s) in zip(weights, seats) {
                let exact = Double(count) * w / total
                #expect(Double(s) >= exact.rounded(.down) && Double(s) <= exact.rounded(.up), "share \(exact) got \(s)")
            }
        }
    }

    @Test("apportionment is exact when the weights divide evenly")
    func apportionExact() {
        #expect(FormAssembler.apportion(60, weights: [0.5, 0.25, 0.25]) == [30, 15, 15])
        #expect(FormAssembler.apportion(10, weights: [1, 1, 1]) == [4, 3, 3])
        #expect(FormAssembler.apportion(0, weights: [1, 2]) == [0, 0])
    }

    @Test("every exam credential's form has the real question count (or the bank's), follows the weights, and repeats no item",
          arguments: ["google-pmle", "aws-mla-c01", "azure-ai-103", "databricks-ml-professional"])
    func realForms(credentialID: String) throws {
        let credential = try content.catalog.requireCredential(credentialID)
        let blueprint = try #require(credential.currentBlueprint)
        let format = try ExamFormat(credential: credential)
        let items = bank.items(credential: credentialID, blueprint: blueprint)
        let form = FormAssembler().assemble(count: format.questionCount, blueprint: blueprint, items: items, seed: 9)
        #expect(Set(form.items.map(\.itemID)).count == form.items.count)
        #expect(form.items.map(\.position) == Array(0..<form.items.count))
        #expect(form.items.count == min(format.questionCount, items.count))
        let ideal = FormAssembler.apportion(format.questionCount, weights: blueprint.domains.map { blueprint.normalizedWeights[$0.id] ?? 0 })
        let counts = Dictionary(grouping: form.items, by: \.domain).mapValues(\.count)
        let available = Dictionary(grouping: items, by: \.domain).mapValues(\.count)
        for (i, domain) in blueprint.domains.enumerated() {
            // A domain gets its share, or all its items when the bank is short of them.
            #expect(counts[domain.id, default: 0] >= min(ideal[i], available[domain.id, default: 0]), "\(domain.id)")
        }
        if form.items.count < format.questionCount { #expect(form.note != nil) } else { #expect(form.note == nil) }
        for p in form.items {
            let item = try #require(bank.item(p.itemID))
            #expect(p.optionOrder.sorted() == Array(item.options.indices))
            #expect(p.choose == item.choose)
        }
    }

    @Test("a form is reproducible from its seed, and another seed gives another form")
    func seeded() throws {
        let credential = try content.catalog.requireCredential("aws-mla-c01")
        let blueprint = try #require(credential.currentBlueprint)
        let items = bank.items(credential: credential.id, blueprint: blueprint)
        let a = FormAssembler().assemble(count: 65, blueprint: blueprint, items: items, seed: 11)
        let b = FormAssembler().assemble(count: 65, blueprint: blueprint, items: items, seed: 11)
        let c = FormAssembler().assemble(count: 65, blueprint: blueprint, items: items, seed: 12)
        #expect(a == b)
        #expect(a.items.map(\.itemID) != c.items.map(\.itemID))
        #expect(a.items.map(\.optionOrder) != c.items.map(\.optionOrder))
    }

    @Test("items seen on earlier forms are used last")
    func exposure() throws {
        let credential = try content.catalog.requireCredential("aws-mla-c01")
        let blueprint = try #require(credential.currentBlueprint)
        let items = bank.items(credential: credential.id, blueprint: blueprint)
        let first = FormAssembler().assemble(count: 40, blueprint: blueprint, items: items, seed: 1)
        let exposure = Dictionary(uniqueKeysWithValues: first.items.map { ($0.itemID, 1) })
        let second = FormAssembler().assemble(count: 40, blueprint: blueprint, items: items, exposure: exposure, seed: 2)
        let byDomain = Dictionary(grouping: items, by: \.domain).mapValues(\.count)
        for domain in blueprint.domains {
            let reused = second.items.filter { $0.domain == domain.id && exposure[$0.itemID] != nil }.count
            let needed = second.quota[domain.id, default: 0]
            let fresh = byDomain[domain.id, default: 0] - first.items.filter { $0.domain == domain.id }.count
            #expect(reused == max(0, needed - fresh), "\(domain.id): reused \(reused) while \(fresh) unseen items were left")
        }
    }

    @Test("the exam format comes from the catalog: upper end of the question range, the time, and a stated pass mark")
    func examFormat() throws {
        let google = try ExamFormat(credential: content.catalog.requireCredential("google-pmle"))
        #expect(google.questionCount == 60)
        #expect(google.timeLimitMinutes == 120)
        #expect(google.passMark.assumed)
        #expect(google.passMark.proportion == 0.7)
        #expect(google.passMark.explanation.contains("assumes 70%"))
        let aws = try ExamFormat(credential: content.catalog.requireCredential("aws-mla-c01"))
        #expect(!aws.passMark.assumed)
        #expect(aws.passMark.scaledPass == 720)
        #expect(aws.passMark.scaled(aws.passMark.proportion) == 720)
        #expect(aws.passMark.scaled(1) == 1000)
        // The MLA-C02 guide lists only the choice types the bank reproduces; AI-103 still has others.
        #expect(aws.typesNotReproduced == [])
        #expect(aws.typesNote == nil)
        let azure = try ExamFormat(credential: content.catalog.requireCredential("azure-ai-103"))
        #expect(azure.typesNotReproduced == ["drag_and_drop", "case_study"])
        #expect(azure.typesNote?.contains("drag-and-drop, case-study questions") == true)
        // The mock follows the standard form and says how the beta differs.
        #expect(aws.questionCount == 65)
        #expect(aws.timeLimitMinutes == 130)
        let note = try #require(aws.otherFormsNote)
        #expect(note.contains("standard exam (65 questions in 130 minutes)"))
        #expect(note.contains("85 questions in 170 minutes, USD 75, English only; one attempt only"))
        #expect(google.otherFormsNote == nil)
        #expect(try ExamFormat(credential: content.catalog.requireCredential("databricks-ml-professional")).typesNote == nil)
        #expect(throws: ExamFormat.FormatError.notAnExam("coursera-professional-certificate")) {
            try ExamFormat(credential: content.catalog.requireCredential("coursera-professional-certificate"))
        }
    }

    @Test("retired items stay in the bank for old answers but no session draws them")
    func retiredItemsAreNotDrawn() throws {
        let credential = try content.catalog.requireCredential("aws-mla-c01")
        let blueprint = try #require(credential.currentBlueprint)
        let live = bank.items(credential: credential.id, blueprint: blueprint)
        let first = try #require(live.first)
        let retired = Item(
            id: first.id, version: first.version, credential: first.credential, blueprint: first.blueprint, domain: first.domain,
            objective: first.objective, skillArea: first.skillArea, type: first.type, choose: first.choose, difficulty: first.difficulty,
            scenario: first.scenario, question: first.question, options: first.options, explanation: first.explanation, tags: first.tags,
            lastChecked: first.lastChecked, review: first.review, origin: first.origin,
            retired: ItemRetirement(on: Day("2026-12-07")!, reason: "a test"))
        let index = ItemIndex([retired] + live.dropFirst())
        #expect(index.item(first.id) != nil, "the retired item is still found by id, for recorded answers")
        #expect(!index.items(credential: credential.id, blueprint: blueprint).contains { $0.id == first.id })
        #expect(index.items(credential: credential.id, blueprint: blueprint).count == live.count - 1)
        // The real bank's retired AWS items (MLA-C01 skills that MLA-C02 removed) never reach a C02 session.
        let retiredIDs = content.items.filter { $0.retired != nil }.map(\.id)
        #expect(Set(retiredIDs) == ["mla-1-002", "mla-1-007", "mla-2-021", "mla-3-005", "mla-3-010"])
        #expect(live.allSatisfy { $0.retired == nil })
    }
}
