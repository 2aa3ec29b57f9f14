"""Checks QTI 2.1 and 3.0 content packages and prints what they hold as JSON.

The IMS/1EdTech XSDs cannot be fetched on this machine, so there is no schema validation. Instead: (1) lxml checks the
structure a QTI player depends on (manifest namespace and resource types, every href present, item namespace, a
choice interaction whose correct response names real choices, cardinality agreeing with maxChoices, response
processing and feedback present); (2) citolab-qti-convert (PyPI), an independent QTI converter, upgrades the 2.1
package to 3.0 and downgrades the 3.0 package to 2.1, and the items it produces must say the same as mlcert's own
export in the other version.
"""
import io
import json
import sys
import zipfile

from lxml import etree
import qti_convert

from common import html_to_text

NS = {
    "2.1": ("http://www.imsglobal.org/xsd/imscp_v1p1", "imsqti_item_xmlv2p1", "http://www.imsglobal.org/xsd/imsqti_v2p1"),
    "3.0": ("http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1", "imsqti_item_xmlv3p0", "http://www.imsglobal.org/xsd/imsqtiasi_v3p0"),
}


def local(el):
    return etree.QName(el).localname


def canonical(name):
    if name.startswith("qti-"):
        parts = name[4:].split("-")
        return parts[0] + "".join(p.title() for p in parts[1:])
    return name


def attr(el, name):
    kebab = "".join("-" + c.lower() if c.isupper() else c for c in name)
    return el.get(name, el.get(kebab))


def find_all(el, name):
    return [e for e in el.iter() if isinstance(e.tag, str) and canonical(local(e)) == name]


def inner(el, skip=()):
    """The element's content as markup, leaving out descendants named in skip."""
    copy = etree.fromstring(etree.tostring(el))
    for e in list(copy.iter()):
        if isinstance(e.tag, str) and canonical(local(e)) in skip and e is not copy:
            tail = e.tail
            parent = e.getparent()
            parent.remove(e)
            if tail:
                prev = parent[-1] if len(parent) else None
                if prev is not None:
                    prev.tail = (prev.tail or "") + tail
                else:
                    parent.text = (parent.text or "") + tail
    text = etree.tostring(copy, encoding="unicode", with_tail=False)
    text = text[text.index(">") + 1: text.rindex("<")] if ">" in text and "</" in text else ""
    # drop namespace-qualified tag names so html_to_text sees plain tags
    return text


def summarize(xml_bytes, version, problems, where):
    root = etree.fromstring(xml_bytes)
    expected_ns = NS[version][2]
    if etree.QName(root).namespace != expected_ns:
        problems.append(f"{where}: namespace {etree.QName(root).namespace}, expected {expected_ns}")
    if canonical(local(root)) != "assessmentItem":
        problems.append(f"{where}: root <{local(root)}>")
    interactions = find_all(root, "choiceInteraction")
    if len(interactions) != 1:
        problems.append(f"{where}: {len(interactions)} choice interactions")
        return None
    interaction = interactions[0]
    declaration = [d for d in find_all(root, "responseDeclaration") if d.get("identifier") == attr(interaction, "responseIdentifier")]
    if len(declaration) != 1:
        problems.append(f"{where}: no response declaration for the interaction")
        return None
    cardinality = declaration[0].get("cardinality")
    correct = [v.text for v in find_all(declaration[0], "value")]
    choices = find_all(interaction, "simpleChoice")
    ids = [c.get("identifier") for c in choices]
    if not set(correct) <= set(ids):
        problems.append(f"{where}: correct response {correct} not among choices {ids}")
    max_choices = int(attr(interaction, "maxChoices") or "0")
    if (cardinality == "single") != (max_choices == 1):
        problems.append(f"{where}: cardinality {cardinality} with maxChoices {max_choices}")
    if cardinality == "single" and len(correct) != 1:
        problems.append(f"{where}: single cardinality with {len(correct)} correct values")
    if not find_all(root, "responseProcessing"):
        problems.append(f"{where}: no response processing")
    feedback = []
    for c in choices:
        inline = find_all(c, "feedbackInline")
        if len(inline) != 1 or inline[0].get("identifier") != c.get("identifier"):
            problems.append(f"{where}: choice {c.get('identifier')} lacks its inline feedback")
        feedback.append(html_to_text(inner(inline[0])) if inline else "")
    prompt = find_all(interaction, "prompt")
    body = find_all(root, "itemBody")[0]
    scenario = [html_to_text(inner(p)) for p in body if isinstance(p.tag, str) and local(p) == "p"]
    modal = find_all(root, "modalFeedback")
    return {
        "identifier": root.get("identifier"),
        "title": root.get("title"),
        "cardinality": cardinality,
        "max_choices": max_choices,
        "correct": correct,
        "choices": [html_to_text(inner(c, skip=("feedbackInline",))) for c in choices],
        "feedback": feedback,
        "prompt": html_to_text(inner(prompt[0])) if prompt else "",
        "scenario": "\n\n".join(scenario),
        "explanation": html_to_text(inner(modal[0])) if modal else "",
    }


def read_package(files, version, problems, label):
    manifest = etree.fromstring(files["imsmanifest.xml"] if isinstance(files["imsmanifest.xml"], bytes) else files["imsmanifest.xml"].encode())
    cp_ns, resource_type, _ = NS[version]
    if etree.QName(manifest).namespace != cp_ns:
        problems.append(f"{label} manifest: namespace {etree.QName(manifest).namespace}, expected {cp_ns}")
    items = {}
    for resource in manifest.iter("{%s}resource" % cp_ns):
        href = resource.get("href")
        if resource.get("type") != resource_type:
            problems.append(f"{label} manifest: resource {href} has type {resource.get('type')}")
        if href not in files:
            problems.append(f"{label} manifest: {href} is not in the package")
            continue
        file_hrefs = [f.get("href") for f in resource.iter("{%s}file" % cp_ns)]
        if href not in file_hrefs:
            problems.append(f"{label} manifest: resource {href} does not list its file")
        data = files[href]
        summary = summarize(data if isinstance(data, bytes) else data.encode(), version, problems, f"{label} {href}")
        if summary:
            items[summary["identifier"]] = summary
    return items


def unzip(path):
    with zipfile.ZipFile(path) as z:
        return {name: z.read(name) for name in z.namelist()}


def main(path21, path30):
    problems = []
    ours21 = read_package(unzip(path21), "2.1", problems, "qti21")
    ours30 = read_package(unzip(path30), "3.0", problems, "qti30")
    upgraded = read_package(qti_convert.upgrade_package(path21).files, "3.0", problems, "upgraded")
    downgraded_result = qti_convert.downgrade_package(path30)
    downgraded = read_package(downgraded_result.files, "2.1", problems, "downgraded")
    json.dump({
        "problems": problems,
        "items": ours21,
        "same_as_30": sorted(k for k in ours21 if ours30.get(k) == ours21[k]),
        "upgrade_matches_30": sorted(k for k in ours30 if upgraded.get(k) == ours30[k]),
        "downgrade_matches_21": sorted(k for k in ours21 if downgraded.get(k) == ours21[k]),
        "downgrade_warnings": [str(w) for w in getattr(downgraded_result, "warnings", [])],
    }, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
