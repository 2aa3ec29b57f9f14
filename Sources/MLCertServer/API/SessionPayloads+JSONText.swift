import Foundation
import MLCertPractice

// The session payloads written directly as JSON text: they are sent after every answer, flag and move, and the
// question grid alone is 65 objects in a mock exam. Keys are listed here in snake_case and sorted order; the
// `Encodable` conformances (in SessionPayloads.swift, QuestionView.swift and AnswerFeedback.swift) stay the definition, and `SessionPayloadJSONTests` checks that both
// write the same bytes, so a field added there and forgotten here fails a test.

extension SessionSummary: JSONTextEncodable {
    func write(to text: inout JSONText) throws {
        text.object { members in
            members.member("answered") { $0.int(answered) }
            members.member("correct", ifPresent: correct) { $0.int($1) }
            members.member("credential") { $0.string(credential) }
            members.member("deadline", ifPresent: deadline) { $0.date($1) }
            members.member("finish_reason", ifPresent: finishReason) { $0.string($1) }
            members.member("finished") { $0.bool(finished) }
            members.member("id") { $0.string(id) }
            members.member("kind") { $0.string(kind) }
            members.member("questions") { $0.int(questions) }
            members.member("started_at") { $0.date(startedAt) }
        }
    }
}

extension SessionDetail.Cell: JSONTextEncodable {
    func write(to text: inout JSONText) throws {
        text.object { members in
            members.member("answered") { $0.bool(answered) }
            members.member("flagged") { $0.bool(flagged) }
            members.member("number") { $0.int(number) }
            members.member("position") { $0.int(position) }
        }
    }
}

extension SessionDetail: JSONTextEncodable {
    func write(to text: inout JSONText) throws {
        try text.object { members in
            members.member("cursor") { $0.int(cursor) }
            try members.member("feedback", ifPresent: feedback) { try $1.write(to: &$0) }
            try members.member("grid") { try $0.array(grid) { try $1.write(to: &$0) } }
            try members.member("question", ifPresent: question) { try $1.write(to: &$0) }
            members.member("report_available") { $0.bool(reportAvailable) }
            try members.member("seconds_remaining", ifPresent: secondsRemaining) { try $0.double($1) }
            try members.member("session") { try session.write(to: &$0) }
        }
    }
}

extension AnswerResult: JSONTextEncodable {
    func write(to text: inout JSONText) throws {
        try text.object { members in
            try members.member("feedback", ifPresent: feedback) { try $1.write(to: &$0) }
            try members.member("session") { try session.write(to: &$0) }
        }
    }
}

extension QuestionView: JSONTextEncodable {
    func write(to text: inout JSONText) throws {
        text.object { members in
            members.member("choose") { $0.int(choose) }
            members.member("domain") { $0.string(domain) }
            members.member("flagged") { $0.bool(flagged) }
            members.member("item_id") { $0.string(itemID) }
            members.member("number") { $0.int(number) }
            members.member("of") { $0.int(of) }
            members.member("options") {
                $0.array(options) { text, option in
                    text.object { members in
                        members.member("letter") { $0.string(option.letter) }
                        members.member("text") { $0.string(option.text) }
                    }
                }
            }
            members.member("position") { $0.int(position) }
            members.member("question") { $0.string(question) }
            members.member("scenario") { $0.string(scenario) }
            members.member("selected") { $0.array(selected) { $0.string($1) } }
        }
    }
}

extension AnswerFeedback: JSONTextEncodable {
    func write(to text: inout JSONText) throws {
        text.object { members in
            members.member("chosen") { $0.array(chosen) { $0.string($1) } }
            members.member("correct") { $0.bool(correct) }
            members.member("explanation") { $0.string(explanation) }
            members.member("item_id") { $0.string(itemID) }
            members.member("key") { $0.array(key) { $0.string($1) } }
            members.member("options") {
                $0.array(options) { text, option in
                    text.object { members in
                        members.member("chosen") { $0.bool(option.chosen) }
                        members.member("correct") { $0.bool(option.correct) }
                        members.member("letter") { $0.string(option.letter) }
                        members.member("rationale") { $0.string(option.rationale) }
                        members.member("text") { $0.string(option.text) }
                    }
                }
            }
            members.member("position") { $0.int(position) }
        }
    }
}
