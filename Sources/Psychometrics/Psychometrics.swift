/// Psychometrics: item response theory, adaptive testing, classical item analysis and FSRS scheduling.
///
/// The module has no dependencies beyond the Swift standard library (and the platform C math library) and performs
/// no I/O, so the CLI, the server and simulations can all call it with plain values. Randomness is always passed in
/// (`SeededGenerator`), so every simulation is reproducible by seed.
///
/// Entry points:
/// - Spaced repetition: `FSRSScheduler.review(_:rating:at:)` (FSRS-6, identical to py-fsrs 6.3), `replay`,
///   `retrievability(of:at:)`, and the exam-date clamp `review(_:rating:at:examDate:lead:)`.
/// - Calibration: `Calibrator(options:).calibrate(_:)` on sparse `ResponseData` → `CalibrationResult`.
/// - Scoring: `AbilityEstimator.eap/map`, per domain with `eapByDomain`; `AbilityPosterior` for incremental updates.
/// - Readiness: `ReadinessPredictor(items:domainCount:form:).predict(_:)`, the probability of passing a real form with
///   ability, form and item-parameter uncertainty integrated (validated against a truth it does not share by the
///   misspecified study in MLCertStudies).
/// - Adaptive testing: `ItemBank`, `CATConfiguration`, `CATSession`, `CATSimulation.run(...)`.
/// - Classical item analysis: `ItemAnalysis.analyse(choices:keys:optionCounts:)`.
public enum Psychometrics {}
