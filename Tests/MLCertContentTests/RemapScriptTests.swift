import Foundation
import Testing

/// `scripts/apply-remap`, run as a learner's repository would run it, on a small bank written here.
@Suite("scripts/apply-remap")
struct RemapScriptTests {
    static let script = repositoryContent.deletingLastPathComponent().appendingPathComponent("scripts/apply-remap")

    static let bank = """
        items:
          - id: q-1
            version: 1
            credential: demo
            blueprint: "old"
            domain: build
            objective: "1.1"
            scenario: >-
              A scenario that must survive byte for byte.
            review:
              reviewer: someone
              agreed: true
          - id: q-2
            version: 1
            credential: demo
            blueprint: "old"
            domain: build
            objective: "1.2"
            scenario: Another.
          - id: q-3
            version: 1
            credential: demo
            blueprint: "old"
            domain: build
            objective: "1.3"
            scenario: A third.

        """

    static let remap = """
        retired_on: 2026-12-07
        remaps:
          - credential: demo
            from_blueprint: "old"
            to_blueprint: "new"
            items:
              q-1: {objective: "1.1"}
              q-2: {domain: run, objective: "2.4", why: "moved"}
              q-3: {retire: "Tests a skill the new guide removed."}

        """

    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    func run(_ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.script.path] + arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// A Content tree holding the demo bank and a remap file; returns (content root, remap path, bank path).
    func makeTree(bank: String = RemapScriptTests.bank, remap: String = RemapScriptTests.remap) throws -> (URL, URL, URL) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("mlcert-remap-\(UUID().uuidString)")
        let items = root.appendingPathComponent("items/demo")
        try FileManager.default.createDirectory(at: items, withIntermediateDirectories: true)
        let bankFile = items.appendingPathComponent("build.yaml")
        try bank.write(to: bankFile, atomically: true, encoding: .utf8)
        let remapFile = root.appendingPathComponent("remap.yaml")
        try remap.write(to: remapFile, atomically: true, encoding: .utf8)
        return (root, remapFile, bankFile)
    }

    @Test func movesRetiresAndEditsOnlyTheMappedLines() throws {
        let (root, remap, bankFile) = try makeTree()
        defer { try? FileManager.default.removeItem(at: root) }
        let check = try run(["--check", "--content", root.path, remap.path])
        #expect(check.status == 1, "--check reports pending changes: \(check.stderr)")
        #expect(try String(contentsOf: bankFile, encoding: .utf8) == Self.bank, "--check writes nothing")

        let applied = try run(["--content", root.path, remap.path])
        #expect(applied.status == 0, "\(applied.stderr)")
        #expect(applied.stdout.contains("demo: 2 moved, 1 retired"))
        let expected = Self.bank
            .replacingOccurrences(of: "id: q-1\n    version: 1\n    credential: demo\n    blueprint: \"old\"",
                with: "id: q-1\n    version: 1\n    credential: demo\n    blueprint: \"new\"")
            .replacingOccurrences(of: "blueprint: \"old\"\n    domain: build\n    objective: \"1.2\"",
                with: "blueprint: \"new\"\n    domain: run\n    objective: \"2.4\"")
            .replacingOccurrences(of: "    scenario: A third.\n",
                with: "    scenario: A third.\n    retired: {on: 2026-12-07, reason: \"Tests a skill the new guide removed.\"}\n")
        #expect(try String(contentsOf: bankFile, encoding: .utf8) == expected)

        let again = try run(["--check", "--content", root.path, remap.path])
        #expect(again.status == 0, "a second run changes nothing: \(again.stderr)")
        #expect(again.stdout.contains("demo: 0 moved, 0 retired, 3 already in place"))
    }

    @Test func refusesABankWithAnOldItemTheRemapDoesNotList() throws {
        let incomplete = Self.remap.replacingOccurrences(of: "      q-2: {domain: run, objective: \"2.4\", why: \"moved\"}\n", with: "")
        let (root, remap, bankFile) = try makeTree(remap: incomplete)
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try run(["--content", root.path, remap.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("build.yaml:13: item q-2: on blueprint 'old' but not listed"), "\(result.stderr)")
        #expect(try String(contentsOf: bankFile, encoding: .utf8) == Self.bank, "nothing is written when any item fails")
    }

    @Test func leavesItemsWrittenForTheNewGuideAlone() throws {
        let withNew = Self.bank + """
              - id: q-4
                version: 1
                credential: demo
                blueprint: "new"
                domain: run
                objective: "2.1"
                scenario: Written for the new guide.

            """
        let (root, remap, bankFile) = try makeTree(bank: withNew)
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try run(["--content", root.path, remap.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("1 not listed and left alone"))
        #expect(try String(contentsOf: bankFile, encoding: .utf8).hasSuffix("    scenario: Written for the new guide.\n"))
    }

    @Test func namesAListedItemThatDoesNotExist() throws {
        let extra = Self.remap.replacingOccurrences(of: "      q-1: {objective: \"1.1\"}\n", with: "      q-1: {objective: \"1.1\"}\n      q-9: {objective: \"1.1\"}\n")
        let (root, remap, _) = try makeTree(remap: extra)
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try run(["--content", root.path, remap.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("item 'q-9' of demo is not in"), "\(result.stderr)")
    }
}
