import Foundation
import MLCertCore
import Testing

@Suite("Profile parsing and the questionnaire")
struct ProfileTests {
    @Test func missingKeysTakeDefaults() throws {
        let p = try Profile.parse(json: Data(#"{"cloud": "aws"}"#.utf8))
        #expect(p.cloud == .aws)
        #expect(p.weeklyStudyHours == 8)
        #expect(p.mlKnowledge == .working)
        #expect(p.employerType == .enterprise)
    }

    @Test func everyKeyParses() throws {
        let json = #"""
            {"cloud": "databricks", "employer_type": "startup", "target_role": "data_scientist", "background": "data_analytics",
             "ml_knowledge": "foundations", "production_ml_years": 1.5, "employer_reimburses": true,
             "pay_band_recognizes_certs": true, "hr_filters_on_credentials": false, "choosing_portfolio_over_prep": true,
             "weekly_study_hours": 12}
            """#
        let p = try Profile.parse(json: Data(json.utf8))
        #expect(p.cloud == .databricks && p.employerType == .startup && p.targetRole == .dataScientist)
        #expect(p.background == .dataAnalytics && p.mlKnowledge == .foundations && p.productionMLYears == 1.5)
        #expect(p.employerReimburses && p.payBandRecognizesCerts && !p.hrFiltersOnCredentials && p.choosingPortfolioOverPrep)
        #expect(p.weeklyStudyHours == 12)
    }

    @Test(arguments: [
        (#"{"clod": "aws"}"#, "clod", "did you mean 'cloud'"),
        (#"{"cloud": "oracle"}"#, "cloud", "expected one of: gcp, aws, azure, databricks, multi, none"),
        (#"{"employer_reimburses": "yes"}"#, "employer_reimburses", "expected true or false"),
        (#"{"weekly_study_hours": "ten"}"#, "weekly_study_hours", "expected a number"),
        (#"{"weekly_study_hours": 0}"#, "weekly_study_hours", "from 1 to 80"),
        (#"{"target_role": 3}"#, "target_role", "expected a string"),
        (#"[1, 2]"#, "(document)", "expected a JSON object"),
    ])
    func badInputNamesTheKeyAndWhatIsAllowed(json: String, key: String, fragment: String) {
        do {
            _ = try Profile.parse(json: Data(json.utf8))
            Issue.record("accepted \(json)")
        } catch {
            #expect(error.key == key)
            #expect(error.message.contains(fragment), "\(error.message)")
        }
    }

    @Test func questionnaireAcceptsDefaultsAndReasksOnInvalidAnswers() throws {
        var input = ["aws", "", "", "", "", "banana", "3", "yes", "", "", "", "6"][...]
        var transcript = ""
        let profile = try #require(Questionnaire.run(read: { input.popFirst() }, write: { transcript += $0 }))
        #expect(profile.cloud == .aws)
        #expect(profile.employerType == .enterprise)  // default kept
        #expect(profile.productionMLYears == 3)  // after re-asking
        #expect(profile.employerReimburses)
        #expect(profile.weeklyStudyHours == 6)
        #expect(transcript.contains("'banana' is not allowed"))
        #expect(transcript.components(separatedBy: "Years of production ML").count == 3)  // asked twice
    }

    @Test func questionnaireReturnsNilWhenInputEnds() {
        var input = ["aws"][...]
        #expect(Questionnaire.run(read: { input.popFirst() }, write: { _ in }) == nil)
    }
}
