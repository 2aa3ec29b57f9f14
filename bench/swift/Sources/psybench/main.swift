// psybench: times Psychometrics on the files bench/generate.py writes. One JSON object per line on stdout.
//
//   psybench calibrate FILE.csv --model 2pl|3pl [--items TRUTH.csv] [--abilities THETA.csv] [--tolerance 1e-4]
//            [--points 49] [--plain] [--no-priors] [--max-iterations 500] [--dump OUT.csv]
//                                                  EM calibration (wall time of the second fit in the process, after
//                                                  one untimed warm-up fit, as the peers are timed; cycles, RMSE; with
//                                                  --abilities also the EAP ability RMSE with the fitted and with the
//                                                  true items). --no-priors drops the priors on log a, b and c.
//   psybench cat --bank BANK.csv [--steps 200000]                     one select+record step of an adaptive test
//   psybench fsrs [--reviews 1000000]                                 one FSRS review decision
//   psybench cat-sim --bank BANK.csv --thetas THETA.csv [--examinees 5000]   CAT length, RMSE and exposure
import Foundation
import Psychometrics

func argument(_ name: String, default value: String) -> String {
    let args = CommandLine.arguments
    if let i = args.firstIndex(of: name), i + 1 < args.count { return args[i + 1] }
    return value
}

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

func emit(_ fields: [String: Any]) {
    let data = try! JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])
    print(String(decoding: data, as: UTF8.self))
}

/// Reads the wide CSV (header row, then 1/0/empty cells) into sparse responses, byte by byte.
func readWide(_ path: String) throws -> ResponseData {
    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    var k = 0
    var itemCount = 1
    while bytes[k] != UInt8(ascii: "\n") {
        if bytes[k] == UInt8(ascii: ",") { itemCount += 1 }
        k += 1
    }
    k += 1
    var triples: [(person: Int, item: Int, correct: Bool)] = []
    triples.reserveCapacity(bytes.count / 2)
    var person = 0
    var item = 0
    while k < bytes.count {
        let ch = bytes[k]
        if ch == UInt8(ascii: "1") || ch == UInt8(ascii: "0") {
            triples.append((person, item, ch == UInt8(ascii: "1")))
        } else if ch == UInt8(ascii: ",") {
            item += 1
        } else if ch == UInt8(ascii: "\n") {
            person += 1
            item = 0
        }
        k += 1
    }
    return ResponseData(personCount: person, itemCount: itemCount, responses: triples)
}

func readTruth(_ path: String) throws -> [ItemParameters] {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    return text.split(separator: "\n").dropFirst().map { line in
        let v = line.split(separator: ",").map { Double($0)! }
        return ItemParameters(a: v[0], b: v[1], c: v[2])
    }
}

/// The CAT bank bench/generate.py writes: a,b,c,domain per row.
func readBank(_ path: String) throws -> ItemBank {
    let rows = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").dropFirst().map { $0.split(separator: ",").map { Double($0)! } }
    return ItemBank(items: rows.map { ItemParameters(a: $0[0], b: $0[1], c: $0[2]) }, domains: rows.map { Int($0[3]) })
}

func readColumn(_ path: String) throws -> [Double] {
    try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").dropFirst().map { Double($0)! }
}

/// EAP abilities of every person under `items`, on a 121-point grid over ±6 (step 0.1) with a N(0, 1) prior:
/// a table of log P and log(1 − P) per item, summed per person, both cores. Not timed; for the ability RMSE only.
func eapAbilities(_ data: ResponseData, items: [ItemParameters]) -> [Double] {
    let q = 121
    let nodes = (0..<q).map { -6 + 0.1 * Double($0) }
    var table = [Double](repeating: 0, count: 2 * items.count * q)
    for (i, item) in items.enumerated() {
        for k in 0..<q {
            let p = min(max(item.probability(nodes[k]), 1e-300), 1 - 1e-16)
            table[(2 * i) * q + k] = log1p(-p)
            table[(2 * i + 1) * q + k] = log(p)
        }
    }
    let prior = nodes.map { -0.5 * $0 * $0 }
    let logTable = table
    let parts = 8
    let out = UnsafeMutableBufferPointer<Double>.allocate(capacity: data.personCount)
    defer { out.deallocate() }
    let outBase = out.baseAddress!
    nonisolated(unsafe) let sink = outBase
    DispatchQueue.concurrentPerform(iterations: parts) { part in
        var post = [Double](repeating: 0, count: q)
        for p in (data.personCount * part / parts)..<(data.personCount * (part + 1) / parts) {
            for k in 0..<q { post[k] = prior[k] }
            for r in data.rowStart[p]..<data.rowStart[p + 1] {
                let row = (2 * Int(data.items[r]) + Int(data.correct[r])) * q
                for k in 0..<q { post[k] += logTable[row + k] }
            }
            let m = post.max()!
            var s = 0.0
            var t = 0.0
            for k in 0..<q {
                let e = exp(post[k] - m)
                s += e
                t += e * nodes[k]
            }
            sink[p] = t / s
        }
    }
    return Array(out)
}

func rmse(_ x: [Double], _ y: [Double]) -> Double {
    (zip(x, y).map { ($0 - $1) * ($0 - $1) }.reduce(0, +) / Double(x.count)).squareRoot()
}

let command = CommandLine.arguments.dropFirst().first ?? "help"
switch command {
case "calibrate":
    let file = CommandLine.arguments[2]
    let model: IRTModel = argument("--model", default: "3pl") == "2pl" ? .twoPL : .threePL
    let t0 = now()
    let data = try readWide(file)
    let tolerance = Double(argument("--tolerance", default: "1e-4"))!
    let points = Int(argument("--points", default: "49"))!
    let maxIterations = Int(argument("--max-iterations", default: "500"))!
    let plain = CommandLine.arguments.contains("--plain")
    let priors = !CommandLine.arguments.contains("--no-priors")
    var options = CalibrationOptions(
        model: model, quadrature: .grid(count: points), maxIterations: maxIterations, tolerance: tolerance, acceleration: !plain)
    if !priors {
        options.logDiscriminationPrior = nil
        options.difficultyPrior = nil
        options.guessingPrior = nil
    }
    // One untimed fit first, as the peers get (bench/peers.py): the timed fit below is the second in the process.
    let t1w = now()
    _ = await Calibrator(options: options).calibrate(data)
    let firstFit = now() - t1w
    let t1 = now()
    let result = await Calibrator(options: options).calibrate(data)
    let t2 = now()
    var out: [String: Any] = [
        "tool": "mlcert-swift", "task": "calibrate-\(model == .twoPL ? "2pl" : "3pl")", "file": (file as NSString).lastPathComponent,
        "seconds": t2 - t1, "readSeconds": t1w - t0, "firstFitSeconds": firstFit, "iterations": result.iterations, "converged": result.converged,
        "priors": priors,
        "logLikelihood": result.logLikelihood, "responses": data.responseCount, "points": points,
        "eStepAdditions": result.eStepAdditions, "acceleration": !plain,
    ]
    let truthPath = argument("--items", default: "")
    if !truthPath.isEmpty {
        let truth = try readTruth(truthPath)
        out["rmseA"] = rmse(result.items.map(\.a), truth.map(\.a))
        out["rmseB"] = rmse(result.items.map(\.b), truth.map(\.b))
        if model == .threePL { out["rmseC"] = rmse(result.items.map(\.c), truth.map(\.c)) }
        out["meanA"] = result.items.map(\.a).reduce(0, +) / Double(truth.count)
        out["meanTrueA"] = truth.map(\.a).reduce(0, +) / Double(truth.count)
    }
    let abilitiesPath = argument("--abilities", default: "")
    if !abilitiesPath.isEmpty && !truthPath.isEmpty {
        let theta = try readColumn(abilitiesPath)
        out["rmseTheta"] = rmse(eapAbilities(data, items: result.items), theta)
        // The floor: the same scoring with the generating items (c = 0 for the 2PL files).
        let truth = try readTruth(truthPath).map { model == .twoPL ? ItemParameters(a: $0.a, b: $0.b, c: 0) : $0 }
        out["rmseThetaFloor"] = rmse(eapAbilities(data, items: truth), theta)
    }
    let tag = argument("--tag", default: "")
    if !tag.isEmpty { out["study"] = tag }
    let dumpPath = argument("--dump", default: "")
    if !dumpPath.isEmpty {
        let lines = result.items.map { "\($0.a),\($0.b),\($0.c)" }
        try ("a,b,c\n" + lines.joined(separator: "\n") + "\n").write(toFile: dumpPath, atomically: true, encoding: .utf8)
    }
    emit(out)

case "cat":
    let bank = try readBank(argument("--bank", default: "data/cat-bank-1000.csv"))
    let bankSize = bank.count
    let steps = Int(argument("--steps", default: "200000"))!
    var rng = SeededGenerator(seed: 1)
    let config = CATConfiguration(
        blueprint: [0.3, 0.25, 0.2, 0.15, 0.1], randomesque: 5,
        stopping: CATStoppingRule(minItems: 20, maxItems: 20, targetStandardError: nil))
    var done = 0
    var tests = 0
    var session = CATSession(bank: bank, configuration: config)
    var theta = IRTSimulation.normal(using: &rng)
    let t0 = now()
    while done < steps {
        guard let item = session.selectNextItem(using: &rng) else {
            session = CATSession(bank: bank, configuration: config)
            theta = IRTSimulation.normal(using: &rng)
            tests += 1
            continue
        }
        session.record(item: item, correct: IRTSimulation.answer(bank.items[item], theta: theta, using: &rng))
        done += 1
    }
    let elapsed = now() - t0
    emit([
        "tool": "mlcert-swift", "task": "cat-step", "bank": bankSize, "steps": steps, "tests": tests,
        "microsecondsPerStep": elapsed / Double(steps) * 1e6,
    ])

case "fsrs":
    let reviews = Int(argument("--reviews", default: "1000000"))!
    let scheduler = FSRSScheduler(enableFuzzing: false)
    var rng = SeededGenerator(seed: 2)
    let start = FSRSTimestamp(secondsSinceEpoch: 1_790_000_000)
    var card = FSRSCard(due: start)
    var checksum = 0.0
    let t0 = now()
    for k in 0..<reviews {
        // A fresh card every 12 reviews keeps timestamps within py-fsrs's datetime range.
        if k % 12 == 0 { card = FSRSCard(due: start) }
        let r = FSRSRating(rawValue: 1 + Int(rng.next() % 4))!
        card = scheduler.review(card, rating: r, at: card.due)
        checksum += card.stability ?? 0
    }
    let elapsed = now() - t0
    emit([
        "tool": "mlcert-swift", "task": "fsrs-review", "reviews": reviews, "microsecondsPerReview": elapsed / Double(reviews) * 1e6,
        "checksum": checksum,
    ])

case "cat-sim":
    // CAT design evaluation on the generated bank (5 domains), SE 0.3 target, 10–40 items.
    var rng = SeededGenerator(seed: 4)
    let bank = try readBank(argument("--bank", default: "data/cat-bank-1000.csv"))
    let thetas = Array(try readColumn(argument("--thetas", default: "data/cat-thetas.csv")).prefix(Int(argument("--examinees", default: "5000"))!))
    // With the five-domain blueprint (mlcert's use) and without it (the peers' design: best items in the whole bank).
    for (k, blueprint) in [(1, true), (5, true), (1, false), (5, false)] {
        let config = CATConfiguration(
            blueprint: blueprint ? [0.3, 0.25, 0.2, 0.15, 0.1] : nil, randomesque: k, stopping: CATStoppingRule())
        let t0 = now()
        let r = CATSimulation.run(bank: bank, configuration: config, abilities: thetas, using: &rng)
        emit([
            "tool": "mlcert-swift", "task": "cat-simulation", "bank": bank.count, "randomesque": k, "examinees": thetas.count,
            "blueprint": blueprint,
            "seconds": now() - t0,
            "meanLength": r.meanLength, "rmse": r.abilityRMSE, "bias": r.bias, "maxExposure": r.maxExposure,
            "meanExposure": r.meanExposure, "unusedItemShare": r.unusedItemShare,
        ])
    }

default:
    FileHandle.standardError.write(Data("usage: psybench calibrate FILE --model 2pl|3pl [--items TRUTH] | cat | fsrs | cat-sim\n".utf8))
    exit(2)
}
