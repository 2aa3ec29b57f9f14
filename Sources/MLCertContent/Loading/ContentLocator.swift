import Foundation

/// Finds the `Content/` directory: an explicit path, then `MLCERT_CONTENT`, then the nearest `Content/` above the
/// working directory or the executable (which covers `swift run` from a checkout and a binary inside one).
public enum ContentLocator {
    public struct NotFound: Error, CustomStringConvertible {
        public let tried: [String]
        public var description: String {
            "cannot find the Content/ directory (looked in: \(tried.joined(separator: ", "))); pass --content PATH or set MLCERT_CONTENT"
        }
    }

    public static func locate(
        explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
        currentDirectory: String = FileManager.default.currentDirectoryPath,
        executable: String = CommandLine.arguments.first ?? ""
    ) throws -> URL {
        let fm = FileManager.default
        func isContent(_ url: URL) -> Bool { fm.fileExists(atPath: url.appendingPathComponent("catalog").path) }
        if let explicit {
            let url = URL(fileURLWithPath: explicit)
            guard isContent(url) else { throw NotFound(tried: [explicit + " (no catalog/ inside)"]) }
            return url
        }
        if let env = environment["MLCERT_CONTENT"], !env.isEmpty {
            let url = URL(fileURLWithPath: env)
            guard isContent(url) else { throw NotFound(tried: ["MLCERT_CONTENT=" + env + " (no catalog/ inside)"]) }
            return url
        }
        var tried: [String] = []
        let executableDir = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        for start in [URL(fileURLWithPath: currentDirectory), executableDir] {
            var dir = start.standardizedFileURL
            while true {
                let candidate = dir.appendingPathComponent("Content")
                tried.append(candidate.path)
                if isContent(candidate) { return candidate }
                let parent = dir.deletingLastPathComponent()
                if parent.path == dir.path { break }
                dir = parent
            }
        }
        throw NotFound(tried: Array(tried.prefix(4)) + (tried.count > 4 ? ["..."] : []))
    }
}
