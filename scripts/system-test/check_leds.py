#!/usr/bin/env python3
"""Checks of the system test (scripts/system-test.sh) against the recording's manifest; one line per check,
'PASS|FAIL NAME: detail', on standard output.

--gpio FILE: the LED lines sampled in the guest ('epoch yes no' per change) while the recording played from
  --start to --end (epoch seconds). Each yes/no word must raise its own line within [start, end + --latency] of the
  word (times relative to the player's start) and the line must fall again --on-ms later (tolerance below);
  every other rise, on either line, is a false light and fails the word it falls on (or 'LED').
--journal FILE: `journalctl -o json` of kws-edge while it played: one 'Detected "K"' line per yes/no word, at
  priority 6 (info), and none for other words.
"""
import argparse
import json
import re
import sys

KEYWORDS = ("yes", "no")
ON_TOLERANCE_S = (-0.05, 0.6)  # sampling every few ms, timers in an emulated guest on a busy host


def edges(path, start, end):
    """Rising and falling edges per keyword line between start and end, relative to start."""
    rises = {k: [] for k in KEYWORDS}
    falls = {k: [] for k in KEYWORDS}
    last = None
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) != 3:
                continue
            t, values = float(parts[0]), dict(zip(KEYWORDS, parts[1:]))
            if last is not None and start <= t <= end:
                for k in KEYWORDS:
                    if last[k] == "0" and values[k] == "1":
                        rises[k].append(t - start)
                    elif last[k] == "1" and values[k] == "0":
                        falls[k].append(t - start)
            last = values
    return rises, falls


def word_name(w):
    return f"word {w['index'] + 1:2d} '{w['text']}' ({w['start_s']:.2f}-{w['end_s']:.2f} s)"


def check_gpio(args, words):
    rises, falls = edges(args.gpio, args.start, args.end)
    results = []
    matched = {k: set() for k in KEYWORDS}
    for w in words:
        label = w["label"]
        if label in KEYWORDS:
            window = (w["start_s"], w["end_s"] + args.latency)
            hits = [r for r in rises[label] if window[0] <= r <= window[1] and r not in matched[label]]
            if not hits:
                results.append((False, word_name(w), f"the {label} line did not go high within {args.latency:.1f} s of the word's end"))
                continue
            rise = hits[0]
            matched[label].add(rise)
            fall = next((f for f in falls[label] if f > rise), None)
            if fall is None:
                results.append((False, word_name(w), f"{label} line high at +{rise - w['end_s']:.2f} s after the word's end, never low again"))
                continue
            on = fall - rise
            ok = args.on_ms / 1000 + ON_TOLERANCE_S[0] <= on <= args.on_ms / 1000 + ON_TOLERANCE_S[1]
            results.append((ok, word_name(w), f"{label} line high {rise - w['end_s']:+.2f} s after the word's end, low again {on:.2f} s later (configured {args.on_ms} ms)"))
    # Every rise not matched to its keyword's word is a false light: blame the word it falls on.
    false_lights = {}
    for k in KEYWORDS:
        for r in rises[k]:
            if r in matched[k]:
                continue
            on_word = max((w for w in words if w["start_s"] <= r), key=lambda w: w["start_s"], default=None)
            false_lights.setdefault(on_word["index"] if on_word else -1, []).append(f"{k} line high at {r:.2f} s")
    for w in words:
        if w["label"] not in KEYWORDS:
            lights = false_lights.pop(w["index"], [])
            results.append((not lights, word_name(w), "; ".join(lights) if lights else "no LED lit"))
        elif w["index"] in false_lights:
            results.append((False, word_name(w), "also " + "; ".join(false_lights.pop(w["index"]))))
    for lights in false_lights.values():
        results.append((False, "LED false light", "; ".join(lights)))
    return results


def check_journal(path, words):
    detections = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            entry = json.loads(line)
            message = entry.get("MESSAGE")
            if isinstance(message, list):  # journald stores non-UTF-8 messages as byte arrays
                message = bytes(message).decode("utf-8", "replace")
            m = re.search(r'Detected "([^"]+)" at', message or "")
            if m:
                detections.setdefault(m.group(1), []).append(entry.get("PRIORITY"))
    results = []
    expected = {k: sum(1 for w in words if w["label"] == k) for k in KEYWORDS}
    for k in KEYWORDS:
        got = detections.pop(k, [])
        priorities = sorted(set(got))
        ok = len(got) == expected[k] and priorities == ["6"]
        results.append((ok, f"journal '{k}'", f"{len(got)} 'Detected \"{k}\"' lines for {expected[k]} words, priority {','.join(priorities) or '-'} (6 = info)"))
    others = {k: len(v) for k, v in detections.items()}
    results.append((not others, "journal other words", f"detection lines for other keywords: {others or 'none'}"))
    return results


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--manifest", required=True)
    p.add_argument("--gpio")
    p.add_argument("--journal")
    p.add_argument("--start", type=float)
    p.add_argument("--end", type=float)
    p.add_argument("--on-ms", type=int, default=1000)
    p.add_argument("--latency", type=float, default=2.0)
    p.add_argument("--until", type=float, help="only the words that end before this many seconds of the recording")
    p.add_argument("--prefix", default="")
    args = p.parse_args()
    with open(args.manifest, encoding="utf-8") as f:
        words = json.load(f)["words"]
    if args.until is not None:
        words = [w for w in words if w["end_s"] <= args.until]
    results = []
    if args.gpio:
        results += check_gpio(args, words)
    if args.journal:
        results += check_journal(args.journal, words)
    for ok, name, detail in results:
        print(f"{'PASS' if ok else 'FAIL'} {args.prefix}{name}: {detail}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
