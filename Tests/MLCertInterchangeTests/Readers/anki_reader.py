"""Reads an Anki .apkg two ways and prints JSON: Python's sqlite3 opens its collection.anki2 and lists notes, cards
and decks; then the official `anki` library (PyPI) imports the package into a fresh collection, as the Anki app does.
"""
import json
import os
import sqlite3
import sys
import tempfile
import zipfile


def read_sqlite(path):
    problems = []
    tmp = tempfile.mkdtemp()
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        for required in ("collection.anki2", "media"):
            if required not in names:
                problems.append(f"{required} missing from the package")
        z.extract("collection.anki2", tmp)
        media = json.loads(z.read("media"))
    db = sqlite3.connect(os.path.join(tmp, "collection.anki2"))
    (integrity,) = db.execute("PRAGMA integrity_check").fetchone()
    if integrity != "ok":
        problems.append(f"integrity_check: {integrity}")
    cols = db.execute("SELECT ver, models, decks FROM col").fetchall()
    if len(cols) != 1:
        problems.append(f"{len(cols)} rows in col")
    ver, models, decks = cols[0]
    models = json.loads(models)
    decks = json.loads(decks)
    deck_names = {int(k): v["name"] for k, v in decks.items()}
    notes = []
    for nid, guid, mid, tags, flds, sfld in db.execute("SELECT id, guid, mid, tags, flds, sfld FROM notes ORDER BY id"):
        model = models.get(str(mid))
        if model is None:
            problems.append(f"note {nid} uses unknown model {mid}")
            continue
        fields = flds.split("\x1f")
        names = [f["name"] for f in sorted(model["flds"], key=lambda f: f["ord"])]
        if len(fields) != len(names):
            problems.append(f"note {nid}: {len(fields)} fields for {len(names)} names")
        cards = db.execute("SELECT did, ord, type, queue FROM cards WHERE nid = ?", (nid,)).fetchall()
        if len(cards) != len(model["tmpls"]):
            problems.append(f"note {nid}: {len(cards)} cards for {len(model['tmpls'])} templates")
        notes.append({
            "guid": guid,
            "fields": dict(zip(names, fields)),
            "tags": tags.split(),
            "decks": sorted({deck_names.get(c[0], f"?{c[0]}") for c in cards}),
        })
    orphans = db.execute("SELECT COUNT(*) FROM cards WHERE nid NOT IN (SELECT id FROM notes)").fetchone()[0]
    if orphans:
        problems.append(f"{orphans} cards without a note")
    return {"version": ver, "media": media, "notes": notes, "decks": sorted(deck_names.values()), "problems": problems}


def import_with_anki(path):
    from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

    tmp = tempfile.mkdtemp()
    col = Collection(os.path.join(tmp, "fresh.anki2"))
    try:
        request = ImportAnkiPackageRequest(package_path=path, options=ImportAnkiPackageOptions(with_scheduling=False))
        log = col.import_anki_package(request).log
        card_ids = col.find_cards("")
        decks = sorted(d.name for d in col.decks.all_names_and_ids())
        question = col.get_card(card_ids[0]).question() if card_ids else ""
        return {
            "found_notes": log.found_notes, "new": len(log.new), "duplicate": len(log.duplicate),
            "conflicting": len(log.conflicting), "notes": col.note_count(), "cards": col.card_count(),
            "decks": decks, "renders_question": "question" in question,
        }
    finally:
        col.close()


def main(path):
    result = read_sqlite(path)
    # The library wants the .apkg extension.
    if not path.endswith(".apkg"):
        renamed = os.path.join(tempfile.mkdtemp(), "deck.apkg")
        with open(path, "rb") as src, open(renamed, "wb") as dst:
            dst.write(src.read())
        path = renamed
    result["anki"] = import_with_anki(path)
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
