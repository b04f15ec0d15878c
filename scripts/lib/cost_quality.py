"""Cost against quality for candidate models (issue #24): one row per model with its multiply-adds per inference and per
second of audio, its clip figures and the validation figure every candidate is ranked by (scripts/lib/candidate_score.py:
the mean of "yes" and "no" found in the clean and 10 dB single-word streams at the lowest thresholds whose pooled false
alarms over four hours stay within 0.5, 1 and 2 an hour), as a Markdown table and an SVG picture (multiply-adds per
second of audio, log scale, against found at 0.5 and 1 false alarm an hour). Usage:

    python3 scripts/lib/cost_quality.py --out DIR [SHORT|]NAME=EVAL_DIR:MACS_PER_INFERENCE:MACS_PER_SECOND [...]

(SHORT labels the point in the picture; NAME the table row.)
"""
import argparse
import json
import math
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
import candidate_score  # noqa: E402


def found(folder, budget):
    s = candidate_score.score(folder, budget)
    rates = []
    for k in ("yes", "no"):
        if s[k] is None:
            return None
        rates += [s[k]["stream"].get("Infinity"), s[k]["stream"].get("10")]
    return 100 * sum(rates) / len(rates)


def clips(folder):
    with open(os.path.join(folder, "clips.json")) as f:
        c = json.load(f)
    e = c["evaluations"][0] if "evaluations" in c else c
    r = e["recall"]
    conf = e["confusion"]
    negatives = sum(conf[i][0] + conf[i][1] for i in (2, 3))
    total = sum(sum(conf[i]) for i in (2, 3))
    return 100 * r["yes"], 100 * r["no"], 100 * negatives / total


def svg(rows, path):
    w, h, left, right, top, bottom = 760, 420, 70, 170, 30, 50
    xs = [math.log10(r["per_second"]) for r in rows]
    lo, hi = math.floor(min(xs)), math.ceil(max(xs))
    def x(v):
        return left + (math.log10(v) - lo) / max(hi - lo, 1e-9) * (w - left - right)
    def y(v):
        return top + (100 - v) / 60 * (h - top - bottom)  # 40% .. 100%
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" font-family="sans-serif" font-size="12">',
           f'<rect width="{w}" height="{h}" fill="white"/>',
           f'<text x="{left}" y="18" font-size="14">Cost against quality (validation speakers)</text>']
    for d in range(lo, hi + 1):
        px = x(10 ** d)
        out.append(f'<line x1="{px:.1f}" y1="{top}" x2="{px:.1f}" y2="{h - bottom}" stroke="#ddd"/>')
        out.append(f'<text x="{px:.1f}" y="{h - bottom + 16}" text-anchor="middle">{10 ** d / 1e6:g} M</text>')
    for v in range(40, 101, 10):
        py = y(v)
        out.append(f'<line x1="{left}" y1="{py:.1f}" x2="{w - right}" y2="{py:.1f}" stroke="#ddd"/>')
        out.append(f'<text x="{left - 6}" y="{py + 4:.1f}" text-anchor="end">{v}%</text>')
    out.append(f'<text x="{(left + w - right) / 2}" y="{h - 12}" text-anchor="middle">multiply-adds per second of audio (log scale)</text>')
    out.append(f'<text x="16" y="{(top + h - bottom) / 2}" transform="rotate(-90 16 {(top + h - bottom) / 2})" text-anchor="middle">keywords found (mean, clean and 10 dB)</text>')
    target = x(80e6)
    out.append(f'<line x1="{target:.1f}" y1="{top}" x2="{target:.1f}" y2="{h - bottom}" stroke="#555" stroke-dasharray="4 3"/>')
    out.append(f'<text x="{target - 4:.1f}" y="{top + 12}" text-anchor="end" fill="#555">target: at most 80 M</text>')
    placed = []
    for r in sorted(rows, key=lambda r: -(r["found"].get(0.5) or 0)):
        px = x(r["per_second"])
        for budget, colour in ((0.5, "#c0392b"), (1, "#2471a3")):
            v = r["found"].get(budget)
            if v is not None:
                out.append(f'<circle cx="{px:.1f}" cy="{y(v):.1f}" r="5" fill="{colour}"/>')
        v = r["found"].get(0.5) or r["found"].get(1) or 40
        label_y = y(v) + 4
        while any(abs(label_y - ly) < 13 and abs(px - lx) < 120 for lx, ly in placed):
            label_y += 13
        placed.append((px, label_y))
        out.append(f'<text x="{px + 8:.1f}" y="{label_y:.1f}" font-size="11">{r["short"]}</text>')
    out.append(f'<circle cx="{w - right + 20}" cy="{top + 10}" r="5" fill="#c0392b"/><text x="{w - right + 30}" y="{top + 14}">at 0.5 false alarms/h</text>')
    out.append(f'<circle cx="{w - right + 20}" cy="{top + 30}" r="5" fill="#2471a3"/><text x="{w - right + 30}" y="{top + 34}">at 1 false alarm/h</text>')
    out.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--out", required=True)
    p.add_argument("runs", nargs="+")
    a = p.parse_args()
    rows = []
    for run in a.runs:
        name, rest = run.split("=", 1)
        short, name = name.split("|", 1) if "|" in name else (name, name)
        folder, per_inference, per_second = rest.rsplit(":", 2)
        rows.append({"name": name, "short": short, "per_inference": float(per_inference), "per_second": float(per_second),
                     "clips": clips(folder), "found": {b: found(folder, b) for b in (0.5, 1, 2)}})
    os.makedirs(a.out, exist_ok=True)
    lines = ["| model | M multiply-adds per inference | M per second of audio | clips: yes / no recall, negatives taken for a keyword | found at 0.5 / 1 / 2 false alarms an hour |",
             "| --- | ---: | ---: | --- | --- |"]
    for r in rows:
        f = " / ".join("–" if r["found"][b] is None else f"{r['found'][b]:.1f}%" for b in (0.5, 1, 2))
        c = r["clips"]
        lines.append(f"| {r['name']} | {r['per_inference'] / 1e6:.2f} | {r['per_second'] / 1e6:.1f} | {c[0]:.1f}% / {c[1]:.1f}% / {c[2]:.2f}% | {f} |")
    table = "\n".join(lines) + "\n"
    with open(os.path.join(a.out, "cost-quality.md"), "w") as f:
        f.write(table)
    svg(rows, os.path.join(a.out, "cost-quality.svg"))
    print(table, end="")


if __name__ == "__main__":
    main()
