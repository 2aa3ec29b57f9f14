"""Reads a GIFT file with pygiftparser (PyPI) and prints each question as JSON: the independent GIFT consumer."""
import json
import re
import sys

import pygiftparser.parser as gift

from common import html_to_text


def unescape(text):
    return re.sub(r"\\(.)", r"\1", text or "")


def main(path):
    with open(path, encoding="utf-8") as f:
        questions = gift.parseFile(f)
    out = []
    for q in questions:
        answers = getattr(q.answers, "answers", [])
        out.append({
            "valid": bool(q.valid),
            "title": unescape(q.title),
            "markup": q.markup,
            "category": q.cat,
            "kind": type(q.answers).__name__,
            "stem": html_to_text(unescape(q.text)),
            "options": [html_to_text(unescape(a.answer)) for a in answers],
            "feedback": [html_to_text(unescape(a.feedback)) for a in answers],
            "correct": [bool(a.select) or (a.fraction or 0) > 0 for a in answers],
            "fractions": [a.fraction for a in answers],
            "general_feedback": html_to_text(unescape(q.generalFeedback)),
        })
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
