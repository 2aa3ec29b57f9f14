/// One thing wrong with the content: where it is (file, line, field), what is wrong, and which rule found it.
public struct ContentProblem: Error, Hashable, Sendable, CustomStringConvertible, Codable {
    public enum Severity: String, Hashable, Sendable, Codable {
        case error, warning
    }

    /// The file, relative to the content root when possible.
    public let file: String
    public let line: Int?
    public let field: String
    public let message: String
    /// The lint rule's stable id, e.g. `catalog.weights-sum`.
    public let rule: String
    public let severity: Severity

    public init(file: String, line: Int?, field: String, message: String, rule: String, severity: Severity = .error) {
        self.file = file
        self.line = line
        self.field = field
        self.message = message
        self.rule = rule
        self.severity = severity
    }

    /// `file:line: error: field: message [rule]`, the shape editors and CI logs understand.
    public var description: String {
        let position = line.map { "\(file):\($0)" } ?? file
        return "\(position): \(severity.rawValue): \(field): \(message) [\(rule)]"
    }
}

/// Loading stopped because the content has errors; every problem found is listed, not just the first.
public struct ContentErrors: Error, CustomStringConvertible {
    public let problems: [ContentProblem]
    public init(problems: [ContentProblem]) { self.problems = problems }
    public var description: String {
        problems.map(\.description).joined(separator: "\n") + "\n\(problems.count) problem(s)"
    }
}
