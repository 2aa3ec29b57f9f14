/// HTTP's optional whitespace around a header value or one of its list elements: spaces and horizontal tabs only
/// (RFC 9110, section 5.6.3).
///
/// Used instead of Foundation's `trimmingCharacters(in: .whitespaces)` on the headers every request carries: on Linux
/// that call goes through `NSString` and cost about 3% of the server's CPU while it recorded answers (perf, bench/load
/// at 12 connections), and its wider set of Unicode spaces is not what HTTP means by whitespace anyway.
extension StringProtocol {
    func trimmingHeaderWhitespace() -> String {
        let isOWS: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 }
        let text = Substring(self)
        guard let first = text.utf8.firstIndex(where: { !isOWS($0) }), let last = text.utf8.lastIndex(where: { !isOWS($0) }) else { return "" }
        return String(text[first...last])
    }
}
