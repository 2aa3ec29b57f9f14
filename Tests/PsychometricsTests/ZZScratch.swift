import Psychometrics
import Testing
@Test func zzScratch() async {
    var rng = SeededGenerator(seed: 2024)
    let truth = IRTSimulation.items(count: 30, model: .twoPL, using: &rng)
    let thetas = IRTSimulation.abilities(count: 2000, using: &rng)
    let data = IRTSimulation.responses(items: truth, abilities: thetas, using: &rng)
    let r = await Calibrator(options: CalibrationOptions(model: .twoPL)).calibrate(data)
    print("2PL", r.iterations, r.converged, rmse(r.items.map(\.a), truth.map(\.a)), rmse(r.items.map(\.b), truth.map(\.b)), r.logLikelihood, r.standardErrors.map(\.b).reduce(0,+)/30, r.standardErrors.map(\.a).reduce(0,+)/30)
    var rng2 = SeededGenerator(seed: 99)
    let t3 = IRTSimulation.items(count: 30, model: .threePL, using: &rng2)
    let th3 = IRTSimulation.abilities(count: 6000, using: &rng2)
    let d3 = IRTSimulation.responses(items: t3, abilities: th3, answerRate: 0.3, using: &rng2)
    let r3 = await Calibrator(options: CalibrationOptions(model: .threePL)).calibrate(d3)
    print("3PL", r3.iterations, r3.converged, rmse(r3.items.map(\.a), t3.map(\.a)), rmse(r3.items.map(\.b), t3.map(\.b)), rmse(r3.items.map(\.c), t3.map(\.c)))
}
