/// A step into a YAML document: a mapping key or a sequence index.
public enum PathElement: Hashable, Sendable {
    case key(String)
    case index(Int)
}

/// Where a field lives inside one content file, e.g. `blueprints[2].domains[1].weight`.
public struct FieldPath: Hashable, Sendable, CustomStringConvertible, ExpressibleByArrayLiteral {
    public var elements: [PathElement]

    public init(_ elements: [PathElement] = []) { self.elements = elements }
    public init(arrayLiteral elements: PathElement...) { self.elements = elements }

    public func appending(_ element: PathElement) -> FieldPath { FieldPath(elements + [element]) }
    public func key(_ name: String) -> FieldPath { appending(.key(name)) }
    public func index(_ i: Int) -> FieldPath { appending(.index(i)) }
    public static func + (lhs: FieldPath, rhs: FieldPath) -> FieldPath { FieldPath(lhs.elements + rhs.elements) }

    public var description: String {
        var out = ""
        for element in elements {
            switch element {
            case .key(let k): out += out.isEmpty ? k : ".\(k)"
            case .index(let i): out += "[\(i)]"
            }
        }
        return out.isEmpty ? "(document)" : out
    }

    /// Builds a path from a decoder's coding path; Yams reports sequence positions as integer keys.
    init(codingPath: [any CodingKey]) {
        self.elements = codingPath.map { key in
            if let i = key.intValue { return .index(i) }
            return .key(key.stringValue)
        }
    }
}
