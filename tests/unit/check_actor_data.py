#!/usr/bin/env python3
"""Validate data/actors/countries.tsv, orgs.tsv, parties.tsv and roles.tsv.

Checks headers, column counts, the 249 ISO 3166-1 keys against Debian's
iso-codes, list syntax, role codes and classes, and that no folded phrase
maps to two different actors (across countries, organisations, the armed
groups of groups.tsv and the political parties of parties.tsv).
Prints each failure as file:line: message, then "N passed, M failed";
exits 1 on any failure.  Python 3 standard library only.

    python3 tests/unit/check_actor_data.py [DATA_DIR]
"""

import json
import os
import re
import sys
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ISO_JSON = "/usr/share/iso-codes/json/iso_3166-1.json"

# CAMEO 1.1 actor role/type codes sitrep may emit.
ROLE_CODES = {"GOV", "MIL", "LEG", "JUD", "COP", "OPP", "REB", "SEP", "INS",
              "SPY", "UAF", "BUS", "MED", "CVL", "REF", "ELI", "LAB", "EDU",
              "HLH", "HRI", "ENV", "AGR", "CRM", "DEV", "REL", "NGO", "IGO"}
CLASSES = {"head", "deputy", "minister", "diplomat", "spokes", "official",
           "group", "institution"}
CONTRACT_ORGS = ["NATO", "EU", "UN", "OSCE", "AU", "ASEAN", "OPEC", "IAEA",
                 "WHO", "IMF", "WB", "ICC", "G7", "G20", "CSTO", "SCO",
                 "ARAB_LEAGUE", "GCC", "ECOWAS", "OAS"]
# Uninhabited territories may have no demonym.
NO_DEMONYM = {"ATF", "BVT", "HMD", "SGS", "UMI"}


def fold(s):
    """Fold as sitrep matches: case, diacritics, curly quotes, dashes, 'the '."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.translate(str.maketrans("\u2018\u2019\u02bc\u201c\u201d\u2013\u2014\u2010",
                                  "'''\"\"---"))
    s = " ".join(s.lower().split())
    if s.startswith("the "):
        s = s[4:]
    return s


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


def read_rows(path, ncols, t):
    """Return (header lines, [(lineno, cols)]); column-count failures reported."""
    rows, header = [], []
    with open(path, encoding="utf-8") as f:
        text = f.read()
    t.check(text.endswith("\n"), path, "does not end with a newline")
    for n, line in enumerate(text.split("\n")[:-1], 1):
        if line.startswith("#"):
            if not rows:
                header.append(line)
            continue
        if not line.strip():
            t.check(False, f"{path}:{n}", "blank line")
            continue
        cols = line.split("\t")
        want = ncols if isinstance(ncols, tuple) else (ncols,)
        if t.check(len(cols) in want, f"{path}:{n}",
                   f"expected {' or '.join(map(str, want))} columns, got {len(cols)}"):
            rows.append((n, cols))
    return header, rows


def check_header(path, header, t):
    text = "\n".join(header).lower()
    t.check(len(header) >= 3, path, "header has fewer than 3 # lines")
    for word in ("format", "source", "licen", "date"):
        t.check(word in text, path, f"header does not mention '{word}'")


def split_list(field, where, t):
    """Split a |-list; '-' is the empty list; flag empty items and bad forms."""
    if field == "-":
        return []
    items = field.split("|")
    for it in items:
        t.check(it == it.strip() and it != "", where, f"empty or padded item in '{field}'")
        t.check(not fold(it).endswith("'s"), where, f"possessive item '{it}'")
        t.check(not it.lower().startswith("the "), where, f"item starts with 'the ': '{it}'")
    return [it for it in items if it.strip()]


def add_phrase(table, phrase, owner, where, t):
    """Record phrase -> owner; a phrase owned by two actors is a conflict."""
    k = fold(phrase)
    prev = table.get(k)
    if prev is None:
        table[k] = (owner, where)
    else:
        t.check(prev[0] == owner, where,
                f"'{phrase}' maps to {owner} here and to {prev[0]} at {prev[1]}")


def check_countries(path, t, phrases):
    header, rows = read_rows(path, 6, t)
    check_header(path, header, t)
    with open(ISO_JSON, encoding="utf-8") as f:
        iso = {e["alpha_3"]: e for e in json.load(f)["3166-1"]}
    keys = [cols[0] for _, cols in rows]
    t.check(len(keys) == 249, path, f"{len(keys)} countries, expected 249")
    t.check(len(set(keys)) == len(keys), path, "duplicate ISO3 keys")
    t.check(set(keys) == set(iso), path,
            f"ISO3 keys differ from iso-codes: missing {sorted(set(iso) - set(keys))},"
            f" extra {sorted(set(keys) - set(iso))}")
    t.check(keys == sorted(keys), path, "lines not sorted by ISO3")
    n_meto = 0
    for n, (iso3, iso2, name, aliases, adjs, metos) in rows:
        where = f"{path}:{n}"
        e = iso.get(iso3)
        if not t.check(e is not None, where, f"unknown ISO3 {iso3}"):
            continue
        t.check(iso2 == e["alpha_2"], where, f"ISO2 {iso2} != {e['alpha_2']}")
        t.check(name.strip() != "" and name != "-", where, "empty name")
        add_phrase(phrases, name, iso3, where, t)
        for a in split_list(aliases, where, t):
            add_phrase(phrases, a, iso3, where, t)
            t.check(re.search(r", .*\bof( the)?$", a) is None, where,
                    f"inverted alias '{a}' never occurs in running text")
        adj = split_list(adjs, where, t)
        t.check(adj or iso3 in NO_DEMONYM, where, f"{iso3} has no adjectives")
        for a in adj:
            add_phrase(phrases, a, iso3, where, t)
        mlist = split_list(metos, where, t)
        n_meto += bool(mlist)
        for m in mlist:
            phrase, eq, role = m.rpartition("=")
            if t.check(eq == "=" and phrase != "", where, f"metonym '{m}' is not phrase=ROLE"):
                t.check(role in ROLE_CODES, where, f"metonym '{m}': unknown role {role}")
                add_phrase(phrases, phrase, iso3, where, t)
    t.check(n_meto >= 60, path, f"only {n_meto} countries have metonyms (want >= 60)")
    for must in ("RUS", "USA", "GBR", "CHN", "UKR", "FRA", "DEU", "ISR", "IRN"):
        row = next((c for _, c in rows if c[0] == must), None)
        t.check(row is not None and row[5] != "-", path, f"{must} has no metonyms")
    return set(keys)


def check_orgs(path, t, phrases, iso3s):
    header, rows = read_rows(path, 4, t)
    check_header(path, header, t)
    keys = set()
    for n, (key, code, name, aliases) in rows:
        where = f"{path}:{n}"
        keys.add(key)
        t.check(re.fullmatch(r"[A-Z][A-Z0-9_]*", key) is not None, where, f"bad key '{key}'")
        t.check(key not in iso3s, where, f"org key {key} is also an ISO3 country code")
        t.check(re.fullmatch(r"(IGO|NGO)[A-Z0-9_]*", code) is not None, where, f"bad CODE '{code}'")
        t.check(name.strip() != "" and name != "-", where, "empty name")
        add_phrase(phrases, name, "org:" + key, where, t)
        for a in split_list(aliases, where, t):
            add_phrase(phrases, a, "org:" + key, where, t)
    t.check(len(rows) >= 60, path, f"only {len(rows)} lines (want >= 60)")
    t.check(len(keys) >= 40, path, f"only {len(keys)} distinct keys (want >= 40)")
    for k in CONTRACT_ORGS:
        t.check(k in keys, path, f"contract key {k} missing")
    # one CODE per key
    codes = {}
    for n, (key, code, _, _) in rows:
        codes.setdefault(key, set()).add(code)
    for key, cs in sorted(codes.items()):
        t.check(len(cs) == 1, path, f"key {key} has several codes {sorted(cs)}")


# Bare party names and abbreviations that are common words, belong to
# several countries or have another common sense: parties.tsv must not list
# them (data/actors/parties.tsv header).
PARTY_AMBIGUOUS = {
    "labour", "labor", "labour party", "labor party", "conservatives",
    "conservative party", "tories", "republicans", "democrats",
    "democratic party", "greens", "green party", "congress", "liberals",
    "liberal party", "socialist party", "socialists", "people's party",
    "national party", "workers' party", "freedom party", "progress party",
    "centre party", "center party", "left party", "the left", "league",
    "social democrats", "social democratic party", "communist party",
    "justice party", "reform party", "independence party", "national front",
    "pp", "ps", "sd", "pd", "pt", "pl", "po", "ko", "nd", "al", "ap", "rn",
    "lr", "dp", "sp", "pti", "ppp", "apc", "npp", "ndc", "cdc", "inc",
    "pkr", "sdf", "pas", "psd", "sns", "bsp", "dps", "pdp", "cpp", "slpp",
    "pan", "prd", "udp", "uda", "nsc", "bbb", "tpp", "ncp", "npc",
    "pnp", "mas", "arena", "vox", "mud", "udc", "bnp", "aap", "eff", "mpp",
    "nama", "splm", "law and justice", "move forward", "european solidarity",
}


def sub_phrases(f, phrases):
    """The (phrase, owner) pairs of the known actor phrases inside folded f,
    possessives stripped as the recogniser does."""
    words = re.sub(r"'s?(?=\s|$)", "", f).split()
    out = []
    for i in range(len(words)):
        for j in range(i + 1, min(len(words), i + 8) + 1):
            hit = phrases.get(" ".join(words[i:j]))
            if hit:
                out.append((" ".join(words[i:j]), hit[0]))
    return out


def check_parties(path, t, phrases, iso3s):
    """parties.tsv: orgs format keyed by ISO3 (or XKX), CODE = KEY + PTY.

    A name that holds its own country's name or adjective and no other
    actor's ("Serbian Progressive Party", "Liberal Party of Canada") is
    flagged: the recogniser already gives it that country's key, and as a
    country mention it also anchors a later bare "the government" or
    "protesters", which a party mention does not."""
    header, rows = read_rows(path, 4, t)
    check_header(path, header, t)
    keys = set()
    names = {}
    for n, (key, code, name, aliases) in rows:
        where = f"{path}:{n}"
        keys.add(key)
        t.check(key in iso3s or key == "XKX", where, f"key '{key}' is not an ISO3 country key")
        t.check(code == key + "PTY", where, f"CODE '{code}' is not {key}PTY")
        t.check(name.strip() == name and name not in ("", "-"), where, "empty or padded name")
        t.check(fold(name) not in names, where, f"duplicate party '{name}' (line {names.get(fold(name))})")
        names.setdefault(fold(name), n)
        owner = f"party:{key}:{fold(name)}"
        for ph in [name] + split_list(aliases, where, t):
            f = fold(ph)
            found = {o for _, o in sub_phrases(f, phrases)}
            t.check(found != {key}, where,
                    f"'{ph}' already resolves to {key} through its country's name: not listed")
            t.check(f not in PARTY_AMBIGUOUS, where, f"ambiguous bare name '{ph}'")
            # the recogniser ends a name at a possessive after its first word
            t.check(re.search(r"\S\s+\S*'s?(\s|$)", f) is None or ph == name, where,
                    f"alias '{ph}' has a possessive after its first word: never matched")
            add_phrase(phrases, ph, owner, where, t)
    t.check(len(rows) >= 300, path, f"only {len(rows)} parties (want >= 300)")
    t.check(len(keys) >= 120, path, f"only {len(keys)} countries (want >= 120)")


def add_group_phrases(path, phrases):
    """groups.tsv names and aliases, so that a party never takes one."""
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            cols = line.rstrip("\n").split("\t")
            if line.startswith("#") or len(cols) < 4:
                continue
            owner = f"group:{cols[0]}:{fold(cols[2])}"
            for ph in [cols[2]] + [a for a in cols[3].split("|") if a != "-"]:
                phrases.setdefault(fold(ph), (owner, f"{path}:{n}"))


def check_roles(path, t, phrases, iso3s):
    # a fifth column, the scope, is "home", "home KEY ..." (ISO3 keys: the
    # countries whose body a role noun that is also a seat of power names,
    # "Congress") or absent (data/README.md)
    header, rows = read_rows(path, (4, 5), t)
    check_header(path, header, t)
    seen = {}
    for n, cols in rows:
        phrase, role, cls, gender = cols[:4]
        where = f"{path}:{n}"
        scope = cols[4].split(" ") if len(cols) > 4 else []
        keys = scope[1:]
        t.check(len(cols) == 4 or (scope[0] == "home" and all(k in iso3s for k in keys)), where,
                f"scope '{cols[4:]}' is not 'home' or 'home' and ISO3 keys")
        t.check(len(keys) == len(set(keys)), where, "a key twice in the scope")
        t.check(phrase.strip() == phrase and phrase != "", where, "empty or padded phrase")
        t.check(role in ROLE_CODES, where, f"unknown role code '{role}'")
        t.check(cls in CLASSES, where, f"unknown class '{cls}'")
        t.check(gender in ("m", "f", "-"), where, f"bad gender '{gender}'")
        k = fold(phrase)
        t.check(k not in seen, where, f"duplicate phrase '{phrase}' (line {seen.get(k)})")
        seen.setdefault(k, n)
        # a role with scope keys may be a country's seat of power as well
        # ("Congress": the US one, bare; "Peru's Congress": Peru's)
        t.check(k not in phrases or (keys and phrases[k][0] in iso3s), where,
                f"role '{phrase}' is also an actor name at {phrases.get(k, ('', ''))[1]}")
    t.check(len(rows) >= 120, path, f"only {len(rows)} roles (want >= 120)")
    by = {fold(c[0]): c for _, c in rows}
    for p in ("police", "army", "protesters", "demonstrators", "security forces"):
        c = by.get(p)
        t.check(c is not None and c[4:] == ["home"], path, f"role '{p}' should have scope home, got {c}")
    for p, role, g in (("president", "GOV", "-"), ("queen", "GOV", "f"),
                       ("spokesman", "GOV", "m"), ("troops", "MIL", "-"),
                       ("police", "COP", "-"), ("rebels", "REB", "-"),
                       ("lawmakers", "LEG", "-"), ("refugees", "REF", "-"),
                       ("defence minister", "GOV", "-"), ("defense minister", "GOV", "-")):
        c = by.get(p)
        t.check(c is not None and c[1] == role and c[3] == g, path,
                f"role '{p}' should be {role}/{g}, got {c}")


def check_fold_examples(t):
    """The folding used above must equate these pairs (as sitrep does)."""
    for a, b in (("Élysée", "elysee"), ("Türkiye", "TURKIYE"), ("the Kremlin", "Kremlin"),
                 ("Côte d\u2019Ivoire", "cote d'ivoire")):
        t.check(fold(a) == fold(b), "fold", f"'{a}' and '{b}' fold differently")


def main():
    data = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "data")
    t = Checker()
    check_fold_examples(t)
    phrases = {}
    iso3s = check_countries(os.path.join(data, "actors/countries.tsv"), t, phrases)
    check_orgs(os.path.join(data, "actors/orgs.tsv"), t, phrases, iso3s)
    add_group_phrases(os.path.join(data, "actors/groups.tsv"), phrases)
    check_parties(os.path.join(data, "actors/parties.tsv"), t, phrases, iso3s)
    check_roles(os.path.join(data, "actors/roles.tsv"), t, phrases, iso3s)
    print(f"{t.passed} passed, {t.failed} failed")
    return 1 if t.failed else 0


if __name__ == "__main__":
    sys.exit(main())
