import Foundation
import MLCertContent
import MLCertCore
import MLCertFamilies
import Testing

/// The real catalog, so that every family's targets and rendered items are checked against the blueprints in force.
let realContent: LoadedContent = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Content")
    return ContentLoader(root: root).load().0
}()

/// The item rules a single item must pass, errors only. Review records do not apply to generated items, and the
/// near-duplicate-stem rule does not either: instances of one family share their template by design (their
/// distinctness is checked on the numbers and options instead).
func itemLintErrors(_ items: [Item]) -> [ContentProblem] {
    let content = LoadedContent(catalog: realContent.catalog, items: items, origins: [:])
    let rules: [any LintRule] = [
        UniqueItemIDsRule(), ItemReferencesRule(), OptionCountRule(), KeyCountRule(), DuplicateOptionsRule(), CatchAllOptionsRule(),
        RationaleRule(), NegativeStemRule(), SelfUnderminingOptionRule(severity: .error),
    ]
    return rules.flatMap { $0.check(content) }.filter { $0.severity == .error }
}

@Suite("Computed item families: every family")
struct FamilyPropertyTests {
    static let families = FamilyCatalog.all.map(\.id)

    @Test func familyIDsAreUniqueAndReadable() {
        #expect(Set(Self.families).count == Self.families.count)
        for id in Self.families { #expect(id.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" }, "\(id)") }
    }

    @Test(arguments: families)
    func targetsAndSourcesResolve(_ id: String) throws {
        let family = try #require(FamilyCatalog.family(id: id))
        #expect(!family.info.sources.isEmpty)
        #expect(!family.info.difficultyDrivers.isEmpty)
        for source in family.info.sources { #expect(source.url.hasPrefix("https://"), "\(source.url)") }
        for target in family.info.targets {
            let credential = try #require(realContent.catalog.credential(id: target.credential), "\(target.credential)")
            let blueprint = try #require(credential.blueprints?.first { $0.version == target.blueprint }, "\(target)")
            let domain = try #require(blueprint.domain(id: target.domain), "\(target)")
            #expect(domain.objectives?.contains { $0.id == target.objective } == true, "\(target)")
        }
    }

    /// 100 seeds give 100 different items, each lint-clean, reproducible, and found again from its id.
    @Test(arguments: families)
    func hundredSeedsRenderHundredDistinctLintCleanInstances(_ id: String) throws {
        let family = try #require(FamilyCatalog.family(id: id))
        let instances = (0..<100).map { family.instance(seed: UInt64($0) * 7919 + 1) }
        #expect(Set(instances.map(\.item.id)).count == 100)
        #expect(Set(instances.map { $0.item.scenario + $0.item.options.map(\.text).joined() }).count == 100)
        let errors = itemLintErrors(instances.map(\.item))
        #expect(errors.isEmpty, "\(errors.prefix(5).map(\.description))")
        for instance in instances.prefix(10) {
            #expect(family.instance(seed: instance.seed) == instance)
            #expect(FamilyCatalog.instance(itemID: instance.item.id) == instance)
            #expect(instance.item.origin == ItemOrigin(kind: .generated, generator: id, seed: instance.seed))
        }
        for target in family.info.targets {
            let item = family.instance(seed: 5, for: target.credential).item
            #expect(item.credential == target.credential && item.objective == target.objective && item.domain == target.domain)
        }
    }

    /// Over many instances a test-wise guesser gains nothing from position, length or stem echo.
    @Test(arguments: families)
    func instancesCarryNoBankLevelCue(_ id: String) throws {
        let family = try #require(FamilyCatalog.family(id: id))
        let items = (0..<300).map { family.instance(seed: UInt64($0) &* 104_729 &+ 3).item }
        let content = LoadedContent(catalog: realContent.catalog, items: items, origins: [:])
        let cues: [any LintRule] = [LongestKeyCueRule(), KeyPositionCueRule(), StemEchoCueRule(), AbsoluteWordsCueRule()]
        let problems = cues.flatMap { $0.check(content) }.filter { $0.severity == .error }
        #expect(problems.isEmpty, "\(problems.map(\.description))")
    }
}
