import Foundation
import Yams

/// One parsed content file: its text, its YAML node tree (which knows line numbers) and its display name.
///
/// Values are decoded from the node tree with `Codable`; when decoding or a later check fails, the failing field's path
/// is looked up in the tree to report the line, so every message can name file, line and field.
///
/// `@unchecked Sendable`: Yams' `Node` is an immutable value tree that does not declare `Sendable`; a document is
/// never mutated after parsing.
public struct YAMLDocument: @unchecked Sendable {
    public let displayName: String
    public let root: Node

    /// Parses `text`; a syntax error becomes a problem at the line libyaml reports.
    public init(displayName: String, text: String) throws(ContentErrors) {
        self.displayName = displayName
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw ContentErrors(problems: [
                    ContentProblem(file: displayName, line: 1, field: "(document)", message: "the file is empty", rule: "yaml.syntax")
                ])
            }
            self.root = node
        } catch let error as ContentErrors {
            throw error
        } catch let error as YamlError {
            throw ContentErrors(problems: [YAMLDocument.problem(from: error, file: displayName)])
        } catch {
            throw ContentErrors(problems: [
                ContentProblem(file: displayName, line: nil, field: "(document)", message: "\(error)", rule: "yaml.syntax")
            ])
        }
    }

    /// Reads and parses a file.
    public init(contentsOf url: URL, displayName: String) throws(ContentErrors) {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw ContentErrors(problems: [
                ContentProblem(file: displayName, line: nil, field: "(document)", message: "cannot read file: \(error.localizedDescription)", rule: "io.read")
            ])
        }
        try self.init(displayName: displayName, text: text)
    }

    /// The node at `path`, if every step exists.
    public func node(at path: FieldPath) -> Node? {
        var current: Node? = root
        for element in path.elements {
            guard let node = current else { return nil }
            switch element {
            case .key(let k): current = node.mapping?[Node(k)]
            case .index(let i):
                guard let seq = node.sequence, i >= 0, i < seq.count else { return nil }
                current = seq[i]
            }
        }
        return current
    }

    /// The line of the deepest node that exists along `path`: the field itself, or the object missing it.
    public func line(for path: FieldPath) -> Int? {
        var current: Node = root
        var line = root.mark?.line
        for element in path.elements {
            let next: Node?
            switch element {
            case .key(let k):
                if let mapping = current.mapping, let pair = mapping.first(where: { $0.key.string == k }) {
                    line = pair.key.mark?.line ?? line
                    next = pair.value
                } else {
                    next = nil
                }
            case .index(let i):
                if let seq = current.sequence, i >= 0, i < seq.count { next = seq[i] } else { next = nil }
                if let n = next { line = n.mark?.line ?? line }
            }
            guard let n = next else { break }
            current = n
        }
        return line
    }

    /// A problem located at `path` in this document.
    public func problem(at path: FieldPath, _ message: String, rule: String, severity: ContentProblem.Severity = .error)
        -> ContentProblem
    {
        ContentProblem(file: displayName, line: line(for: path), field: path.description, message: message, rule: rule, severity: severity)
    }

    /// Decodes the value at `path` as `T`, turning a decoding failure into a located problem.
    public func decode<T: Decodable>(_ type: T.Type, at path: FieldPath = []) -> Result<T, ContentProblem> {
        guard let node = node(at: path) else {
            return .failure(problem(at: path, "missing required field", rule: "schema.missing"))
        }
        do {
            return .success(try YAMLDecoder().decode(T.self, from: node))
        } catch let error as DecodingError {
            return .failure(problem(from: error, under: path))
        } catch {
            return .failure(problem(at: path, "\(error)", rule: "schema.invalid"))
        }
    }

    private func problem(from error: DecodingError, under base: FieldPath) -> ContentProblem {
        switch error {
        case .keyNotFound(let key, let context):
            let path = base + FieldPath(codingPath: context.codingPath)
            return problem(at: path.key(key.stringValue), "missing required field '\(key.stringValue)'", rule: "schema.missing")
        case .typeMismatch(let type, let context):
            let path = base + FieldPath(codingPath: context.codingPath)
            return problem(at: path, "expected \(YAMLDocument.describe(type)); \(context.debugDescription)", rule: "schema.type")
        case .valueNotFound(let type, let context):
            let path = base + FieldPath(codingPath: context.codingPath)
            return problem(at: path, "expected \(YAMLDocument.describe(type)) but the value is empty", rule: "schema.type")
        case .dataCorrupted(let context):
            let path = base + FieldPath(codingPath: context.codingPath)
            return problem(at: path, context.debugDescription, rule: "schema.value")
        @unknown default:
            return problem(at: base, "\(error)", rule: "schema.invalid")
        }
    }

    static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "text"
        case is Int.Type: "a whole number"
        case is Double.Type: "a number"
        case is Bool.Type: "true or false"
        default: "\(type)".contains("Array") ? "a list" : "a mapping (\(type))"
        }
    }

    static func problem(from error: YamlError, file: String) -> ContentProblem {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _):
            return ContentProblem(file: file, line: mark.line, field: "(document)", message: "YAML syntax: \(problem)", rule: "yaml.syntax")
        case .composer(_, let problem, let mark, _):
            return ContentProblem(file: file, line: mark.line, field: "(document)", message: "YAML structure: \(problem)", rule: "yaml.syntax")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return ContentProblem(
                file: file, line: context.mark.line, field: "(document)",
                message: "duplicate key(s) in one mapping: \(duplicates.joined(separator: ", "))", rule: "yaml.syntax")
        default:
            return ContentProblem(file: file, line: nil, field: "(document)", message: "YAML: \(error)", rule: "yaml.syntax")
        }
    }
}
