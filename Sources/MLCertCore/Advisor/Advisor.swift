/// Turns a profile into advice by applying the source article's rules, transparently.
///
/// Every part of the answer is traceable to a rule id: which side each reason falls on, which credential comes first
/// and why, how the preparation time and the cost were worked out.
///
/// ```swift
/// var profile = Profile()
/// profile.cloud = .aws
/// let advice = Advisor(catalog: catalog).advise(profile)   // advice.certification == "aws-mla-c01"
/// ```
public struct Advisor: Sendable {
    public let catalog: Catalog

    /// What "focused study" means in hours a week when the article's week counts are turned into hours: an mlcert
    /// assumption, shown in every answer.
    public static let focusedHoursPerWeek = 10.0
    /// First-attempt pass rate assumed when pricing retakes: the middle of the 50-65% community figure the source
    /// article reports. No vendor publishes one.
    public static let assumedPassRate = 0.575
    /// The rule every piece of advice carries: a credential is never a job on its own.
    public static let shipRealWork = Reason(
        rule: "always.ship-real-work",
        text: "A certification alone will not get you an ML engineering job: pair it with something you have built, deployed and can explain in an interview.")

    public init(catalog: Catalog) { self.catalog = catalog }

    public func advise(_ profile: Profile) -> Advice {
        let fired = AdvisorRule.all.filter { $0.applies(profile) }
        let pros = fired.filter { $0.side == .pursue }
        let cons = fired.filter { $0.side == .skip }
        let (verdict, leaning, decidedBy) = decide(profile, pros: pros, cons: cons)
        let (pick, choice) = chooseCredential(profile)
        let certification = verdict == .skip ? nil : pick?.id
        let prep = preparation(profile)
        let calendar = WeekRange(
            min: Int((prep.studyHours.min / profile.weeklyStudyHours).rounded(.up)),
            max: Int((prep.studyHours.max / profile.weeklyStudyHours).rounded(.up)))
        return Advice(
            verdict: verdict, certification: certification,
            alternatives: alternatives(to: pick, profile: profile),
            reasonsFor: pros.map(\.reason), reasonsAgainst: cons.map(\.reason), decidedBy: decidedBy, leaning: leaning,
            choice: choice, prepWeeks: calendar, prep: prep, costUSD: pick.flatMap { cost(of: $0, profile: profile) },
            nextSteps: nextSteps(verdict: verdict, pick: pick, profile: profile))
    }

    // MARK: - Verdict

    private func decide(_ profile: Profile, pros: [AdvisorRule], cons: [AdvisorRule]) -> (Advice.Verdict, Advice.Verdict?, Reason) {
        if profile.mlKnowledge == .none {
            return (.foundationsFirst, nil, Self.foundationsFirst)
        }
        let strongest = { (rules: [AdvisorRule]) in rules.max { ($0.strength, $1.id) < ($1.strength, $0.id) }! }
        switch (pros.isEmpty, cons.isEmpty) {
        case (false, true): return (.pursue, nil, strongest(pros).reason)
        case (true, false): return (.skip, nil, strongest(cons).reason)
        case (true, true):
            return (.weigh, nil, Reason(rule: "weigh.no-strong-reason",
                text: "None of the article's reasons for or against applies to you; the credential is optional, and shipped work matters more."))
        case (false, false):
            let forWeight = pros.map(\.strength).reduce(0, +)
            let againstWeight = cons.map(\.strength).reduce(0, +)
            let topFor = strongest(pros)
            let topAgainst = strongest(cons)
            if forWeight != againstWeight {
                return forWeight > againstWeight ? (.weigh, .pursue, topFor.reason) : (.weigh, .skip, topAgainst.reason)
            }
            if topFor.strength != topAgainst.strength {
                return topFor.strength > topAgainst.strength ? (.weigh, .pursue, topFor.reason) : (.weigh, .skip, topAgainst.reason)
            }
            return (.weigh, nil, Reason(rule: "weigh.balanced",
                text: "The reasons on each side carry the same weight; the deciding question is what you would build with the same hours."))
        }
    }

    static let foundationsFirst = Reason(
        rule: "choice.foundations-first",
        text: "You are new to ML: these exams assume production experience that takes time to build, so take foundational courses before aiming at any exam.")

    // MARK: - Which credential

    /// The article's picks by environment, before retirements are applied.
    private func articlePick(_ profile: Profile) -> (id: String, reason: Reason) {
        switch profile.cloud {
        case .aws:
            return ("aws-mls-c01", Reason(rule: "choice.aws-first", text: "Your environment is AWS-first, so the AWS ML credential validates what you use; it takes about the same preparation as Google's."))
        case .databricks:
            return ("databricks-ml-professional", Reason(rule: "choice.databricks-shop", text: "You work in a Databricks and Spark-heavy shop, where the Databricks ML Professional credential is gaining ground and tests the pipelines you run."))
        case .azure where profile.targetRole == .aiAppDeveloper:
            return ("azure-ai-102", Reason(rule: "choice.azure-ai-apps", text: "Your work is AI applications on Azure; Microsoft's AI credential centres on Azure's AI services rather than core ML engineering, which fits that work."))
        case .azure:
            return ("azure-ai-300", Reason(rule: "choice.azure-mlops", text: "You do ML on Azure: Microsoft's ML-engineering credential is the MLOps Engineer Associate (AI-300), which tests training, deploying and monitoring models on Azure Machine Learning and operating generative AI on Microsoft Foundry. AI-103 is the one for building AI apps and agents."))
        case .gcp, .multi, .none:
            return ("google-pmle", Reason(rule: "choice.default-google", text: "Google's Professional ML Engineer is the best default: the most widely recognised ML credential, testing ML system design rather than vendor trivia, with preparation that carries over to other clouds."))
        }
    }

    /// The credential to take first, never a retired one: a retired pick is replaced by its successor, and the answer
    /// says so.
    private func chooseCredential(_ profile: Profile) -> (Credential?, [Reason]) {
        let pick = articlePick(profile)
        var reasons: [Reason] = []
        if profile.mlKnowledge == .none { reasons.append(Self.foundationsFirst) }
        reasons.append(pick.reason)
        guard let credential = catalog.credential(id: pick.id) else { return (nil, reasons) }
        if credential.isRetired, let successor = catalog.activeSuccessor(of: credential) {
            reasons.append(Reason(rule: "choice.retired-successor",
                text: "\(credential.shortName) was retired\(credential.status.retiredOn.map { " on \($0)" } ?? "") and can no longer be earned; its successor, \(successor.name), takes its place."))
            return (successor, reasons)
        }
        return credential.isRetired ? (nil, reasons) : (credential, reasons)
    }

    private func alternatives(to pick: Credential?, profile: Profile) -> [String] {
        var ids = ["google-pmle", "aws-mla-c01"]
        if profile.cloud == .databricks || profile.cloud == .multi { ids.append("databricks-ml-professional") }
        if profile.cloud == .azure || profile.targetRole == .aiAppDeveloper { ids.append("azure-ai-103") }
        if profile.cloud == .azure { ids.append("azure-ai-300") }
        if profile.cloud == .databricks && profile.productionMLYears < 1 { ids.append("databricks-ml-associate") }
        return ids.filter { $0 != pick?.id && catalog.credential(id: $0).map { !$0.isRetired } == true }
    }

    // MARK: - Time and cost

    private func preparation(_ profile: Profile) -> PrepEstimate {
        let working = profile.mlKnowledge == .working
        let weeks = working ? WeekRange(min: 4, max: 8) : WeekRange(min: 13, max: 26)
        let basis = working
            ? Reason(rule: "prep.working-knowledge", text: "People with working ML knowledge report 4-8 weeks of focused study for the Google or AWS exam.")
            : Reason(rule: "prep.pivoting", text: "People pivoting from outside ML typically need 3-6 months, including the time to build ML foundations first.")
        let h = Self.focusedHoursPerWeek
        return PrepEstimate(
            focusedWeeks: weeks, focusedHoursPerWeek: h,
            studyHours: ClosedRangeCodable(min: Double(weeks.min) * h, max: Double(weeks.max) * h),
            weeklyStudyHours: profile.weeklyStudyHours, basis: basis)
    }

    private func cost(of credential: Credential, profile: Profile) -> CostEstimate? {
        guard let fee = credential.facts.price?.value, fee.currency == "USD" else { return nil }
        let expected = (fee.amount / Self.assumedPassRate).rounded()
        return CostEstimate(
            examFee: fee.amount, expectedWithRetakes: expected, assumedPassRate: Self.assumedPassRate,
            outOfPocket: profile.employerReimburses ? 0 : expected, reimbursed: profile.employerReimburses,
            assumption: "Retakes are paid in full. The expected cost assumes a 57.5% first-attempt pass rate, the middle of the 50-65% that the source article attributes to community surveys; vendors publish no pass rates.")
    }

    // MARK: - Next steps

    private func nextSteps(verdict: Advice.Verdict, pick: Credential?, profile: Profile) -> [String] {
        func titles(_ ids: [String]) -> String {
            ids.compactMap(catalog.course(id:)).map(\.title).joined(separator: ", ")
        }
        var steps: [String] = []
        let hours = Int(profile.weeklyStudyHours)
        switch verdict {
        case .foundationsFirst:
            steps.append("Build foundations first: \(titles(["ml-regression", "ml-classification", "applied-ml-python"])).")
            steps.append("Then take \(titles(["production-ml-systems", "structuring-ml-projects"])) for the production view the exams test.")
            if let pick { steps.append("Plan it week by week: mlcert plan --cert \(pick.id) --hours-per-week \(hours)") }
            steps.append("Ask again (mlcert advise) once you can train, evaluate and deploy a simple model on your own.")
        case .pursue, .weigh:
            steps.append("Start with \(titles(["production-ml-systems", "structuring-ml-projects"])): they cover what the exam blueprints test most directly.")
            if let pick {
                if let path = pick.officialLearningPath.flatMap(catalog.course(id:)) { steps.append("Then work through \(path.title).") }
                steps.append("Plan it week by week: mlcert plan --cert \(pick.id) --hours-per-week \(hours)")
            }
            if !profile.employerReimburses && [.enterprise, .consulting, .cloudVendor].contains(profile.employerType) {
                steps.append("Ask your employer whether it reimburses certification fees; if it does, the case for certifying becomes much stronger.")
            }
            if verdict == .weigh {
                steps.append("Decide by what the same hours would otherwise buy: if it is a project you would ship, the project comes first.")
            }
        case .skip:
            steps.append("Put the hours into one end-to-end ML project: data pipeline, training, deployment and monitoring, in public, with a write-up you can talk through.")
            steps.append("Practise explaining systems you have shipped: the trade-offs you made, what failed in production and how you found out.")
        }
        steps.append(Self.shipRealWork.text)
        return steps
    }
}
