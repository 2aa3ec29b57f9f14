import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// A parsed SVG (or any XML) document: every element with its attributes and text, in document order. Parsing with
/// Foundation's `XMLParser` is the test that a chart is well-formed; the elements let tests check geometry.
struct SVGDocument {
    struct Element {
        let name: String
        let attributes: [String: String]
        var text: String
        /// Names of the enclosing elements, outermost first.
        let path: [String]

        func number(_ attribute: String) -> Double? { attributes[attribute].flatMap(Double.init) }
    }

    let elements: [Element]

    /// Parses `xml`; nil when it is not well-formed.
    init?(_ xml: String) {
        let delegate = Collector()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = delegate
        guard parser.parse() else { return nil }
        elements = delegate.elements
    }

    func all(_ name: String, class className: String? = nil) -> [Element] {
        elements.filter { $0.name == name && (className == nil || $0.attributes["class"]?.split(separator: " ").contains(Substring(className!)) == true) }
    }

    /// All text content, concatenated.
    var text: String { elements.map(\.text).joined(separator: "\n") }

    private final class Collector: NSObject, XMLParserDelegate {
        var elements: [Element] = []
        var stack: [Int] = []

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
                    attributes attributeDict: [String: String] = [:]) {
            let path = stack.map { elements[$0].name }
            elements.append(Element(name: elementName, attributes: attributeDict, text: "", path: path))
            stack.append(elements.count - 1)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            stack.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if let top = stack.last { elements[top].text += string }
        }
    }
}
