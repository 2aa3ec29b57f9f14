import Foundation

/// Query strings for the links pages build (e.g. "change my answers" carries the answers back to the form).
enum PageQuery {
    /// `name=value&...` with every byte outside the unreserved set percent-encoded, so the result is safe in an
    /// `href` after HTML escaping.
    static func encode(_ pairs: [(String, String)]) -> String {
        pairs.map { "\(escape($0.0))=\(escape($0.1))" }.joined(separator: "&")
    }

    static func escape(_ text: String) -> String {
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}
