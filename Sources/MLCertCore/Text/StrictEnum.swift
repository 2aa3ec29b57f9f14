/// A string-backed enum read from content or JSON, whose decoding error lists the allowed values.
///
/// The default `RawRepresentable` decoding only says a value is invalid; people editing YAML or profile JSON need to
/// see what they may write instead.
public protocol StrictEnum: RawRepresentable, CaseIterable, Codable, Sendable where RawValue == String {}

extension StrictEnum {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let raw = try container.decode(String.self)
        guard let value = Self(rawValue: raw) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(raw)' is not allowed; expected one of: \(Self.allowedValues)")
        }
        self = value
    }

    /// The allowed raw values, comma-separated, for messages.
    public static var allowedValues: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
