import MLCertCore

/// A credential's exam as the mock exam reproduces it: how many questions, how long, and how it is passed.
public struct ExamFormat: Sendable, Hashable, Codable {
    public let credentialID: String
    /// Questions on the real form. Where the vendor gives a range, the mock uses the upper end, so that the pace it
    /// trains is the tightest one the learner may meet.
    public let questionCount: Int
    public let timeLimitMinutes: Int
    public let questionTypes: [String]
    public let passMark: PassMark
    /// Where the guide in force also runs another form of the exam (AWS's MLA-C02 beta), how that form differs from
    /// the standard one this mock reproduces; nil when there is none.
    public let otherFormsNote: String?

    /// How the mock decides pass or fail.
    public struct PassMark: Sendable, Hashable, Codable {
        /// The proportion correct treated as the pass mark.
        public let proportion: Double
        /// Where the vendor reports a scaled score: its range and pass mark.
        public let scaleMin: Int?
        public let scaleMax: Int?
        public let scaledPass: Int?
        /// True when the vendor publishes no cut and `proportion` is our stated assumption.
        public let assumed: Bool
        /// How the figure was reached, in words, for every report that shows it.
        public let explanation: String

        /// The scaled score for a proportion correct, by the linear mapping stated in `explanation`.
        public func scaled(_ proportionCorrect: Double) -> Int? {
            guard let lo = scaleMin, let hi = scaleMax else { return nil }
            return Int((Double(lo) + proportionCorrect * Double(hi - lo)).rounded())
        }
    }

    /// The pass mark we assume where a vendor publishes none (Google, Databricks), unless the learner sets another.
    public static let defaultAssumedProportion = 0.7

    public enum FormatError: Error, Equatable, Sendable, CustomStringConvertible {
        case notAnExam(String)
        case missingFact(credential: String, fact: String)
        public var description: String {
            switch self {
            case .notAnExam(let id): "\(id) is not a proctored exam, so it has no mock exam"
            case .missingFact(let id, let fact): "the catalog has no \(fact) for \(id)"
            }
        }
    }

    public init(
        credentialID: String, questionCount: Int, timeLimitMinutes: Int, questionTypes: [String], passMark: PassMark,
        otherFormsNote: String? = nil
    ) {
        self.credentialID = credentialID
        self.questionCount = questionCount
        self.timeLimitMinutes = timeLimitMinutes
        self.questionTypes = questionTypes
        self.passMark = passMark
        self.otherFormsNote = otherFormsNote
    }

    /// The format from the catalog's facts.
    public init(credential: Credential, assumedProportion: Double = ExamFormat.defaultAssumedProportion) throws(FormatError) {
        guard credential.kind == .exam else { throw .notAnExam(credential.id) }
        let facts = credential.facts
        guard let questions = facts.questions?.value else { throw .missingFact(credential: credential.id, fact: "question count") }
        guard let minutes = facts.durationMinutes?.value else { throw .missingFact(credential: credential.id, fact: "duration") }
        guard let scoring = facts.scoring?.value else { throw .missingFact(credential: credential.id, fact: "scoring") }
        credentialID = credential.id
        questionCount = questions.max
        timeLimitMinutes = minutes
        questionTypes = facts.questionTypes?.value ?? []
        passMark = Self.passMark(scoring, assumed: assumedProportion)
        otherFormsNote = Self.otherFormsNote(credential.currentBlueprint?.forms ?? [], questions: questions.max, minutes: minutes)
    }

    /// "This form follows the standard exam (65 questions in 130 minutes). The English beta (booked as ME1-C02, from
    /// 2026-09-29) differs: 85 questions in 170 minutes, USD 75, English only; one attempt only ..."
    static func otherFormsNote(_ forms: [ExamForm], questions: Int, minutes: Int) -> String? {
        guard !forms.isEmpty else { return nil }
        let differences = forms.map { form -> String in
            let facts = form.facts
            var parts: [String] = []
            switch (facts.questions?.value, facts.durationMinutes?.value) {
            case let (count?, time?): parts.append("\(count.max) questions in \(time) minutes")
            case let (count?, nil): parts.append("\(count.max) questions")
            case let (nil, time?): parts.append("\(time) minutes")
            case (nil, nil): break
            }
            if let price = facts.price?.value { parts.append("\(price.currency) \(Int(price.amount))") }
            if let languages = facts.languages?.value { parts.append(languages.joined(separator: ", ") + " only") }
            let booked = form.examCode.map { "booked as \($0), " } ?? ""
            var sentence = "The \(form.title) (\(booked)from \(form.inForce.from)) differs: " + parts.joined(separator: ", ")
            if let retakes = facts.retakePolicy?.value { sentence += "; " + retakes.prefix(1).lowercased() + retakes.dropFirst() }
            return sentence.hasSuffix(".") ? sentence : sentence + "."
        }
        return "This form follows the standard exam (\(questions) questions in \(minutes) minutes). " + differences.joined(separator: " ")
    }

    static func passMark(_ scoring: Scoring, assumed: Double) -> PassMark {
        if scoring.published, let lo = scoring.scaleMin, let hi = scoring.scaleMax, let pass = scoring.passMark, hi > lo {
            let p = Double(pass - lo) / Double(hi - lo)
            return PassMark(proportion: p, scaleMin: lo, scaleMax: hi, scaledPass: pass, assumed: false, explanation:
                "The vendor reports a scaled score from \(lo) to \(hi) and passes \(pass). It does not publish how raw "
                + "scores map to the scale, so mlcert maps proportion correct linearly onto it: \(pass) is "
                + "\(percent(p)) correct here. Treat the scaled figure as an approximation.")
        }
        return PassMark(proportion: assumed, scaleMin: nil, scaleMax: nil, scaledPass: nil, assumed: true, explanation:
            "The vendor publishes no pass mark and reports pass or fail only. mlcert assumes \(percent(assumed)) "
            + "correct is a pass (change it with --assumed-pass); the verdict rests on that assumption.")
    }

    public var timeLimitSeconds: Int { timeLimitMinutes * 60 }

    /// The catalog's names for the question types the bank's choice items reproduce.
    static let choiceTypes: Set<String> = ["multiple_choice", "multiple_response", "multiple_select"]

    /// Question types of the real exam that a mock form cannot contain, because every bank item is a single- or
    /// multiple-answer choice item (ordering, matching, drag-and-drop, case studies).
    public var typesNotReproduced: [String] { questionTypes.filter { !Self.choiceTypes.contains($0) } }

    /// A sentence for the form's note when the real exam has question types the mock does not, or nil.
    public var typesNote: String? {
        let missing = typesNotReproduced
        guard !missing.isEmpty else { return nil }
        let names = missing.map { $0.replacingOccurrences(of: "_", with: "-") }
        return "The real exam also has \(names.joined(separator: ", ")) questions; mlcert's bank holds single- and multiple-answer "
            + "questions only, so this form has none of those."
    }

    /// Seconds per question if the time is spread evenly: the pace budget the report compares against.
    public var paceSecondsPerQuestion: Double { Double(timeLimitSeconds) / Double(max(1, questionCount)) }
}

func percent(_ p: Double) -> String { "\(Int((p * 100).rounded()))%" }
