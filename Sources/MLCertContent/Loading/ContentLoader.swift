import Foundation
import MLCertCore
import Yams

/// Reads a `Content/` tree: `catalog/sources.yaml`, `catalog/courses.yaml`, `catalog/credentials/*.yaml`, the optional
/// `catalog/renames.yaml` and `items/**/*.yaml`.
///
/// Loading never stops at the first problem: every file is read, every list element is decoded on its own, and all
/// problems come back together with whatever did decode, so that `mlcert content lint` can print them all.
///
/// ```swift
/// let (content, problems) = ContentLoader(root: URL(fileURLWithPath: "Content")).load()
/// ```
public struct ContentLoader: Sendable {
    public let root: URL
    /// Whether to read `items/`; commands that need only the catalog skip the bank, which is most of the text.
    public let includeItems: Bool

    public init(root: URL, includeItems: Bool = true) {
        self.root = root
        self.includeItems = includeItems
    }

    /// Decodes everything; returns the content and the problems met while decoding.
    public func load() -> (LoadedContent, [ContentProblem]) {
        var problems: [ContentProblem] = []
        var origins: [Origin.Key: Origin] = [:]

        let sources: [Source] = list(at: "catalog/sources.yaml", key: "sources", problems: &problems) { doc, path, source in
            origins[.source(source.id)] = Origin(document: doc, path: path)
            origins[.sourcesFile] = Origin(document: doc, path: [])
        }
        let courses: [Course] = list(at: "catalog/courses.yaml", key: "courses", problems: &problems) { doc, path, course in
            origins[.course(course.id)] = Origin(document: doc, path: path)
            origins[.coursesFile] = Origin(document: doc, path: [])
        }

        var renames: [ProductRename] = []
        if FileManager.default.fileExists(atPath: root.appendingPathComponent("catalog/renames.yaml").path) {
            var index = 0
            renames = list(at: "catalog/renames.yaml", key: "renames", problems: &problems) { doc, path, _ in
                origins[.rename(index)] = Origin(document: doc, path: path)
                index += 1
            }
        }

        var credentials: [Credential] = []
        for url in yamlFiles(under: "catalog/credentials") {
            guard let doc = document(url, &problems) else { continue }
            switch doc.decode(Credential.self) {
            case .success(let credential):
                problems += UnknownFields.check(credential, in: doc, at: [])
                credentials.append(Self.resolvingObjectives(credential))
                origins[.credential(credential.id)] = Origin(document: doc, path: [])
            case .failure(let problem):
                problems.append(problem)
            }
        }

        var items: [Item] = []
        for url in includeItems ? yamlFiles(under: "items") : [] {
            guard let doc = document(url, &problems) else { continue }
            for (path, item) in elements(of: doc, key: "items", as: Item.self, problems: &problems) {
                origins[.item(items.count)] = Origin(document: doc, path: path)
                items.append(item)
            }
        }

        let catalog = Catalog(credentials: credentials.sorted { $0.id < $1.id }, courses: courses, sources: sources, renames: renames)
        return (LoadedContent(catalog: catalog, items: items, origins: origins), problems)
    }

    /// Decodes and lints; throws every error found, or returns content that passed.
    public func loadValidated(rules: [any LintRule] = Linter.defaultRules) throws(ContentErrors) -> LoadedContent {
        let (content, decodeProblems) = load()
        let problems = decodeProblems + Linter(rules: rules).run(on: content)
        let errors = problems.filter { $0.severity == .error }
        if !errors.isEmpty { throw ContentErrors(problems: errors) }
        return content
    }

    // MARK: - Helpers

    /// Copies objectives into domains that say `objectives_from: VERSION`, so consumers never chase references.
    static func resolvingObjectives(_ credential: Credential) -> Credential {
        guard let blueprints = credential.blueprints else { return credential }
        let resolved = blueprints.map { blueprint -> Blueprint in
            var copy = blueprint
            copy.domains = blueprint.domains.map { domain in
                guard domain.objectives == nil, let from = domain.objectivesFrom,
                    let source = blueprints.first(where: { $0.version == from })?.domain(id: domain.id)
                else { return domain }
                var d = domain
                d.objectives = source.objectives
                return d
            }
            return copy
        }
        return Credential(
            id: credential.id, name: credential.name, shortName: credential.shortName, vendor: credential.vendor,
            kind: credential.kind, level: credential.level, examCode: credential.examCode, status: credential.status,
            summary: credential.summary, facts: credential.facts, claims: credential.claims,
            officialLearningPath: credential.officialLearningPath, blueprints: resolved)
    }

    private func displayName(_ url: URL) -> String {
        let rootPath = root.standardizedFileURL.path
        let path = url.standardizedFileURL.path
        let relative = path.hasPrefix(rootPath) ? String(path.dropFirst(rootPath.count)) : path
        return root.lastPathComponent + (relative.hasPrefix("/") ? relative : "/" + relative)
    }

    private func document(_ url: URL, _ problems: inout [ContentProblem]) -> YAMLDocument? {
        do {
            return try YAMLDocument(contentsOf: url, displayName: displayName(url))
        } catch {
            problems += error.problems
            return nil
        }
    }

    private func yamlFiles(under relative: String) -> [URL] {
        let dir = root.appendingPathComponent(relative)
        guard let enumerator = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil) else { return [] }
        return enumerator.compactMap { $0 as? URL }
            .filter { ["yaml", "yml"].contains($0.pathExtension) }
            .sorted { $0.path < $1.path }
    }

    private func list<T: Codable>(
        at relative: String, key: String, problems: inout [ContentProblem],
        record: (YAMLDocument, FieldPath, T) -> Void
    ) -> [T] {
        let url = root.appendingPathComponent(relative)
        guard FileManager.default.fileExists(atPath: url.path) else {
            problems.append(ContentProblem(file: displayName(url), line: nil, field: key, message: "file not found", rule: "io.missing"))
            return []
        }
        guard let doc = document(url, &problems) else { return [] }
        return elements(of: doc, key: key, as: T.self, problems: &problems).map { path, value in
            record(doc, path, value)
            return value
        }
    }

    /// Decodes each element of the top-level list `key` separately, so one bad element does not hide the others.
    private func elements<T: Codable>(
        of doc: YAMLDocument, key: String, as _: T.Type, problems: inout [ContentProblem]
    ) -> [(path: FieldPath, value: T)] {
        let listPath: FieldPath = [.key(key)]
        guard let sequence = doc.node(at: listPath)?.sequence else {
            problems.append(doc.problem(at: listPath, "expected a top-level '\(key):' list", rule: "schema.missing"))
            return []
        }
        var out: [(path: FieldPath, value: T)] = []
        for i in 0..<sequence.count {
            let path = listPath.index(i)
            switch doc.decode(T.self, at: path) {
            case .success(let value):
                problems += UnknownFields.check(value, in: doc, at: path)
                out.append((path, value))
            case .failure(let problem):
                problems.append(problem)
            }
        }
        return out
    }
}
