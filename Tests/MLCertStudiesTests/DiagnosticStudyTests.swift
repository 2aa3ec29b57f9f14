import MLCertPractice
import MLCertStudies
import Testing

@Suite("The diagnostic as shipped, on the real bank")
struct DiagnosticStudyTests {
    /// Issue 16's acceptance: over 150 learners on the real PMLE bank, a mean length of at most 30 and at least 15
    /// different first questions. Before random ties and random opening domains every learner opened on one of the same
    /// five questions and most diagnostics ran to the 40-question cap.
    @Test("150 learners on google-pmle: mean length at most 30, at least 15 different first questions, stopping at the SE target")
    func pmleAcceptance() throws {
        let bank = try studyBank("google-pmle")
        var study = DiagnosticStudy(credential: bank.credential, blueprint: bank.blueprint, format: bank.format, items: bank.items)
        study.learners = 150
        let report = study.run()
        #expect(report.meanLength <= 30, "mean length \(report.meanLength)")
        #expect(report.distinctFirstItems >= 15, "\(report.distinctFirstItems) different first questions")
        #expect(report.reachedTarget >= 0.8, "only \(report.reachedTarget) of diagnostics stopped at the SE target")
        #expect(report.meanStandardError <= DiagnosticSelector.defaultTargetStandardError + 0.02, "mean SE \(report.meanStandardError)")
        #expect(report.maxFirstItemShare <= 0.15, "one question opened \(report.maxFirstItemShare) of diagnostics")
    }
}
