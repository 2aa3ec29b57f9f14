/// Psychometrics: item response theory, adaptive testing, classical item analysis and FSRS scheduling.
///
/// The module has no dependencies beyond the Swift standard library and performs no I/O, so the CLI, the server and
/// simulations can all call it with plain values.
public enum Psychometrics {}
