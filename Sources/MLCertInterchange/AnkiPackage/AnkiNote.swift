import MLCertCore

/// What one item becomes in Anki: the fields of an mlcert note, its deck and its tags.
///
/// The front shows the scenario, the question and the lettered options; the back adds the key, the explanation and
/// every option's rationale, so a learner who picked a distractor sees why it is wrong. Fields are HTML with the
/// item's text escaped, as Anki renders fields as HTML.
struct AnkiNote: Hashable, Sendable {
    static let fieldNames = ["ID", "Scenario", "Question", "Options", "Answer", "Explanation", "Rationales", "Objective"]

    let itemID: String
    let fields: [String]
    let deck: String
    let tags: [String]

    init(_ item: Item, deckPrefix: String) {
        let e = HTMLText.escape
        itemID = item.id
        let options = "<ol type=\"A\">" + item.options.map { "<li>\(e($0.text))</li>" }.joined() + "</ol>"
        let answer = item.keyIndices.map { "<b>\(ItemOption.letter(for: $0))</b> \(e(item.options[$0].text))" }.joined(separator: "<br>")
        let rationales = "<ol type=\"A\">" + item.options.map { "<li><b>\($0.correct ? "Correct" : "Wrong")</b>: \(e($0.rationale))</li>" }.joined() + "</ol>"
        fields = [
            e(item.id), e(item.scenario), e(item.question), options, answer, e(item.explanation), rationales,
            e("\(item.credential) · \(item.domain) · objective \(item.objective) · \(item.difficulty.rawValue)"),
        ]
        deck = [deckPrefix, item.credential, item.domain].joined(separator: "::")
        tags = ["mlcert::\(item.credential)::objective::\(Self.tag(item.objective))", "mlcert::difficulty::\(item.difficulty.rawValue)"]
            + item.tags.map(Self.tag)
    }

    /// Anki tags are separated by spaces, so a space inside a tag becomes `_`.
    static func tag(_ text: String) -> String {
        String(text.map { $0.isWhitespace ? "_" : $0 })
    }

    static let css = """
        .card { font-family: sans-serif; font-size: 18px; text-align: left; color: black; background-color: white; }
        .scenario { margin-bottom: 0.8em; }
        .question { font-weight: bold; margin-bottom: 0.5em; }
        .answer { margin: 0.8em 0; }
        .source { margin-top: 1em; font-size: 12px; color: #777; }
        """

    static let front = "<div class=\"scenario\">{{Scenario}}</div>\n<div class=\"question\">{{Question}}</div>\n{{Options}}"
    static let back = "{{FrontSide}}\n<hr id=answer>\n<div class=\"answer\">{{Answer}}</div>\n<div class=\"explanation\">{{Explanation}}</div>\n{{Rationales}}\n<div class=\"source\">{{ID}} · {{Objective}}</div>"
}
