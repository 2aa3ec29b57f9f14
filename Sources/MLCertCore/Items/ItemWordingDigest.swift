extension Item {
    /// A fingerprint of what a reviewer reads and answers: the scenario, the question, and each option's text with
    /// whether it is a key. Review records keep it (`item_digest`), so that a wording change made without bumping
    /// `version` still voids the reviews of the old wording: the lint names the record, and `--unreviewed` sheets
    /// include the item again. Rationales, tags and references are left out, since reviewers never see them.
    ///
    /// 64-bit FNV-1a over the UTF-8 of `scenario`, `question` and `[x] text` or `[ ] text` per option, one per line,
    /// as 16 hex digits: a change detector, not a security measure, and simple enough to recompute in any language.
    public var wordingDigest: String {
        var text = scenario + "\n" + question + "\n"
        for option in options { text += (option.correct ? "[x] " : "[ ] ") + option.text + "\n" }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
