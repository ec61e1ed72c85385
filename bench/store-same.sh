#!/usr/bin/env bash
# bench/store-same.sh -- checks that a change to the store (a speed change)
# does not change what is stored: ingests the same inputs with two sitrep
# binaries into fresh SQLite stores and compares, byte for byte,
#   - `sqlite3 .dump` of every table but the full-text index's own shadow
#     tables (documents, sentences, mentions, events, world events, votes),
#   - the full-text index's logical content (fts5vocab 'instance': every
#     term, document, column and offset) and its integrity-check,
#   - `sitrep export --format jsonl` and `sitrep docs` for a few queries;
# then, when a PostgreSQL server can be started (scripts/pg-test-server),
# the same ingests into PostgreSQL stores: export --format jsonl,
# `events --json` and every row of every table (psql) compared.
# Inputs: examples/, ../shared/corpus/seeds.jsonl and dev.jsonl (when
# there), each ingested whole, then dev again in small batches (--batch 7)
# with a second pass over a copy in which every fifth document has new text
# (replacements: their events leave their world events) and one document
# twice; then 1,500 documents of the bench corpus (bench/gen-corpus.py),
# whose reports join world events of earlier rounds, and dev replacing
# the changed copy.  Usage: bench/store-same.sh OLD_SITREP [NEW_SITREP]
# (default ./sitrep).  Exit 0 when every comparison is identical, 1 otherwise.
set -u
cd "$(dirname "$0")/.." || exit 2
OLD=$1
NEW=${2:-./sitrep}
SHARED=${SHARED:-../shared}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C

# the documents of dev with every fifth text changed, and one repeated
if [ -f "$SHARED/corpus/dev.jsonl" ]; then
    python3 - "$SHARED/corpus/dev.jsonl" > "$tmp/dev-changed.jsonl" <<'EOF'
import json, sys
docs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
for i, d in enumerate(docs):
    if i % 5 == 0:
        d["text"] = d["text"].replace(".", ". And so it went.", 1)
    print(json.dumps(d, ensure_ascii=False))
print(json.dumps(docs[3], ensure_ascii=False))
EOF
fi

# fill BIN DB ARGS...: one ingest per argument list, separated by '--'
fill() {
    local bin=$1 db=$2; shift 2
    local args=()
    for a in "$@" --; do
        if [ "$a" = "--" ]; then
            [ ${#args[@]} -gt 0 ] && "$bin" ingest -q --db "$db" "${args[@]}" 2>>"$tmp/ingest.err"
            args=()
        else
            args+=("$a")
        fi
    done
}

# snapshot BIN DB OUT: the comparable views of a store
snapshot() {
    local bin=$1 db=$2 out=$3
    sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE);" > /dev/null
    for t in meta documents sentences mentions events world_events event_world world_votes; do
        sqlite3 "$db" ".dump $t"
    done > "$out.dump"
    sqlite3 "$db" "CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, docs_fts, 'instance');
                   SELECT term, doc, col, offset FROM temp.v ORDER BY 1, 2, 3, 4;
                   INSERT INTO docs_fts(docs_fts) VALUES('integrity-check'); SELECT 'integrity ok';" \
        > "$out.fts" 2>&1
    "$bin" export --db "$db" --format jsonl > "$out.export" 2>&1
    for q in Russia 'Ukraine AND talks' 'minister OR president' missile 'sanctions NOT oil'; do
        "$bin" docs --db "$db" --json "$q"
    done > "$out.docs" 2>&1
}

status=0
: > "$tmp/ingest.err"
run_case() {   # run_case NAME INGEST-ARGS...
    local name=$1; shift
    fill "$OLD" "$tmp/old-$name.db" "$@"
    fill "$NEW" "$tmp/new-$name.db" "$@"
    snapshot "$OLD" "$tmp/old-$name.db" "$tmp/old-$name"
    snapshot "$NEW" "$tmp/new-$name.db" "$tmp/new-$name"
    local bad=""
    for k in dump fts export docs; do
        cmp -s "$tmp/old-$name.$k" "$tmp/new-$name.$k" || bad="$bad $k"
    done
    local sizes
    sizes=$(printf '%s' "$(wc -l < "$tmp/new-$name.dump") dump lines, $(wc -l < "$tmp/new-$name.fts") index entries, $(wc -l < "$tmp/new-$name.export") exported events")
    if [ -z "$bad" ]; then
        echo "same: $name ($sizes)"
    else
        echo "DIFFERENT: $name:$bad"
        for k in $bad; do diff "$tmp/old-$name.$k" "$tmp/new-$name.$k" | head -n 6 | sed 's/^/    /'; done
        status=1
    fi
}

run_case examples examples/
if [ -f "$SHARED/corpus/seeds.jsonl" ]; then
    run_case seeds "$SHARED/corpus/seeds.jsonl"
    run_case dev "$SHARED/corpus/dev.jsonl"
    run_case dev-replaced --batch 7 "$SHARED/corpus/dev.jsonl" -- --batch 7 "$tmp/dev-changed.jsonl"
    # the bench corpus (bench/gen-corpus.py): every article again with
    # other dates, so that reports join world events of earlier rounds,
    # in batches of 37 with the changed dev documents in between
    python3 bench/gen-corpus.py "$tmp/bench.jsonl" 1500d 7 "$SHARED/corpus/seeds.jsonl" \
        "$SHARED/corpus/dev.jsonl" 2>/dev/null
    run_case bench --batch 37 "$tmp/bench.jsonl" -- --batch 37 "$tmp/dev-changed.jsonl" "$SHARED/corpus/dev.jsonl"
else
    echo "($SHARED/corpus not found: seeds and dev not compared)"
fi

# PostgreSQL: the same ingests, compared through export and events
if url=$(scripts/pg-test-server start "$tmp/pg" 2>/dev/null); then
    trap 'scripts/pg-test-server stop "$tmp/pg" >/dev/null 2>&1; rm -rf "$tmp"' EXIT
    pg_case() {   # pg_case NAME INGEST-ARGS...
        local name=$1 bin q; shift
        for bin in old new; do
            q=$(scripts/pg-test-server createdb "$tmp/pg" "${bin}_${name//-/_}")
            if [ $bin = old ]; then fill "$OLD" "$q" "$@"; else fill "$NEW" "$q" "$@"; fi
            { "$([ $bin = old ] && echo "$OLD" || echo "$NEW")" export --db "$q" --format jsonl
              "$([ $bin = old ] && echo "$OLD" || echo "$NEW")" events --db "$q" --json
              # every row of every table (psql), in key order
              if command -v psql >/dev/null; then
                  for t in "documents ORDER BY id" "sentences ORDER BY doc, idx" "mentions ORDER BY id" \
                           "events ORDER BY id" "world_events ORDER BY id" "event_world ORDER BY event" \
                           "world_votes ORDER BY world, kind, value" "merge_keys ORDER BY k"; do
                      psql -X -q "$q" -c "COPY (SELECT * FROM $t) TO STDOUT"
                  done
              fi; } > "$tmp/pg-$bin-$name.out" 2>&1
        done
        if [ ! -s "$tmp/pg-new-$name.out" ] || grep -q '^sitrep:' "$tmp/pg-new-$name.out"; then
            echo "FAILED: postgresql $name: $(head -n 1 "$tmp/pg-new-$name.out")"
            status=1
        elif cmp -s "$tmp/pg-old-$name.out" "$tmp/pg-new-$name.out"; then
            echo "same: postgresql $name ($(wc -l < "$tmp/pg-new-$name.out") lines of export, events and table rows)"
        else
            echo "DIFFERENT: postgresql $name"
            diff "$tmp/pg-old-$name.out" "$tmp/pg-new-$name.out" | head -n 6 | sed 's/^/    /'
            status=1
        fi
    }
    pg_case examples examples/
    if [ -f "$SHARED/corpus/dev.jsonl" ]; then
        pg_case seeds "$SHARED/corpus/seeds.jsonl"
        pg_case dev-replaced --batch 7 "$SHARED/corpus/dev.jsonl" -- --batch 7 "$tmp/dev-changed.jsonl"
        pg_case bench --batch 37 "$tmp/bench.jsonl" -- --batch 37 "$tmp/dev-changed.jsonl" "$SHARED/corpus/dev.jsonl"
    fi
else
    echo "(no PostgreSQL server: PostgreSQL stores not compared)"
fi
if grep -v 'warning' "$tmp/ingest.err" | grep -q .; then
    echo "ingest errors:"; sed 's/^/    /' "$tmp/ingest.err" | head -n 5
fi
exit $status
