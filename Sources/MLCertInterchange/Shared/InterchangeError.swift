/// Why an export or import could not be done, naming the file, line or item at fault.
public struct InterchangeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file, item or entry at fault, e.g. `bank.gift:12` or `item mla-1-001`.
    public let location: String
    public let message: String

    public init(_ location: String, _ message: String) {
        self.location = location
        self.message = message
    }

    public var description: String { "\(location): \(message)" }
}
