import Foundation
import MLCertCore
import MLCertPractice
@testable import MLCertServer
import Testing

/// `JSONText` must write exactly the bytes `JSONCoding.encoder` writes for the same payload: clients, the OpenAPI
/// document and the schema tests all describe the `Encodable` shape, and the direct writer is only a faster route to it.
@Suite("Session payloads written as JSON text equal the encoder's bytes")
struct SessionPayloadJSONTests {
    /// Every kind of session a learner can hold, at several stages: open and ended, with and without a deadline,
    /// answered, re-answered and flagged questions, feedback shown and not.
    static func sessions() async throws -> [(state: SessionState, feedback: AnswerFeedback?, bank: ItemIndex, now: Date)] {
        let clock = TestClock(Date(timeIntervalSince1970: 1_790_000_000.123_456))
        let practice = PracticeService(catalog: bundledContent.catalog, items: bundledContent.items, store: InMemoryLearnerStore(),
                                       clock: { clock.read() })
        let learner = try await practice.learner(id: "ada")
        var found: [(state: SessionState, feedback: AnswerFeedback?, bank: ItemIndex, now: Date)] = []
        func step(_ seconds: TimeInterval) { clock.advance(seconds) }
        /// As many options as the question asks for, starting at A or B.
        func choices(_ state: SessionState, _ position: Int, _ turn: Int) -> [Int] {
            let choose = QuestionView(state: state, position: position, bank: practice.bank)?.choose ?? 1
            return Array((turn % 2)..<(turn % 2 + choose))
        }

        let exam = try await practice.startExam(learnerID: learner.id, credentialID: "google-pmle", seed: 3)
        found.append((exam, nil, practice.bank, clock.read()))
        var position = 0
        var current = exam
        for round in 0..<12 {
            step(37.25 + Double(round))
            let command: SessionEngine.Command = round % 4 == 3 ? .flag(position: position, on: true)
                : .answer(position: position, shown: choices(current, position, round))
            let outcome = try await practice.perform(command, session: exam.header.id, learnerID: learner.id)
            current = outcome.state
            found.append((outcome.state, outcome.feedback, practice.bank, clock.read()))
            position = round % 5 == 4 ? position : position + 1
        }
        step(11)
        found.append((try await practice.perform(.submit, session: exam.header.id, learnerID: learner.id).state, nil, practice.bank, clock.read()))

        let drill = try await practice.startDrill(learnerID: learner.id, credentialID: "aws-mla-c01", filter: .init(), seed: 9)
        current = drill
        for position in drill.items.map(\.position) {
            step(9.5)
            let outcome = try await practice.perform(.answer(position: position, shown: choices(current, position, position)),
                                                     session: drill.header.id, learnerID: learner.id)
            current = outcome.state
            found.append((outcome.state, outcome.feedback, practice.bank, clock.read()))
        }
        let diagnostic = try await practice.startDiagnostic(learnerID: learner.id, credentialID: "google-pmle", seed: 5)
        step(1)
        let answered = try await practice.perform(.answer(position: diagnostic.cursor, shown: choices(diagnostic, diagnostic.cursor, 1)),
                                                  session: diagnostic.header.id, learnerID: learner.id)
        found.append((answered.state, answered.feedback, practice.bank, clock.read()))
        return found
    }

    @Test("session details and answer results, for every position of every session")
    func sameBytes() async throws {
        var compared = 0
        for (state, feedback, bank, now) in try await Self.sessions() {
            for position in [nil] + state.items.map(\.position) {
                let detail = SessionDetail(state: state, position: position, bank: bank, now: now)
                try expectSameBytes(detail)
                try expectSameBytes(AnswerResult(session: detail, feedback: feedback))
                compared += 2
            }
        }
        // The sessions above include feedback, questions, deadlines, flags and ended sessions; make sure they did.
        #expect(compared > 300)
    }

    @Test("the sessions compared cover every optional member, present and absent")
    func coverage() async throws {
        let sessions = try await Self.sessions()
        let details = sessions.map { SessionDetail(state: $0.state, bank: $0.bank, now: $0.now) }
        #expect(details.contains { $0.feedback != nil } && details.contains { $0.feedback == nil })
        #expect(details.contains { $0.question != nil } && details.contains { $0.question == nil })
        #expect(details.contains { $0.secondsRemaining != nil } && details.contains { $0.secondsRemaining == nil })
        #expect(details.contains { $0.session.correct != nil } && details.contains { $0.session.correct == nil })
        #expect(details.contains { $0.session.deadline != nil } && details.contains { $0.session.deadline == nil })
        #expect(details.contains { $0.session.finishReason != nil } && details.contains { $0.session.finishReason == nil })
        #expect(details.contains { $0.grid.contains(where: \.flagged) })
        #expect(sessions.contains { $0.feedback != nil })
    }

    @Test("strings with quotes, backslashes, slashes, control characters and non-ASCII text")
    func strings() throws {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [Character] = ["\"", "\\", "/", "\n", "\r", "\t", "\u{08}", "\u{0C}", "\u{01}", "\u{1F}", "\u{7F}", "é", "\u{2028}",
                                     "😀", "a", " ", "<", "&"]
        for _ in 0..<500 {
            let value = String((0..<Int.random(in: 0...12, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            var text = JSONText()
            text.string(value)
            #expect(text.bytes == Array(try JSONCoding.encoder.encode(value)), "\(value.debugDescription)")
        }
    }

    @Test("numbers and times")
    func numbersAndTimes() throws {
        var generator = SystemRandomNumberGenerator()
        let doubles = [0, 1, 12.5, 5400, 0.1, 1e-7, 1e21, 123_456_789_012_345.6, 3597.123456789, 2.0.nextUp]
            + (0..<300).map { _ in Double.random(in: 0...10_800, using: &generator) }
        for value in doubles {
            var text = JSONText()
            try text.double(value)
            #expect(text.bytes == Array(try JSONCoding.encoder.encode(value)), "\(value)")
        }
        for _ in 0..<300 {
            let date = Date(timeIntervalSince1970: Double.random(in: -1e9...4e9, using: &generator))
            var text = JSONText()
            text.date(date)
            #expect(text.bytes == Array(try JSONCoding.encoder.encode(date)), "\(date.timeIntervalSince1970)")
        }
        for value in [-7, 0, 42, Int.max, Int.min] {
            var text = JSONText()
            text.int(value)
            #expect(text.bytes == Array(try JSONCoding.encoder.encode(value)))
        }
        var text = JSONText()
        #expect(throws: EncodingError.self) { try text.double(.nan) }
    }

    private func expectSameBytes<T: JSONTextEncodable>(_ value: T, sourceLocation: SourceLocation = #_sourceLocation) throws {
        var text = JSONText()
        try value.write(to: &text)
        let expected = Array(try JSONCoding.encoder.encode(value))
        guard text.bytes != expected else { return }
        // Where they part, with some context, rather than two 4 KB documents.
        let first = zip(text.bytes, expected).prefix { $0 == $1 }.count
        let context = { (bytes: [UInt8]) in String(decoding: bytes[max(0, first - 40)..<min(bytes.count, first + 60)], as: UTF8.self) }
        Issue.record("JSONText differs from JSONEncoder at byte \(first): \(context(text.bytes)) instead of \(context(expected))",
                     sourceLocation: sourceLocation)
    }
}
