import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A small read-only XML element tree with line numbers, built with Foundation's `XMLParser`, for the importers.
///
/// Namespaces are dropped from names (QTI and IMS CP documents use a default namespace, and nothing here depends on
/// prefixes); comments are kept on the element that contains them, because mlcert's metadata line travels in one.
public final class XMLNode: @unchecked Sendable {
    public let name: String
    public let attributes: [String: String]
    public let line: Int
    public fileprivate(set) var children: [XMLNode] = []
    /// Text and child elements in document order, for mixed content such as HTML inside QTI.
    public fileprivate(set) var content: [Content] = []
    public fileprivate(set) var comments: [String] = []
    public fileprivate(set) weak var parent: XMLNode?

    public enum Content {
        case text(String)
        case element(XMLNode)
    }

    init(name: String, attributes: [String: String], line: Int) {
        self.name = name
        self.attributes = attributes
        self.line = line
    }

    /// The text directly and indirectly inside this element.
    public var text: String {
        content.map { part in
            switch part {
            case .text(let t): t
            case .element(let e): e.text
            }
        }.joined()
    }

    public func child(_ name: String) -> XMLNode? { children.first { $0.name == name } }
    public func children(_ name: String) -> [XMLNode] { children.filter { $0.name == name } }

    /// Every descendant named `name`, in document order.
    public func descendants(_ name: String) -> [XMLNode] {
        children.flatMap { ($0.name == name ? [$0] : []) + $0.descendants(name) }
    }

    /// The element's inner markup re-serialized, for HTML kept as child elements (QTI's XHTML).
    public var innerXML: String {
        content.map { part in
            switch part {
            case .text(let t): (try? XMLText.escape(t, at: "")) ?? t
            case .element(let e):
                "<\(e.name)" + e.attributes.sorted { $0.key < $1.key }.map { " \($0.key)=\"\((try? XMLText.escape($0.value, at: "")) ?? $0.value)\"" }.joined()
                    + (e.content.isEmpty ? "/>" : ">\(e.innerXML)</\(e.name)>")
            }
        }.joined()
    }

    /// Parses a document, or throws an error naming the file and line.
    public static func parse(_ data: Data, file: String) throws(InterchangeError) -> XMLNode {
        let builder = Builder()
        let parser = XMLParser(data: data)
        parser.delegate = builder
        parser.shouldProcessNamespaces = true
        let ok = parser.parse()
        guard ok, let root = builder.root, builder.stack.isEmpty else {
            let line = parser.lineNumber
            let reason = parser.parserError.map { "\($0.localizedDescription)" }
                ?? (builder.stack.isEmpty ? "not well-formed XML" : "the document ends inside <\(builder.stack.last!.name)>")
            throw InterchangeError("\(file):\(line)", "XML syntax: \(reason)")
        }
        return root
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var root: XMLNode?
        var stack: [XMLNode] = []

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?, attributes: [String: String] = [:]) {
            let local = elementName.split(separator: ":").last.map(String.init) ?? elementName
            var attrs: [String: String] = [:]
            for (key, value) in attributes { attrs[key.split(separator: ":").last.map(String.init) ?? key] = value }
            let node = XMLNode(name: local, attributes: attrs, line: parser.lineNumber)
            if let parent = stack.last {
                node.parent = parent
                parent.children.append(node)
                parent.content.append(.element(node))
            } else {
                root = node
            }
            stack.append(node)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            stack.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { append(string) }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) { append(String(decoding: CDATABlock, as: UTF8.self)) }

        func parser(_ parser: XMLParser, foundComment comment: String) { stack.last?.comments.append(comment) }

        private func append(_ text: String) {
            guard let node = stack.last else { return }
            if case .text(let previous)? = node.content.last {
                node.content[node.content.count - 1] = .text(previous + text)
            } else {
                node.content.append(.text(text))
            }
        }
    }
}
