/// The client's address behind trusted reverse proxies, from `X-Forwarded-For`.
///
/// Each proxy appends the address it received the request from, so the header reads `client-supplied..., seen by
/// proxy 1, seen by proxy 2`. Only the entries the trusted proxies appended are believable: with `hops` trusted proxies
/// in front of the server, the client is the `hops`-th entry from the right. Anything left of it came from the client
/// and may say anything (taking the first entry let a guesser rotate a fake address past the per-address limit, and
/// pin someone else's address to lock them out).
enum ForwardedFor {
    /// The address `hops` entries from the right of the comma-joined header values, or nil when there are fewer
    /// entries than trusted proxies (the request did not pass through all of them) or the entry is not an address.
    static func client(header: String, hops: Int) -> String? {
        let entries = header.split(separator: ",").map { $0.trimmingHeaderWhitespace() }.filter { !$0.isEmpty }
        guard hops >= 1, entries.count >= hops else { return nil }
        let entry = entries[entries.count - hops]
        guard (1...64).contains(entry.utf8.count), entry.utf8.allSatisfy(isAddressByte) else { return nil }
        return entry
    }

    /// Digits, hex letters, `.`, `:` and brackets: IPv4, IPv6 and bracketed IPv6; nothing that could smuggle text
    /// into a rate-limit key or a log line.
    private static func isAddressByte(_ byte: UInt8) -> Bool {
        (48...57).contains(byte) || (65...70).contains(byte) || (97...102).contains(byte) || byte == 46 || byte == 58 || byte == 91 || byte == 93
    }
}
