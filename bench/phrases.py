#!/usr/bin/env python3
"""Prints the default packs' absolute-claim phrases, one per line, for `rg -F -i -w -f`.

ripgrep is the floor of the comparison: a fixed-string search for the same phrases factlint's
absolute-claim rules look for, with none of the work of reading HTML, splitting sentences or
deciding whether a claim is hedged or sourced. The list is:

  * every entry of `phrases` in an absolute-claim rule of kind "phrases";
  * for rules of kind "pattern", each top-level alternative of the regex that is a plain phrase
    once `\\b` is dropped and `\\s+` read as a space, or a sequence of such phrases and groups of
    plain alternatives (`(?:is|are) the only` gives "is the only" and "are the only"). Anything with
    other regex syntax (optional parts, classes, repeats) is left out, a group keeping its plain
    alternatives: a fixed-string search cannot express the rest, so the list is a subset of what
    the patterns match. `--phrases-only` leaves out patterns altogether.

No absolute-claim rule takes its words from the lexicons in 00-lexicon.toml (those lists clear
claims: hedges, reporting verbs), so none are read from there.

    phrases.py [--rules DIR] [--phrases-only] [--stats]
"""
import argparse
import glob
import os
import sys
import tomllib

META = set("\\()[]?*+.|^${}")
MAX_EXPANSION = 64  # a sequence of groups that would give more phrases than this is left out


def split_top(s):
    """Splits a regex at its top-level `|` (outside groups and character classes)."""
    parts, depth, cls, i, start = [], 0, False, 0, 0
    while i < len(s):
        c = s[i]
        if c == "\\":
            i += 2
            continue
        if cls:
            cls = c != "]"
        elif c == "[":
            cls = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            parts.append(s[start:i])
            start = i + 1
        i += 1
    parts.append(s[start:])
    return parts


def literal(s):
    """The phrase `s` spells, or None when it uses any regex syntax."""
    s = s.replace("\\s+", " ").replace("\\b", "")
    if not s or any(c in META for c in s):
        return None
    return s


def expand(alt):
    """All phrases a sequence of literals and (?:a|b) groups of literals can match, or []."""
    alt = alt.replace("\\s+", " ")
    options = [""]
    i = 0
    while i < len(alt):
        if alt.startswith("\\b", i):
            i += 2
            continue
        if alt.startswith("(?:", i):
            depth, j = 1, i + 3
            while j < len(alt) and depth:
                if alt[j] == "\\":
                    j += 2
                    continue
                depth += {"(": 1, ")": -1}.get(alt[j], 0)
                j += 1
            if depth or (j < len(alt) and alt[j] in "?*+{"):
                return []  # unbalanced, or an optional/repeated group
            # Alternatives with other syntax are dropped: what is left still only matches what
            # the pattern matches.
            inner = [p for p in (literal(x) for x in split_top(alt[i + 3:j - 1])) if p]
            if not inner:
                return []
            options = [o + p for o in options for p in inner]
            if len(options) > MAX_EXPANSION:
                return []
            i = j
            continue
        j = i
        while j < len(alt) and not alt.startswith("(?:", j) and not alt.startswith("\\b", j):
            j += 1
        piece = alt[i:j]
        if j < len(alt) and alt[j:j + 1] in ("?", "*", "+"):
            return []
        lit = literal(piece)
        if lit is None:
            return []
        options = [o + lit for o in options]
        i = j
    return [" ".join(o.split()) for o in options if o.strip()]


def absolute_phrases(rules_dir, phrases_only=False):
    """(phrases from phrase lists, literal phrases from patterns), each de-duplicated in order."""
    listed, from_patterns = [], []
    for path in sorted(glob.glob(os.path.join(rules_dir, "*.toml"))):
        with open(path, "rb") as f:
            pack = tomllib.load(f)
        for rule in pack.get("rule", []):
            if rule.get("category") != "absolute-claim" or rule.get("enabled", True) is False:
                continue
            if rule.get("kind") == "phrases":
                listed += rule.get("phrases", [])
            elif rule.get("kind") == "pattern" and not phrases_only:
                for alt in split_top(rule.get("pattern", "")):
                    from_patterns += expand(alt)
    seen = set()
    listed = [p for p in listed if not (p.lower() in seen or seen.add(p.lower()))]
    from_patterns = [p for p in from_patterns if not (p.lower() in seen or seen.add(p.lower()))]
    return listed, from_patterns


def main(argv=None):
    here = os.path.dirname(os.path.abspath(__file__))
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--rules", default=os.path.join(os.path.dirname(here), "rules"))
    p.add_argument("--phrases-only", action="store_true", help="leave out literal alternatives of patterns")
    p.add_argument("--stats", action="store_true", help="print the counts on stderr")
    args = p.parse_args(argv)
    listed, from_patterns = absolute_phrases(args.rules, args.phrases_only)
    if not listed and not from_patterns:
        print(f"phrases.py: no absolute-claim phrases found in {args.rules}", file=sys.stderr)
        return 1
    sys.stdout.write("".join(p + "\n" for p in listed + from_patterns))
    if args.stats:
        print(f"{len(listed)} from phrase lists, {len(from_patterns)} from patterns", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
