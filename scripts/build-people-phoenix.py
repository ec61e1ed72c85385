#!/usr/bin/env python3
"""Build data/actors/people-phoenix.tsv from the Phoenix actor dictionaries.

Reads Phoenix.Countries.actors.txt, Phoenix.International.actors.txt and
Phoenix.MilNonState.actors.txt of openeventdata/petrarch2 (MIT licence,
petrarch2/data/dictionaries/), either from a directory holding them or from
a git directory of the repository (read with `git show HEAD:path`), and
writes sitrep's people format (data/README.md): one line per person and
term, key mapped to sitrep's keys (ISO3 countries, orgs.tsv keys for IGOs),
dates converted to YYYY-MM-DD.

    python3 scripts/build-people-phoenix.py --petrarch DIR_OR_GITDIR [-o FILE]

Kept: people with a dated term that reaches 2000 or later,
in a country of countries.tsv or an organisation of orgs.tsv.  Dropped:
names holding a title, role or place word ("PRESIDENT_PUTIN"), organisations
("..._PARTY"), names and variants already in the hand-kept lists (they win),
and one-word variants that are short, an English word or name of Debian's
wamerican list (/usr/share/dict/words), a gazetteer place, or shared by two
people.  Open-ended Phoenix terms (">100201") end five years after their
start, at most at the end of 2018 (the dictionaries' horizon).  The role
column says the CAMEO sector and Phoenix code, never a roles.tsv phrase, so
"the Russian minister" never resolves to a Phoenix person.  Output is sorted
and byte-for-byte repeatable.  Python 3 standard library only.
"""

import argparse
import os
import re
import subprocess
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
ACT = os.path.join(ROOT, "data", "actors")
FILES = ["Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
         "Phoenix.MilNonState.actors.txt"]
DATE = "2026-12-07"
HORIZON = "2018-12-31"
SECTORS = {"GOV": "government", "MIL": "military", "LEG": "legislature", "JUD": "judiciary",
           "OPP": "opposition", "REB": "rebels", "COP": "police", "SPY": "intelligence",
           "BUS": "business", "MED": "media", "ELI": "elite", "CVL": "civilian",
           "LAB": "labour", "EDU": "education", "HLH": "health", "HRI": "human rights",
           "NGO": "non-governmental", "REF": "refugees", "UAF": "armed group", "IGO": "organisation",
           "INS": "insurgents", "SEP": "separatists", "PTY": "party", "AGR": "agriculture",
           "DEV": "development", "ENV": "environment", "CRM": "crime", "RAD": "radicals",
           "MOD": "moderates", "CHR": "religion", "MUS": "religion", "JEW": "religion"}
KEEP_ROLES = {"GOV", "MIL", "LEG", "JUD", "OPP", "REB", "COP", "SPY", "ELI", "INS", "SEP", "UAF", "PTY"}
FIX_KEYS = {"KSV": "XKX", "KOS": "XKX", "SRP": "SRB", "TMP": "TLS", "ROM": "ROU", "ZAR": "COD"}
TITLES = set("""mr mrs ms miss dr prof sir lord lady dame sheikh sheik shaikh gen general lt col colonel
maj major capt captain adm admiral marshal field brig brigadier cmdr commander sgt rev reverend
father bishop archbishop cardinal pope imam mullah ayatollah hojatoleslam president presidents vice
prime minister ministers premier chancellor king queen prince princess emir amir sultan crown
secretary spokesman spokeswoman spokesperson ambassador envoy governor mayor senator rep
representative deputy chief head leader chairman chairwoman chair director former acting interim
foreign defence defense interior finance justice state speaker parliament mp lawmaker congressman
congresswoman judge justice official officials minister's un u.n. nato eu opposition rebel
commander-in-chief then late ex junta army police party""".split())
ORGWORDS = set("""party army ministry council forces force front movement committee union bank
organization organisation government parliament assembly court agency office department
company corporation group association federation league alliance brigade brigades battalion
militia police navy commission institute university fund program programme mission
coalition republic kingdom state states province authority""".split())


def fold(s):
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = s.replace("\u2019", "'").replace("-", " ").replace(".", ". ")
    return " ".join(s.split())


def read_tsv(name):
    out = []
    with open(os.path.join(ACT, name), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            out.append([c if c != "-" else "" for c in line.rstrip("\n").split("\t")])
    return out


def phoenix_text(src, name):
    if os.path.isdir(os.path.join(src, "objects")) or src.endswith(".git"):
        return subprocess.run(["git", "--git-dir", src, "show",
                               "HEAD:petrarch2/data/dictionaries/" + name],
                              check=True, capture_output=True).stdout.decode("utf-8", "replace")
    with open(os.path.join(src, name), encoding="utf-8", errors="replace") as f:
        return f.read()


def parse(text):
    """Yields (head, [variants], [codes]) for every entry of a TABARI actor file."""
    head, variants, codes = None, [], []
    for raw in text.split("\n"):
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if line[0] not in "+ \t[":
            if head:
                yield head, variants, codes
            name, _, rest = line.partition("[")
            head, variants, codes = name.strip(), [], re.findall(r"\[([^\]]*)\]", "[" + rest if rest else "")
        elif line[0] == "+":
            variants.append(line[1:].strip())
        else:
            codes += re.findall(r"\[([^\]]*)\]", line)
    if head:
        yield head, variants, codes


def date(s, end):
    s = s.strip()
    if len(s) == 6:
        yy = int(s[:2])
        s = ("19" if yy > 30 else "20") + s
    if len(s) != 8 or not s.isdigit():
        return None
    y, m, d = int(s[:4]), int(s[4:6]), int(s[6:])
    if not (1 <= m <= 12):
        return None
    d = max(1, min(d, 28 if m == 2 else 30 if m in (4, 6, 9, 11) else 31))
    return "%04d-%02d-%02d" % (y, m, d)


def terms(codes):
    """(code, from, to) of each bracket: 'AFGGOV 950101-960626', 'X >100201', 'X <061231', 'X'."""
    out = []
    for c in codes:
        parts = c.split()
        if not parts or parts[0].startswith("~") or parts[0] == "---":
            continue
        code, fr, to = parts[0], "", ""
        span = "".join(parts[1:])
        if span.startswith(">"):
            fr = date(span[1:], False)
            if fr is None:
                continue
            y = min(int(fr[:4]) + 5, 2018)
            to = max(fr, "%04d%s" % (y, fr[4:]) if y < 2018 else HORIZON)
        elif span.startswith("<"):
            to = date(span[1:], True)
            if to is None:
                continue
        elif "-" in span:
            a, b = span.split("-", 1)
            fr, to = date(a, False), date(b, True)
            if fr is None or to is None or to < fr:
                continue
        out.append((code, fr, to))
    return out


def pretty(tok):
    """AL-SISI -> al-Sisi is not always right; title-case each part, keep particles lower."""
    low = {"al", "el", "bin", "ibn", "bint", "de", "da", "do", "dos", "das", "del", "della", "di",
           "van", "von", "der", "den", "la", "le", "du", "ul", "ud", "y"}
    parts = re.split(r"([-'.])", tok.lower())
    out = []
    for i, p in enumerate(parts):
        if p in ("-", "'", "."):
            out.append(p)
        elif p in low and i + 1 < len(parts) and parts[i + 1] == "-":
            out.append(p)
        else:
            out.append(p[:1].upper() + p[1:])
    return "".join(out)


def name_of(raw):
    toks = [t for t in raw.strip().strip("_").replace(" ", "_").split("_") if t]
    if not toks or any(not re.fullmatch(r"[A-Za-z][A-Za-z.'\-]*", t) for t in toks):
        return None
    return " ".join(pretty(t) for t in toks)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--petrarch", required=True, help="petrarch2 git dir, or a directory with the Phoenix files")
    ap.add_argument("--words", default="/usr/share/dict/words")
    ap.add_argument("-o", "--out", default=os.path.join(ACT, "people-phoenix.tsv"))
    a = ap.parse_args()
    if not os.path.exists(a.words):
        sys.exit("build-people-phoenix: %s missing (apt-get install wamerican)" % a.words)
    lower_words, any_words = set(), set()
    for w in open(a.words, encoding="utf-8", errors="replace"):
        w = w.strip()
        if w.endswith("'s"):
            continue
        any_words.add(fold(w))
        if w[:1].islower():
            lower_words.add(fold(w))
    countries = {r[0] for r in read_tsv("countries.tsv")}
    taken = set()  # folded phrases of the hand-kept lists and of places
    place_words = set()
    for r in read_tsv("countries.tsv"):
        for col in r[2:5]:
            for x in col.split("|"):
                if x:
                    taken.add(fold(x))
                    place_words.update(fold(x).split())
    org_codes = {}
    for f in ("orgs.tsv", "groups.tsv"):
        if not os.path.exists(os.path.join(ACT, f)):
            continue
        for r in read_tsv(f):
            if f == "orgs.tsv":
                org_codes.setdefault(r[1], r[0])
            for x in [r[2]] + (r[3].split("|") if len(r) > 3 else []):
                if x:
                    taken.add(fold(x))
    for f in ("people.tsv", "people-world.tsv"):
        if not os.path.exists(os.path.join(ACT, f)):
            continue
        for r in read_tsv(f):
            taken.add(fold(r[0]))
            for x in (r[7].split("|") if len(r) > 7 else []):
                if x:
                    taken.add(fold(x))
    gaz = set()
    gp = os.path.join(ROOT, "data", "gazetteer", "places.tsv")
    if os.path.exists(gp):
        for line in open(gp, encoding="utf-8"):
            if not line.startswith("#"):
                gaz.add(fold(line.split("\t", 1)[0]))

    def key_of(code):
        if code.startswith("IGO"):
            best = ""
            for oc in org_codes:
                if code.startswith(oc) and len(oc) > len(best):
                    best = oc
            return (org_codes[best], "GOV") if best else (None, None)
        k = FIX_KEYS.get(code[:3], code[:3])
        role = code[3:6]
        if k not in countries or role not in KEEP_ROLES:
            return None, None
        return k, role

    def clean(n):
        """A usable person phrase, or None."""
        if not n:
            return None
        toks = fold(n).replace(".", " ").split()
        if not toks or any(t in TITLES or t in ORGWORDS for t in toks):
            return None
        if any(t in place_words for t in toks) and len(toks) > 1 and all(t in place_words or t in lower_words for t in toks):
            return None
        if all(t in lower_words for t in toks):
            return None
        return n

    people = {}  # folded name -> [name, {terms}, [variants]]
    for fname in FILES:
        for head, variants, codes in parse(phoenix_text(a.petrarch, fname)):
            ts = []
            for code, fr, to in terms(codes):
                k, role = key_of(code)
                if not k:
                    continue
                if to and to < "2000-01-01":
                    continue
                ts.append((k, role, code, fr, to))
            if not any(t[3] or t[4] for t in ts):
                continue  # undated: a country, a group or an unplaced name
            # a country or organisation entry: bare codes only, one word or organisation words
            names = [name_of(head)] + [name_of(v) for v in variants]
            names = [clean(n) for n in names]
            names = [n for n in names if n]
            multi = [n for n in names if len(n.split()) >= 2]
            if not multi:
                continue
            canon = multi[0]
            fk = fold(canon)
            if fk in taken or fk in gaz:
                continue
            p = people.setdefault(fk, [canon, set(), []])
            p[1].update(ts)
            for n in names:
                if n not in p[2] and n != canon:
                    p[2].append(n)
    # one-word variants shared by two people, or common, or places, are dropped
    single_count = {}
    for fk, (canon, ts, vs) in people.items():
        for s in {fold(v) for v in vs if len(v.split()) == 1} | {fold(canon.split()[-1])}:
            single_count[s] = single_count.get(s, 0) + 1
    lines = []
    seen_phrase = {}
    for fk, (canon, ts, vs) in sorted(people.items()):
        keep = []
        for v in vs:
            fv = fold(v)
            if fv in taken or fv in gaz or fv == fk:
                continue
            if len(v.split()) == 1:
                if len(fv) < 5 or fv in any_words or single_count.get(fv, 0) > 1:
                    continue
            if seen_phrase.setdefault(fv, fk) != fk:
                continue
            keep.append(v)
        gov = [t for t in ts if t[1] != "ELI"]
        if not gov:
            continue
        for k, role, code, fr, to in sorted(gov, key=lambda t: (t[3], t[4], t[0], t[2])):
            lines.append((k, fr, canon, "%s\t%s\t%s (Phoenix %s)\t%s\t%s\t-\t%s" % (
                k, role, SECTORS.get(role, "government"), code, fr, to, "|".join(keep) or "-")))
    lines.sort(key=lambda x: (x[0], x[1], x[2], x[3]))
    with open(a.out, "w", encoding="utf-8") as out:
        out.write("""# people-phoenix.tsv: officials, military and opposition figures and rebel
# leaders from the Phoenix actor dictionaries, with their terms, for sitrep's
# actor recogniser.  GENERATED by scripts/build-people-phoenix.py: do not edit;
# fix a name in people.tsv or people-world.tsv (they win), then rerun.
# Format: people: name <TAB> KEY <TAB> ROLE <TAB> role <TAB> from <TAB> to <TAB> gender <TAB> variants
#   as people.tsv; role is the CAMEO sector and the Phoenix code, never a
#   roles.tsv phrase; open-ended Phoenix terms end after five years, at the
#   latest on %s.  Names of this file are never spelling-corrected and
#   never resolve by a bare surname unless listed as a variant.
# Source: Phoenix.Countries.actors.txt, Phoenix.International.actors.txt,
#   Phoenix.MilNonState.actors.txt of openeventdata/petrarch2 (Open Event Data
#   Alliance, from the CountryInfo file of the Computational Event Data System
#   project), MIT licence, Copyright (c) 2014 Open Event Data Alliance.
# Date: %s
""" % (HORIZON, DATE))
        for _, _, canon, rest in lines:
            out.write("%s\t%s\n" % (canon, rest))
    print("build-people-phoenix: %d people, %d person-terms -> %s" % (
        len({c for _, _, c, _ in lines}), len(lines), a.out), file=sys.stderr)


if __name__ == "__main__":
    main()
