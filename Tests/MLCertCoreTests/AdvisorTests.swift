import MLCertCore
import Testing

/// A profile that fires no pursue/skip rule: the baseline each rule test flips one field of.
func neutralProfile() -> Profile {
    var p = Profile()
    p.cloud = .multi
    p.employerType = .cloudVendor
    p.background = .ml
    p.productionMLYears = 1
    p.mlKnowledge = .working
    return p
}

@Suite("Advisor rules")
struct AdvisorTests {
    let advisor = Advisor(catalog: realCatalog)

    /// Each rule, with the one change to the baseline that must fire it.
    static let flips: [(String, @Sendable (inout Profile) -> Void)] = [
        ("pursue.cloud-used-daily", { $0.cloud = .gcp }),
        ("pursue.structured-career-switch", { $0.background = .dataAnalytics; $0.productionMLYears = 0 }),
        ("pursue.employer-pays", { $0.employerReimburses = true }),
        ("pursue.credential-valued-employer", { $0.employerType = .enterprise }),
        ("pursue.hr-filters-on-credentials", { $0.hrFiltersOnCredentials = true }),
        ("pursue.pay-band-recognition", { $0.payBandRecognizesCerts = true }),
        ("skip.startup-or-product-company", { $0.employerType = .startup }),
        ("skip.experienced-practitioner", { $0.productionMLYears = 2 }),
        ("skip.build-instead", { $0.choosingPortfolioOverPrep = true }),
        ("skip.research-role", { $0.targetRole = .appliedScientist }),
    ]

    func fired(_ advice: Advice) -> Set<String> { Set((advice.reasonsFor + advice.reasonsAgainst).map(\.rule)) }

    @Test func baselineFiresOnlyTheCredentialValuedEmployerRule() {
        // cloud_vendor is one of the employers the article says value the credential; nothing else fires.
        let advice = advisor.advise(neutralProfile())
        #expect(fired(advice) == ["pursue.credential-valued-employer"])
    }

    @Test(arguments: 0..<flips.count)
    func eachRuleFiresWhenItsConditionHoldsAndNotOtherwise(index: Int) {
        let (rule, flip) = Self.flips[index]
        var base = neutralProfile()
        if rule == "pursue.credential-valued-employer" { base.employerType = .midsizeProduct }
        var flipped = base
        flip(&flipped)
        #expect(!fired(advisor.advise(base)).contains(rule), "\(rule) fired on the baseline")
        #expect(fired(advisor.advise(flipped)).contains(rule), "\(rule) did not fire when flipped")
        let side = rule.hasPrefix("pursue.") ? advisor.advise(flipped).reasonsFor : advisor.advise(flipped).reasonsAgainst
        #expect(side.contains { $0.rule == rule }, "\(rule) is on the wrong side")
    }

    @Test func everyRuleHasATestAndAUniqueID() {
        let ids = AdvisorRule.all.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(Set(ids) == Set(Self.flips.map(\.0)))
    }

    @Test func employerPaysForAnExperiencedEngineerIsWeighedAndLeansToPursue() {
        var p = neutralProfile()  // cloud vendor: +1
        p.employerReimburses = true  // +3
        p.productionMLYears = 3  // -2
        let advice = advisor.advise(p)
        #expect(advice.verdict == .weigh)
        #expect(advice.leaning == .pursue)
        #expect(advice.decidedBy.rule == "pursue.employer-pays")
        #expect(advice.reasonsAgainst.map(\.rule) == ["skip.experienced-practitioner"])
        #expect(advice.certification == "google-pmle")
    }

    @Test func theHeavierSideDecidesTheHeadline() {
        var p = neutralProfile()
        p.employerType = .startup  // -2
        p.employerReimburses = true  // +3
        p.productionMLYears = 3  // -2
        let advice = advisor.advise(p)
        #expect(advice.verdict == .weigh)
        #expect(advice.leaning == .skip)
        #expect(advice.decidedBy.rule.hasPrefix("skip."))
        #expect(advice.reasonsFor.map(\.rule) == ["pursue.employer-pays"])
    }

    @Test func onlyReasonsForMeanPursueAndOnlyReasonsAgainstMeanSkip() {
        var pro = neutralProfile()
        pro.employerReimburses = true
        #expect(advisor.advise(pro).verdict == .pursue)
        var con = neutralProfile()
        con.employerType = .startup
        con.productionMLYears = 4
        let skip = advisor.advise(con)
        #expect(skip.verdict == .skip)
        #expect(skip.certification == nil)
        #expect(skip.decidedBy.rule.hasPrefix("skip."))
    }

    @Test func newcomersGetFoundationsFirstWithTheFoundationCourses() {
        var p = neutralProfile()
        p.mlKnowledge = .none
        let advice = advisor.advise(p)
        #expect(advice.verdict == .foundationsFirst)
        #expect(advice.choice.first?.rule == "choice.foundations-first")
        #expect(advice.nextSteps[0].contains("Machine Learning: Regression"))
        #expect(advice.prep.basis.rule == "prep.pivoting")
    }

    @Test(arguments: [
        (Profile.Cloud.gcp, "google-pmle"), (.multi, "google-pmle"), (.none, "google-pmle"), (.aws, "aws-mla-c01"),
        (.databricks, "databricks-ml-professional"), (.azure, "azure-ai-300"),
    ])
    func whichCredentialFirst(cloud: Profile.Cloud, expected: String) {
        var p = neutralProfile()
        p.cloud = cloud
        p.employerReimburses = true
        let advice = advisor.advise(p)
        #expect(advice.certification == expected)
        #expect(!advice.alternatives.contains(expected))
    }

    /// Flips `choice.azure-mlops`: on Azure, ML engineers get the MLOps exam and AI app developers keep AI-103.
    @Test(arguments: [
        (Profile.TargetRole.mlEngineer, "azure-ai-300", "choice.azure-mlops", "azure-ai-103"),
        (.dataScientist, "azure-ai-300", "choice.azure-mlops", "azure-ai-103"),
        (.aiAppDeveloper, "azure-ai-103", "choice.azure-ai-apps", "azure-ai-300"),
    ])
    func azureSplitsMLEngineersFromAIAppDevelopers(role: Profile.TargetRole, expected: String, rule: String, alternative: String) {
        var p = neutralProfile()
        p.cloud = .azure
        p.targetRole = role
        let advice = advisor.advise(p)
        #expect(advice.certification == expected)
        #expect(advice.choice.contains { $0.rule == rule })
        #expect(advice.alternatives.contains(alternative))
    }

    @Test func awsFirstTeamsAreToldMLSIsRetired() {
        var p = neutralProfile()
        p.cloud = .aws
        let advice = advisor.advise(p)
        #expect(advice.certification == "aws-mla-c01")
        let note = advice.choice.first { $0.rule == "choice.retired-successor" }
        #expect(note?.text.contains("2026-03-31") == true)
    }

    @Test func retiredCredentialsAreNeverRecommended() {
        for cloud in Profile.Cloud.allCases {
            for role in Profile.TargetRole.allCases {
                var p = neutralProfile()
                p.cloud = cloud
                p.targetRole = role
                let advice = advisor.advise(p)
                for id in [advice.certification].compactMap({ $0 }) + advice.alternatives {
                    #expect(realCatalog.credential(id: id)?.isRetired == false, "\(id) recommended for \(cloud) \(role)")
                }
            }
        }
    }

    @Test func prepTimeTurnsIntoCalendarWeeksFromWeeklyHours() {
        var p = neutralProfile()
        p.weeklyStudyHours = 5
        let advice = advisor.advise(p)
        #expect(advice.prep.basis.rule == "prep.working-knowledge")
        #expect(advice.prep.focusedWeeks == WeekRange(min: 4, max: 8))
        #expect(advice.prepWeeks == WeekRange(min: 8, max: 16))  // 40-80 h at 5 h/week
        p.mlKnowledge = .foundations
        p.weeklyStudyHours = 10
        #expect(advisor.advise(p).prepWeeks == WeekRange(min: 13, max: 26))
    }

    @Test func costPricesRetakesAndReimbursement() throws {
        var p = neutralProfile()
        p.cloud = .gcp
        let paid = try #require(advisor.advise(p).costUSD)
        #expect(paid.examFee == 200)
        #expect(paid.expectedWithRetakes == (200 / 0.575).rounded())
        #expect(paid.outOfPocket == paid.expectedWithRetakes)
        p.employerReimburses = true
        #expect(advisor.advise(p).costUSD?.outOfPocket == 0)
    }

    @Test func adviceAlwaysPairsTheCredentialWithShippedWork() {
        for verdictProfile in [neutralProfile(), { var p = neutralProfile(); p.employerType = .startup; return p }(),
            { var p = neutralProfile(); p.mlKnowledge = .none; return p }()] {
            let steps = advisor.advise(verdictProfile).nextSteps
            #expect(steps.contains(Advisor.shipRealWork.text))
        }
    }

    @Test func jsonKeysAreTheDocumentedContract() throws {
        let json = try JSONOutput.encode(advisor.advise(neutralProfile()))
        for key in ["\"verdict\"", "\"certification\"", "\"alternatives\"", "\"reasons_for\"", "\"reasons_against\"",
            "\"prep_weeks\"", "\"cost_usd\"", "\"next_steps\"", "\"rule\"", "\"text\"", "\"min\"", "\"max\""] {
            #expect(json.contains(key), "missing \(key)")
        }
    }
}
