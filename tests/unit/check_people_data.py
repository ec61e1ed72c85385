#!/usr/bin/env python3
"""Validate data/actors/people.tsv (officials with terms).

Checks the header, 8 columns, dates (YYYY-MM-DD or YYYY, from <= to),
gender, KEY (ISO 3166-1 alpha-3 or an organisation key), ROLE codes, role
phrases (against roles.tsv when it exists), sort order, titles in variants,
that no folded name or variant belongs to two people (unless in AMBIGUOUS)
or to a country or organisation, and coverage: every G20, NATO and EU
country has a head of state/government and a foreign minister in 2015-2025.
Prints each failure as file:line: message, then "N passed, M failed";
exits 1 on any failure.  Python 3 standard library only.

    python3 tests/unit/check_people_data.py [DATA_DIR]
"""

import datetime
import json
import os
import re
import sys
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ISO_JSON = "/usr/share/iso-codes/json/iso_3166-1.json"

# Organisation keys allowed besides ISO3 (orgs.tsv keys are added at run time).
ORG_KEYS = {"NATO", "EU", "UN", "OSCE", "AU", "ASEAN", "OPEC", "IAEA", "WHO",
            "IMF", "WB", "ICC", "G7", "G20", "CSTO", "SCO", "ARAB_LEAGUE", "GCC",
            "ECOWAS", "OAS", "WTO", "COE", "OPCW"}
ROLE_CODES = {"GOV", "MIL", "LEG", "JUD", "COP", "OPP", "REB", "BUS", "MED",
              "CVL", "ELI", "IGO"}
# Folded variants deliberately shared by two people (resolved by term dates).
AMBIGUOUS = {"sharif"}
# Words that are titles, not names: a variant must not start with one.
TITLES = {"president", "king", "queen", "prime", "minister", "sheikh", "shaikh",
          "prince", "princess", "emperor", "sultan", "emir", "ayatollah", "sir",
          "lord", "dame", "dr", "dr.", "mr", "mr.", "mrs", "ms", "general", "gen.",
          "chancellor", "secretary", "premier", "crown", "grand", "sayyid", "seyed"}
HEAD_ROLES = {"president", "prime minister", "chancellor", "king", "queen",
              "emir", "sultan", "grand duke", "emperor", "supreme leader", "premier"}
FM_ROLES = {"foreign minister", "secretary of state", "foreign secretary"}
G20 = "ARG AUS BRA CAN CHN FRA DEU IND IDN ITA JPN KOR MEX RUS SAU ZAF TUR GBR USA"
NATO = ("ALB BEL BGR CAN HRV CZE DNK EST FIN FRA DEU GRC HUN ISL ITA LVA LTU LUX "
        "MNE NLD MKD NOR POL PRT ROU SVK SVN ESP SWE TUR GBR USA")
EU = ("AUT BEL BGR HRV CYP CZE DNK EST FIN FRA DEU GRC HUN IRL ITA LVA LTU LUX "
      "MLT NLD POL PRT ROU SVK SVN ESP SWE")
EXTRA = "UKR BLR IRN ISR ARE QAT KWT BHR OMN PRK PAK"
WINDOW = (datetime.date(2015, 1, 1), datetime.date(2025, 12, 31))


def fold(s):
    """Fold as sitrep matches: case, diacritics, curly quotes, dashes."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.translate(str.maketrans("\u2018\u2019\u02bc\u201c\u201d\u2013\u2014\u2010",
                                  "'''\"\"---"))
    return " ".join(s.lower().split())


class Checker:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, ok, where, msg):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print(f"{where}: {msg}")
        return ok


def parse_date(s, end):
    """YYYY-MM-DD or YYYY (a year means its first or last day); None if bad."""
    try:
        if re.fullmatch(r"\d{4}", s):
            return datetime.date(int(s), 12, 31) if end else datetime.date(int(s), 1, 1)
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
            return datetime.date.fromisoformat(s)
    except ValueError:
        return None
    return None


def read_table(path, ncols, cols_wanted):
    """Folded phrases in columns cols_wanted of a |-list table ('-' = none)."""
    out = {}
    if not os.path.exists(path):
        return out
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            c = line.rstrip("\n").split("\t")
            if len(c) != ncols:
                continue
            for i in cols_wanted:
                for it in c[i].split("|"):
                    if it and it != "-":
                        out.setdefault(fold(it.split("=")[0]), c[0])
    return out


def main():
    data = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "data")
    path = os.path.join(data, "actors/people.tsv")
    t = Checker()
    with open(ISO_JSON, encoding="utf-8") as f:
        iso3 = {e["alpha_3"] for e in json.load(f)["3166-1"]}
    t.check(len(iso3) == 249, ISO_JSON, f"{len(iso3)} ISO codes, want 249")
    keys = set(ORG_KEYS)
    with open(os.path.join(data, "actors/orgs.tsv"), encoding="utf-8") as f:
        keys |= {l.split("\t")[0] for l in f if l.strip() and not l.startswith("#")}
    roles_path = os.path.join(data, "actors/roles.tsv")
    roles = None
    if os.path.exists(roles_path):
        roles = set(read_table(roles_path, 4, [0]))
    # Names of countries and organisations a person's variant must not shadow.
    actors = read_table(os.path.join(data, "actors/countries.tsv"), 6, [2, 3, 4, 5])
    actors.update(read_table(os.path.join(data, "actors/orgs.tsv"), 4, [2, 3]))

    with open(path, encoding="utf-8") as f:
        text = f.read()
    t.check(text.endswith("\n"), path, "does not end with a newline")
    lines = text.split("\n")[:-1]
    header = []
    for line in lines:
        if not line.startswith("#"):
            break
        header.append(line.lower())
    htext = "\n".join(header)
    t.check(len(header) >= 3, path, "header has fewer than 3 # lines")
    for word in ("format", "source", "licen", "date"):
        t.check(word in htext, path, f"header does not mention '{word}'")

    owner = {}        # folded phrase -> (name, where)
    person = {}       # name -> (gender, variants)
    prev_sort = None
    heads, fms = {}, {}
    rows = 0
    for n, line in enumerate(lines, 1):
        if line.startswith("#"):
            continue
        where = f"{path}:{n}"
        if not t.check(line.strip() != "", where, "blank line"):
            continue
        c = line.split("\t")
        if not t.check(len(c) == 8, where, f"expected 8 columns, got {len(c)}"):
            continue
        rows += 1
        name, key, role, phrase, fr, to, gender, variants = c
        t.check(all(x == x.strip() for x in c) and name and phrase, where,
                "empty or padded field")
        t.check(key in iso3 or key in keys, where, f"unknown KEY '{key}'")
        t.check(role in ROLE_CODES, where, f"unknown ROLE '{role}'")
        if roles is not None:
            t.check(fold(phrase) in roles, where, f"role '{phrase}' not in roles.tsv")
        t.check(gender in ("m", "f"), where, f"bad gender '{gender}'")
        d0 = parse_date(fr, False)
        d1 = parse_date(to, True) if to else datetime.date.max
        t.check(d0 is not None, where, f"bad from date '{fr}'")
        t.check(d1 is not None, where, f"bad to date '{to}'")
        if d0 and d1:
            t.check(d0 <= d1, where, f"from {fr} after to {to}")
            if d0 <= WINDOW[1] and d1 >= WINDOW[0]:
                if phrase in HEAD_ROLES:
                    heads.setdefault(key, n)
                if phrase in FM_ROLES:
                    fms.setdefault(key, n)
        if d0:
            sk = (key, d0)
            t.check(prev_sort is None or prev_sort <= sk, where,
                    "not sorted by KEY then from-date")
            prev_sort = sk
        items = [] if variants == "-" else variants.split("|")
        for it in items:
            t.check(it != "" and it == it.strip(), where, f"empty or padded variant in '{variants}'")
            first = it.split()[0].lower() if it.split() else ""
            t.check(first not in TITLES, where, f"variant '{it}' starts with a title")
            t.check(fold(it) != fold(name), where, f"variant '{it}' repeats the name")
        g_v = (gender, frozenset(fold(x) for x in items))
        if name in person:
            pg, pv = person[name]
            t.check(pg == gender, where, f"gender of {name} differs from an earlier line")
            if items:
                t.check(pv == g_v[1] or not pv, where, f"variants of {name} differ from an earlier line")
            if not pv:
                person[name] = g_v
            continue
        person[name] = g_v
        for ph in [name] + items:
            k = fold(ph)
            if k in actors:
                t.check(False, where, f"'{ph}' is also the name of actor {actors[k]}")
            if roles is not None and k in roles:
                t.check(False, where, f"'{ph}' is also a role phrase")
            prev = owner.get(k)
            if prev is None:
                owner[k] = (name, where)
            elif prev[0] != name:
                t.check(k in AMBIGUOUS, where,
                        f"'{ph}' belongs to {name} here and to {prev[0]} at {prev[1]}")

    t.check(rows >= 700, path, f"only {rows} lines (want >= 700)")
    for k in sorted(set((G20 + " " + NATO + " " + EU + " " + EXTRA).split())):
        t.check(k in heads, path, f"{k}: no head of state/government in 2015-2025")
        t.check(k in fms, path, f"{k}: no foreign minister in 2015-2025")
    for org in ("UN", "NATO", "EU", "IAEA", "WHO", "IMF", "WB", "ICC", "OPEC", "WTO"):
        t.check(any(k == org for k in keys) and org in {
            l.split("\t")[1] for l in lines if l and not l.startswith("#")
            and len(l.split("\t")) == 8}, path, f"no head of {org}")
    print(f"{t.passed} passed, {t.failed} failed")
    return 1 if t.failed else 0


if __name__ == "__main__":
    sys.exit(main())
