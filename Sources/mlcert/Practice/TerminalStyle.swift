import Foundation

/// ANSI colours when standard output is a terminal that wants them; plain text otherwise (pipes, files, NO_COLOR,
/// TERM=dumb), so scripted output never carries escape codes.
struct TerminalStyle {
    let enabled: Bool

    static func detect() -> TerminalStyle {
        let env = ProcessInfo.processInfo.environment
        return TerminalStyle(enabled: isatty(STDOUT_FILENO) == 1 && env["NO_COLOR"] == nil && env["TERM"] != "dumb")
    }

    private func wrap(_ text: String, _ code: String) -> String { enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
    func bold(_ s: String) -> String { wrap(s, "1") }
    func dim(_ s: String) -> String { wrap(s, "2") }
    func green(_ s: String) -> String { wrap(s, "32") }
    func red(_ s: String) -> String { wrap(s, "31") }
    func yellow(_ s: String) -> String { wrap(s, "33") }
    func cyan(_ s: String) -> String { wrap(s, "36") }
}


/// "1:05:09" or "4:07".
func clockText(_ seconds: Double) -> String {
    let s = max(0, Int(seconds.rounded(.down)))
    let h = s / 3600, m = (s % 3600) / 60, sec = s % 60
    return h > 0 ? String(format: "%d:%02d:%02d", h, m, sec) : String(format: "%d:%02d", m, sec)
}
