@testable import MLCertServer
import Testing

@Suite("HTTP optional whitespace around header values")
struct HeaderWhitespaceTests {
    @Test("spaces and tabs go from both ends; inner whitespace, other characters and empty values stay as they are")
    func trims() {
        #expect(" \t 10.0.0.1 \t".trimmingHeaderWhitespace() == "10.0.0.1")
        #expect("Bearer  abc".split(separator: " ", maxSplits: 1)[1].trimmingHeaderWhitespace() == "abc")
        #expect("a b".trimmingHeaderWhitespace() == "a b")
        #expect("\nx\r".trimmingHeaderWhitespace() == "\nx\r")
        #expect(" \t ".trimmingHeaderWhitespace() == "")
        #expect("".trimmingHeaderWhitespace() == "")
        #expect(" é ".trimmingHeaderWhitespace() == "é")
        #expect(ForwardedFor.client(header: "203.0.113.9,\t10.0.0.1 , 192.0.2.4", hops: 2) == "10.0.0.1")
        #expect(DeclaredLengthMiddleware.exceeds(" 99999999999 ", limit: 1_000))
        #expect(!DeclaredLengthMiddleware.exceeds("\t12\t", limit: 1_000))
    }
}
