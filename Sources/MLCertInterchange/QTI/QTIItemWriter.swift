import MLCertCore

/// Writes one item as a QTI assessment item: a choice interaction with single or multiple cardinality, explicit
/// response processing, per-option feedback and the explanation as modal feedback.
///
/// The scenario is a paragraph of the item body and the question the interaction's prompt. Each option is a
/// `simpleChoice` A, B, ... whose rationale is an inline feedback shown when that option was chosen (the response is
/// copied into the `FEEDBACK` outcome). Scoring is all-or-nothing, as the real exams score "choose N": `SCORE` is 1
/// when the response matches the correct response exactly. The explanation is modal feedback shown after any
/// response. A comment carries mlcert's classification, credential, domain and tags, which QTI items have no element
/// for.
struct QTIItemWriter {
    let dialect: QTIDialect

    /// An identifier QTI accepts (an XML NCName): letters, digits, `-`, `_` and `.`, not starting with a digit.
    static func identifier(for id: String) -> String {
        var out = String(id.map { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) ? $0 : "_" })
        if out.first.map({ !($0.isLetter || $0 == "_") }) ?? true { out = "_" + out }
        return out
    }

    func write(_ item: Item) throws(InterchangeError) -> String {
        let d = dialect
        func el(_ name: String) -> String { d.element(name) }
        func at(_ name: String) -> String { d.attribute(name) }
        func xhtml(_ text: String) throws(InterchangeError) -> String {
            try XMLText.escape(text, at: "item \(item.id)").replacingOccurrences(of: "\n", with: "<br/>")
        }
        let identifier = Self.identifier(for: item.id)
        let cardinality = item.type == .multiple ? "multiple" : "single"
        var xml = XMLBuilder(location: "item \(item.id)")
        try xml.start(el("assessmentItem"), [
            ("xmlns", d.itemNamespace), ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            ("xsi:schemaLocation", d.itemSchemaLocation), ("identifier", identifier), ("title", item.id),
            ("adaptive", "false"), (at("timeDependent"), "false"),
        ])
        var metadata = ItemMetadata(item: item, including: ["credential", "domain", "tags"])
        if identifier != item.id { metadata.fields.insert((key: "id", value: item.id), at: 0) }
        xml.comment(metadata.line)
        try xml.start(el("responseDeclaration"), [("identifier", "RESPONSE"), ("cardinality", cardinality), (at("baseType"), "identifier")])
        try xml.start(el("correctResponse"))
        for letter in item.keyLetters { try xml.element(el("value"), text: letter) }
        xml.end()
        xml.end()
        try xml.start(el("outcomeDeclaration"), [("identifier", "SCORE"), ("cardinality", "single"), (at("baseType"), "float")])
        try xml.start(el("defaultValue"))
        try xml.element(el("value"), text: "0")
        xml.end()
        xml.end()
        try xml.element(el("outcomeDeclaration"), [("identifier", "FEEDBACK"), ("cardinality", cardinality), (at("baseType"), "identifier")])
        try xml.element(el("outcomeDeclaration"), [("identifier", "EXPLANATION"), ("cardinality", "single"), (at("baseType"), "identifier")])

        try xml.start(el("itemBody"))
        if !item.scenario.isEmpty { xml.raw("<p>\(try xhtml(item.scenario))</p>") }
        try xml.start(el("choiceInteraction"), [
            (at("responseIdentifier"), "RESPONSE"), ("shuffle", "false"), (at("maxChoices"), String(item.choose)), (at("minChoices"), "0"),
        ])
        xml.raw("<\(el("prompt"))>\(try xhtml(item.question))</\(el("prompt"))>")
        for (index, option) in item.options.enumerated() {
            let letter = ItemOption.letter(for: index)
            let feedback = "<\(el("feedbackInline")) \(at("outcomeIdentifier"))=\"FEEDBACK\" identifier=\"\(letter)\" \(at("showHide"))=\"show\">"
                + "\(try xhtml(option.rationale))</\(el("feedbackInline"))>"
            xml.raw("<\(el("simpleChoice")) identifier=\"\(letter)\">\(try xhtml(option.text))\(feedback)</\(el("simpleChoice"))>")
        }
        xml.end()
        xml.end()

        try xml.start(el("responseProcessing"))
        try xml.start(el("responseCondition"))
        try xml.start(el("responseIf"))
        try xml.start(el("match"))
        try xml.element(el("variable"), [("identifier", "RESPONSE")])
        try xml.element(el("correct"), [("identifier", "RESPONSE")])
        xml.end()
        try setOutcome("SCORE", baseType: "float", value: "1", into: &xml)
        xml.end()
        try xml.start(el("responseElse"))
        try setOutcome("SCORE", baseType: "float", value: "0", into: &xml)
        xml.end()
        xml.end()
        try xml.start(el("setOutcomeValue"), [("identifier", "FEEDBACK")])
        try xml.element(el("variable"), [("identifier", "RESPONSE")])
        xml.end()
        try setOutcome("EXPLANATION", baseType: "identifier", value: "explanation", into: &xml)
        xml.end()

        try xml.start(el("modalFeedback"), [(at("outcomeIdentifier"), "EXPLANATION"), ("identifier", "explanation"), (at("showHide"), "show")])
        if dialect == .v3p0 {
            xml.raw("<qti-content-body><p>\(try xhtml(item.explanation))</p></qti-content-body>")
        } else {
            xml.raw("<p>\(try xhtml(item.explanation))</p>")
        }
        xml.end()
        xml.end()
        return xml.text
    }

    private func setOutcome(_ identifier: String, baseType: String, value: String, into xml: inout XMLBuilder) throws(InterchangeError) {
        try xml.start(dialect.element("setOutcomeValue"), [("identifier", identifier)])
        try xml.element(dialect.element("baseValue"), [(dialect.attribute("baseType"), baseType)], text: value)
        xml.end()
    }
}
