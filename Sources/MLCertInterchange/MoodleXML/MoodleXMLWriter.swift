import MLCertCore

/// Writes items as a Moodle XML question bank.
///
/// One `multichoice` question per item, grouped by `category` questions (`$course$/top/mlcert/<credential>/<domain>`).
/// The scenario and question are the HTML question text, each option's rationale is its answer feedback, and the
/// explanation is the general feedback. A single-answer item gives its key 100% and `single` true; a "choose N" item
/// gives each key 100/N % and each distractor -100 %, so a learner who picks a wrong option with the keys scores
/// zero. The id is both `name` and `idnumber`, tags are Moodle tags, and an `mlcert:` comment carries the
/// blueprint, objective, skill area, difficulty, version and check date.
public enum MoodleXMLWriter {
    public static func write(_ items: [Item]) throws(InterchangeError) -> String {
        var xml = XMLBuilder(location: "Moodle XML")
        try xml.start("quiz")
        var category: String?
        for item in items {
            let path = "$course$/top/mlcert/\(item.credential)/\(item.domain)"
            if path != category {
                try xml.start("question", [("type", "category")])
                try xml.start("category")
                try xml.element("text", text: path)
                xml.end()
                xml.end()
                category = path
            }
            try question(item, into: &xml)
        }
        xml.end()
        return xml.text
    }

    static func question(_ item: Item, into xml: inout XMLBuilder) throws(InterchangeError) {
        xml.location = "item \(item.id)"
        try xml.start("question", [("type", "multichoice")])
        xml.comment(ItemMetadata(item: item).line)
        try xml.start("name")
        try xml.element("text", text: item.id)
        xml.end()
        try xml.start("questiontext", [("format", "html")])
        try xml.element("text", text: HTMLText.paragraphs([item.scenario, item.question]))
        xml.end()
        try xml.start("generalfeedback", [("format", "html")])
        try xml.element("text", text: HTMLText.escape(item.explanation))
        xml.end()
        try xml.element("defaultgrade", text: "1")
        try xml.element("penalty", text: "0")
        try xml.element("hidden", text: "0")
        try xml.element("idnumber", text: item.id)
        try xml.element("single", text: item.type == .single ? "true" : "false")
        try xml.element("shuffleanswers", text: "false")
        try xml.element("answernumbering", text: "ABCD")
        let keyWeight = item.type == .multiple ? GIFTWriter.formatWeight(100.0 / Double(max(item.choose, 1))) : "100"
        let wrongWeight = item.type == .multiple ? "-100" : "0"
        for option in item.options {
            try xml.start("answer", [("fraction", option.correct ? keyWeight : wrongWeight), ("format", "html")])
            try xml.element("text", text: HTMLText.escape(option.text))
            try xml.start("feedback", [("format", "html")])
            try xml.element("text", text: HTMLText.escape(option.rationale))
            xml.end()
            xml.end()
        }
        if !item.tags.isEmpty {
            try xml.start("tags")
            for tag in item.tags {
                try xml.start("tag")
                try xml.element("text", text: tag)
                xml.end()
            }
            xml.end()
        }
        xml.end()
    }
}
