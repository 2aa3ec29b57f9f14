import Foundation

/// Number formatting for item text: fixed decimals, thousands separators and percentages, the same way in every
/// family, so that distinct values stay visibly distinct and a learner's arithmetic matches the text.
enum Format {
    /// `x` with exactly `decimals` digits after the point: 0.184 -> "0.18" for 2. Built from integers rather than
    /// `String(format:)`, which is slow enough on Linux to dominate a property test over thousands of instances.
    static func fixed(_ x: Double, _ decimals: Int) -> String {
        let scale = (0..<decimals).reduce(1) { acc, _ in acc * 10 }
        let scaled = Int((abs(x) * Double(scale)).rounded())
        let sign = x < 0 && scaled != 0 ? "-" : ""
        guard decimals > 0 else { return sign + String(scaled) }
        let fraction = String(scaled % scale)
        return sign + String(scaled / scale) + "." + String(repeating: "0", count: decimals - fraction.count) + fraction
    }

    /// A whole number with thousands separators: 1234567 -> "1,234,567".
    static func whole(_ x: Double) -> String {
        let n = Int(x.rounded())
        let digits = String(abs(n))
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return (n < 0 ? "-" : "") + out
    }

    /// A fraction as a percentage with `decimals` digits: 0.1234 -> "12.3%" for 1.
    static func percent(_ fraction: Double, _ decimals: Int = 1) -> String {
        fixed(fraction * 100, decimals) + "%"
    }

    /// US dollars, whole from 100 or for whole amounts, with cents otherwise: 1234.5 -> "$1,235", 41 -> "$41", 0.42 -> "$0.42".
    static func dollars(_ x: Double) -> String {
        abs(x) >= 100 || x == x.rounded() ? "$" + whole(x) : "$" + fixed(x, 2)
    }

    /// A count with its noun, singular for one: (1, "day") -> "1 day", (12, "day") -> "12 days".
    static func count(_ n: Int, _ noun: String) -> String {
        "\(whole(Double(n))) \(noun)\(n == 1 ? "" : "s")"
    }
}

/// Whether candidate option values are far enough apart to read as different answers: each pair differs by at least
/// `relative` of the larger magnitude and at least `absolute`.
enum Separation {
    static func isClear(_ values: [Double], relative: Double, absolute: Double = 0) -> Bool {
        for i in values.indices {
            for j in values.indices where j > i {
                let gap = abs(values[i] - values[j])
                let scale = max(abs(values[i]), abs(values[j]))
                if gap < absolute || gap < relative * scale { return false }
            }
        }
        return true
    }
}
