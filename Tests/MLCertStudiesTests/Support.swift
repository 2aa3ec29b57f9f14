import Foundation
import MLCertContent
import MLCertCore
import MLCertPractice

/// The real content of this checkout, loaded once.
let content: LoadedContent = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Content")
    return try! ContentLoader(root: root, includeItems: true).loadValidated(rules: Linter.catalogRules + Linter.servingRules)
}()

/// A credential's current bank with its blueprint and exam format.
func studyBank(_ id: String) throws -> (credential: Credential, blueprint: Blueprint, format: ExamFormat, items: [Item]) {
    let credential = try content.catalog.requireCredential(id)
    guard let blueprint = credential.currentBlueprint else { throw CatalogError.noCurrentBlueprint(id) }
    return (credential, blueprint, try ExamFormat(credential: credential), ItemIndex(content.items).items(credential: id, blueprint: blueprint))
}
