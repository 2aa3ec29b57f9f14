import Foundation
import MLCertCore
import Yams

/// Finds fields that the content model does not know, such as a misspelt `weigth:`.
///
/// `Codable` ignores unknown keys, which would let a typo silently drop a fact. After a value decodes, it is encoded
/// again; any key written in the YAML that does not come back is unknown to the model. This needs no hand-kept
/// schema, so it cannot drift from the types.
enum UnknownFields {
    /// Every field name the content model uses, for "did you mean" suggestions.
    static let vocabulary: [String] = {
        var keys: Set<String> = []
        keys.formUnion(Credential.CodingKeys.allCases.map(\.stringValue))
        keys.formUnion(CredentialStatus.CodingKeys.allCases.map(\.stringValue))
        keys.formUnion(CredentialFacts.CodingKeys.allCases.map(\.stringValue))
        keys.formUnion(Fact<String>.CodingKeys.allCases.map(\.stringValue))
        keys.formUnion(Scoring.CodingKeys.allCases.map(\.stringValue))
        keys.formUnion(Blueprint.CodingKeys.allCases.map(\.stringValue))
        keys.formUnion(ExamForm.CodingKeys.allCases.map(\.stringValue))
        keys.formUnion(ProductRename.CodingKeys.allCases.map(\.stringValue))
        keys.formUnion(Domain.CodingKeys.allCases.map(\.stringValue))
        keys.formUnion(Objective.CodingKeys.allCases.map(\.stringValue))
        keys.formUnion(Course.CodingKeys.allCases.map(\.stringValue))
        keys.formUnion(Item.CodingKeys.allCases.map(\.stringValue))
        keys.formUnion(ItemOption.CodingKeys.allCases.map(\.stringValue))
        keys.formUnion(ItemReview.CodingKeys.allCases.map(\.stringValue))
        keys.formUnion(OptionsOnlyReview.CodingKeys.allCases.map(\.stringValue))
        keys.formUnion(ItemReference.CodingKeys.allCases.map(\.stringValue))
        keys.formUnion(ItemRetirement.CodingKeys.allCases.map(\.stringValue))
        keys.formUnion(["amount", "currency", "min", "max", "scored", "unscored", "years", "from", "until", "kind",
            "text", "source", "value", "estimate", "basis", "credential", "domains", "generator", "seed", "url",
            "accessed", "approximate"])
        return keys.sorted()
    }()

    /// Problems for keys under `path` in `document` that `value` does not encode back.
    static func check<T: Encodable>(_ value: T, in document: YAMLDocument, at path: FieldPath) -> [ContentProblem] {
        guard let node = document.node(at: path),
            let data = try? JSONEncoder().encode(value),
            let encoded = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        else { return [] }
        var problems: [ContentProblem] = []
        walk(node, encoded, path, document, &problems)
        return problems
    }

    private static func walk(_ node: Node, _ encoded: Any, _ path: FieldPath, _ document: YAMLDocument, _ problems: inout [ContentProblem]) {
        if let mapping = node.mapping, let object = encoded as? [String: Any] {
            for (keyNode, valueNode) in mapping {
                guard let key = keyNode.string else { continue }
                if let child = object[key] {
                    walk(valueNode, child, path.key(key), document, &problems)
                } else if !(valueNode.scalar.map { $0.string == "null" || $0.string == "~" || $0.string.isEmpty } ?? false) {
                    let hint = Suggestions.didYouMean(Suggestions.closest(to: key, among: vocabulary, limit: 2))
                    problems.append(document.problem(at: path.key(key), "unknown field '\(key)'\(hint)", rule: "schema.unknown-field"))
                }
            }
        } else if let sequence = node.sequence, let array = encoded as? [Any] {
            for (i, child) in sequence.enumerated() where i < array.count {
                walk(child, array[i], path.index(i), document, &problems)
            }
        }
    }
}
