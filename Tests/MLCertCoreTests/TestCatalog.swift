import Foundation
import MLCertContent
import MLCertCore

/// The real catalog of this checkout, loaded once for core tests.
let realCatalog: Catalog = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Content")
    return try! ContentLoader(root: root, includeItems: false).loadValidated(rules: Linter.catalogRules).catalog
}()
