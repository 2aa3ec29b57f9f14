import Foundation

/// When and how `mlcert calibrate` tells the user how far it has read a response file.
///
/// A person at a terminal sees one line updated in place; a log (stderr not a terminal) gets a line every 10% only
/// once reading has taken a second, so quick reads, and the output tests capture, stay quiet. `--progress` shows the
/// lines from the start whatever stderr is.
struct ReadProgress {
    let label: String
    let terminal: Bool
    let forced: Bool
    let started: ContinuousClock.Instant
    private var shown = -1

    init(label: String, terminal: Bool, forced: Bool, started: ContinuousClock.Instant) {
        self.label = label
        self.terminal = terminal
        self.forced = forced
        self.started = started
    }

    /// What to write to stderr now that `fraction` of the file is read, or nil for nothing.
    mutating func text(for fraction: Double, at now: ContinuousClock.Instant) -> String? {
        let percent = Int((fraction * 100).rounded(.down))
        if terminal && !forced {
            guard percent != shown else { return nil }
            shown = percent
            return "\r\(label): \(percent)%" + (percent >= 100 ? "\n" : "")
        }
        guard forced || now - started >= .seconds(1) else { return nil }
        guard percent / 10 != shown / 10 || shown < 0 else { return nil }
        shown = percent
        return "\(label): \(percent)%\n"
    }
}
