/// The advisor's questions, asked one at a time with a default and validation, re-asking until the answer is valid.
///
/// The questionnaire reads and writes through closures, so the terminal drives it in `mlcert advise` and tests drive
/// it with scripted input.
public struct Questionnaire: Sendable {
    public struct Question: Sendable {
        public let key: Profile.Key
        public let prompt: String
        public let choices: String
    }

    public static let questions: [Question] = [
        Question(key: .cloud, prompt: "Which cloud does your team (or the team you want to join) run ML on?", choices: Profile.Cloud.allowedValues),
        Question(key: .employerType, prompt: "What kind of employer are you aiming at?", choices: Profile.EmployerType.allowedValues),
        Question(key: .targetRole, prompt: "Which role are you aiming for?", choices: Profile.TargetRole.allowedValues),
        Question(key: .background, prompt: "What is your background?", choices: Profile.Background.allowedValues),
        Question(key: .mlKnowledge, prompt: "How much ML do you know? (none; foundations = courses taken; working = you train and evaluate models)", choices: Profile.MLKnowledge.allowedValues),
        Question(key: .productionMLYears, prompt: "Years of production ML engineering (models you shipped and ran)?", choices: "a number, e.g. 0 or 2.5"),
        Question(key: .employerReimburses, prompt: "Does your employer pay for certification?", choices: "yes, no"),
        Question(key: .payBandRecognizesCerts, prompt: "Do your employer's pay bands formally recognise cloud certifications?", choices: "yes, no"),
        Question(key: .hrFiltersOnCredentials, prompt: "Do the employers you target filter applicants on credentials (banks, hospital systems, insurers)?", choices: "yes, no"),
        Question(key: .choosingPortfolioOverPrep, prompt: "Are you choosing between exam prep and building a project you could show?", choices: "yes, no"),
        Question(key: .weeklyStudyHours, prompt: "How many hours a week can you study?", choices: "a number from 1 to 80"),
    ]

    /// Asks every question, starting from `initial` (whose values are the defaults). Returns nil if input ends early.
    public static func run(initial: Profile = Profile(), read: () -> String?, write: (String) -> Void) -> Profile? {
        var profile = initial
        for question in questions {
            while true {
                write("\(question.prompt)\n  [\(question.choices)] (default: \(profile.text(question.key))): ")
                guard let line = read() else { return nil }
                let answer = line.trimmingCharacters(in: .whitespaces)
                if answer.isEmpty { break }
                do {
                    try profile.set(question.key, text: answer)
                    break
                } catch {
                    write("  \(error.message). Try again.\n")
                }
            }
        }
        return profile
    }
}
