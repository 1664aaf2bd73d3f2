#!/usr/bin/env bash
# TerriData translations.
#
#   scripts/translations.sh update    collect every tr() string of the plugin's .py and .ui files (not tests,
#                                     not .venv/.build) into i18n/terridata_fr.ts, keeping existing translations
#   scripts/translations.sh compile   i18n/*.ts -> i18n/*.qm with lrelease (the .qm is built, never committed)
#
# Why a post-processing step after pylupdate5: TerriData's `tr(message, *args)` (toolbelt/i18n.py) always uses the
# context "TerriData", whereas pylupdate5 files a Python string under the enclosing class (or "@default") and
# takes tr()'s second argument for a disambiguation comment. Strings found in .py files are therefore moved into
# the "TerriData" context without comment, so the .qm matches what tr() looks up at run time. Strings of .ui
# files keep their form's context (that is what the generated retranslateUi uses). Translations already in the
# .ts are kept (matched by context and source text); strings no longer in the code are dropped.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

LANGS=(fr)

find_tool() { # find_tool NAME...: first of the names found on PATH or in Qt 5's bin folders
  local name dir
  for name in "$@"; do
    if command -v "$name" >/dev/null 2>&1 && "$name" -version >/dev/null 2>&1; then
      command -v "$name"
      return 0
    fi
    for dir in /usr/lib/qt5/bin /usr/lib/x86_64-linux-gnu/qt5/bin /usr/lib/"$(uname -m)"-linux-gnu/qt5/bin; do
      if [ -x "$dir/$name" ]; then
        echo "$dir/$name"
        return 0
      fi
    done
  done
  return 1
}

sources() {
  find . \( -path ./.venv -o -path ./.build -o -path ./.git -o -path ./tests -o -path ./dist \
    -o -path ./scripts -o -path ./demo-output -o -name __pycache__ \) -prune -o \
    \( -name '*.py' -o -name '*.ui' \) -type f -print | sed 's|^\./||' | LC_ALL=C sort
}

update() {
  local pylupdate
  pylupdate=$(command -v pylupdate5) || {
    echo "translations: pylupdate5 not found (Debian package pyqt5-dev-tools)" >&2
    exit 1
  }
  mkdir -p i18n .build
  local lang raw
  mapfile -t files < <(sources)
  for lang in "${LANGS[@]}"; do
    raw=.build/terridata_${lang}.raw.ts
    rm -f "$raw"
    # pylupdate5 writes locations relative to the .ts: keep the raw file in a sibling of i18n/.
    "$pylupdate" -noobsolete "${files[@]}" -ts "$raw" 2>/dev/null
    /usr/bin/python3 - "$raw" "i18n/terridata_${lang}.ts" "$lang" <<'PY'
import os
import sys
import tempfile
import xml.etree.ElementTree as ET

raw_path, ts_path, lang = sys.argv[1:4]
CONTEXT = "TerriData"


def messages(root):
    for context in root.iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            yield name, message


# Existing translations, by (context, source).
known = {}
if os.path.exists(ts_path):
    for name, message in messages(ET.parse(ts_path).getroot()):
        translation = message.find("translation")
        if translation is not None and (translation.text or "").strip():
            known[(name, message.findtext("source"))] = (translation.text, translation.get("type"))

contexts = {}  # name -> {source: [locations]}
for name, message in messages(ET.parse(raw_path).getroot()):
    locations = [loc.attrib for loc in message.iter("location")]
    from_python = all(loc.get("filename", "").endswith(".py") for loc in locations)
    target = CONTEXT if from_python else name
    source = message.findtext("source")
    contexts.setdefault(target, {}).setdefault(source, []).extend(locations)

out = ET.Element("TS", version="2.1", language=f"{lang}_FR" if lang == "fr" else lang, sourcelanguage="en")
untranslated = 0
for name in sorted(contexts):
    context = ET.SubElement(out, "context")
    ET.SubElement(context, "name").text = name
    for source in sorted(contexts[name]):
        message = ET.SubElement(context, "message")
        for loc in sorted(contexts[name][source], key=lambda a: (a.get("filename", ""), int(a.get("line", 0)))):
            filename = loc.get("filename", "")
            # The raw file is in .build/: make the locations relative to i18n/ (same depth).
            ET.SubElement(message, "location", filename=filename, line=loc.get("line", "0"))
        ET.SubElement(message, "source").text = source
        translation = ET.SubElement(message, "translation")
        text, kind = known.get((name, source), (None, None))
        if text is None and name == CONTEXT:
            # A string that moved in or out of a class keeps its translation.
            text, kind = next(((t, k) for (c, s), (t, k) in known.items() if s == source), (None, None))
        if text is None:
            translation.set("type", "unfinished")
            untranslated += 1
        else:
            translation.text = text
            if kind:
                translation.set("type", kind)

ET.indent(out, space="    ")
body = ET.tostring(out, encoding="unicode")
fd, tmp = tempfile.mkstemp(dir=os.path.dirname(ts_path) or ".", suffix=".ts.tmp")
with os.fdopen(fd, "w", encoding="utf-8") as handle:
    handle.write('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
    handle.write(body)
    handle.write("\n")
os.chmod(tmp, 0o644)
os.replace(tmp, ts_path)
total = sum(len(v) for v in contexts.values())
print(f"translations: {ts_path}: {total} strings, {untranslated} not translated yet")
PY
    rm -f "$raw"
  done
}

compile_qm() {
  local lrelease ts qm tmp
  lrelease=$(find_tool lrelease lrelease-qt5) || {
    echo "translations: lrelease not found (Debian package qttools5-dev-tools)" >&2
    exit 1
  }
  for ts in i18n/*.ts; do
    [ -e "$ts" ] || continue
    qm=${ts%.ts}.qm
    tmp=$(mktemp "${qm}.XXXXXX")
    if ! "$lrelease" -silent "$ts" -qm "$tmp" >/dev/null; then
      rm -f "$tmp"
      echo "translations: lrelease failed on $ts" >&2
      exit 1
    fi
    chmod 644 "$tmp"
    mv -f "$tmp" "$qm"
    echo "translations: $qm"
  done
}

case ${1:-} in
  update) update ;;
  compile) compile_qm ;;
  *)
    echo "usage: $0 update | compile" >&2
    exit 2
    ;;
esac
