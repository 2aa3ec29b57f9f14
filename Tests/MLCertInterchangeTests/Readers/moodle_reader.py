"""Checks a Moodle XML file's shape with lxml and reads it with moodle-xml-parser (PyPI); prints JSON.

Moodle publishes no XML schema for its question format, so the shape check encodes what Moodle's own XML importer
reads for a multichoice question: the allowed children, a numeric fraction on every answer, positive fractions
adding up to 100 %, and `single` matching the number of keys.
"""
import json
import sys

from lxml import etree
import moodle_xml_parser.parser as moodle

from common import html_to_text

ALLOWED = {
    "name", "questiontext", "generalfeedback", "defaultgrade", "penalty", "hidden", "idnumber", "single",
    "shuffleanswers", "answernumbering", "showstandardinstruction", "correctfeedback", "partiallycorrectfeedback",
    "incorrectfeedback", "shownumcorrect", "answer", "hint", "tags",
}


def check(root):
    problems = []
    if root.tag != "quiz":
        problems.append(f"root is <{root.tag}>, not <quiz>")
    for q in root.findall("question"):
        where = f"line {q.sourceline}"
        kind = q.get("type")
        if kind == "category":
            if not (q.findtext("category/text") or "").strip():
                problems.append(f"{where}: category without a path")
            continue
        if kind != "multichoice":
            problems.append(f"{where}: unexpected type {kind}")
            continue
        for child in q:
            if isinstance(child.tag, str) and child.tag not in ALLOWED:
                problems.append(f"{where}: unknown element <{child.tag}>")
        for required in ("name/text", "questiontext/text", "single"):
            if q.find(required) is None:
                problems.append(f"{where}: missing {required}")
        if q.find("questiontext").get("format") not in ("html", "moodle_auto_format", "plain_text", "markdown"):
            problems.append(f"{where}: questiontext format {q.find('questiontext').get('format')}")
        fractions = []
        for a in q.findall("answer"):
            try:
                fractions.append(float(a.get("fraction")))
            except (TypeError, ValueError):
                problems.append(f"{where}: answer without a numeric fraction")
            if a.find("text") is None:
                problems.append(f"{where}: answer without text")
        positive = [f for f in fractions if f > 0]
        single = q.findtext("single").strip() == "true"
        if single and positive != [100.0]:
            problems.append(f"{where}: single-answer question with fractions {fractions}")
        if not single and abs(sum(positive) - 100) > 0.01:
            problems.append(f"{where}: keys add up to {sum(positive)} %")
    return problems


def main(path):
    root = etree.parse(path).getroot()
    problems = check(root)
    parsed = moodle.parse_file(path)
    questions = []
    category = None
    for q in root.findall("question"):
        if q.get("type") == "category":
            category = q.findtext("category/text")
            continue
        questions.append({
            "name": q.findtext("name/text"),
            "idnumber": q.findtext("idnumber"),
            "category": category,
            "single": q.findtext("single") == "true",
            "stem": html_to_text(q.findtext("questiontext/text")),
            "options": [html_to_text(a.findtext("text")) for a in q.findall("answer")],
            "feedback": [html_to_text(a.findtext("feedback/text")) for a in q.findall("answer")],
            "fractions": [float(a.get("fraction")) for a in q.findall("answer")],
            "general_feedback": html_to_text(q.findtext("generalfeedback/text")),
            "tags": [t.findtext("text") for t in q.findall("tags/tag")],
        })
    library = [{"name": q.name, "single": q.single, "fractions": [float(o.score_fraction) for o in q.options],
                "feedback": [html_to_text(o.feedback) for o in q.options]} for q in parsed.get("multichoice", [])]
    json.dump({"problems": problems, "questions": questions, "library": library}, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
