import Foundation
import MLCertCore

/// One line of keyboard (or scripted) input in a session, parsed.
///
/// The same grammar serves a person at a terminal and a script on standard input, so the tests drive exactly what a
/// learner uses. Letters or numbers answer (`b`, `a,c`, `2 4`); single letters move and act. A lone `f` always flags:
/// option F is answered as `6` (or together with another option, `a,f`).
public enum KeyCommand: Sendable, Hashable {
    case answer(shown: [Int])
    case next
    case previous
    case go(position: Int)
    case toggleFlag
    case grid
    case submit
    case confirm(Bool)
    case quit
    case help
    case show

    public enum ParseError: Error, Equatable, Sendable, CustomStringConvertible {
        case unknown(String)
        public var description: String {
            switch self {
            case .unknown(let text): "did not understand '\(text)'; type ? for the keys"
            }
        }
    }

    public static let helpText = """
        a-e or 1-6   answer (several for "choose N": a,c or 1 3; option F is 6)
        n / p        next / previous question       g N   go to question N
        f            flag or unflag this question   r     review grid
        s            submit (asks to confirm)       q     quit now, resume later
        ?            these keys
        """

    public static func parse(_ line: String) throws(ParseError) -> KeyCommand {
        let text = line.trimmingCharacters(in: .whitespaces).lowercased()
        switch text {
        case "": return .show
        case "n", "next": return .next
        case "p", "prev", "previous": return .previous
        case "f", "flag": return .toggleFlag
        case "r", "grid", "review": return .grid
        case "s", "submit": return .submit
        case "y", "yes": return .confirm(true)
        case "no": return .confirm(false)
        case "q", "quit", "exit": return .quit
        case "?", "h", "help": return .help
        default: break
        }
        let words = text.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        if words.count == 2, ["g", "go"].contains(words[0]), let n = Int(words[1]), n >= 1 { return .go(position: n - 1) }
        // Answers: letters (each word one letter, or one word of letters such as "ac") or 1-based numbers.
        var shown: [Int] = []
        let tokens = words.count == 1 && words[0].allSatisfy(\.isLetter) ? words[0].map(String.init) : words
        for token in tokens {
            if let n = Int(token), (1...26).contains(n) {
                shown.append(n - 1)
            } else if let i = ItemOption.index(forLetter: token) {
                shown.append(i)
            } else {
                throw .unknown(line)
            }
        }
        guard !shown.isEmpty else { throw .unknown(line) }
        return .answer(shown: shown)
    }
}
