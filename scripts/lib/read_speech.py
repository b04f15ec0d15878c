"""Renders one split of the synthetic read-speech check (see scripts/make-read-speech.sh)."""
import argparse
import glob
import hashlib
import json
import os
import random
import re
import struct
import subprocess
import sys
import tempfile
import wave

RATE = 16000
VOICES = {
    "validation": [("espeak", "en-us+m3"), ("espeak", "en-gb-x-rp+f3"), ("festival", "kal_diphone")],
    "test": [("espeak", "en+f2"), ("espeak", "en-us"), ("festival", "ked_diphone"), ("festival", "cmu_us_slt_arctic_hts")],
}
KEYWORD = re.compile(r"\b(yes|no)\b", re.IGNORECASE)


def sentences():
    """Every fortune of prose (letters, ordinary punctuation, 4 to 60 words), as one line, in a fixed order."""
    result = []
    for path in sorted(glob.glob("/usr/share/games/fortunes/*.u8")):
        with open(path, encoding="utf-8", errors="replace") as f:
            for entry in f.read().split("\n%\n"):
                text = " ".join(entry.split())
                words = text.split(" ")
                if not 4 <= len(words) <= 60 or re.search(r"[^A-Za-z0-9 .,;:!?'\"()-]", text) or re.search(r"(.)\1\1\1", text):
                    continue
                result.append(text)
    return result


def split_of(text):
    digest = hashlib.sha256(("kws-read:" + text).encode()).digest()
    return "validation" if digest[-1] % 2 == 0 else "test"


def spoken(text):
    """The text as the synthesizers get it: no quotation marks, dashes as commas (festival's diphone voices crash on
    some quoted or dashed sentences; the words are the same)."""
    return text.replace('"', "").replace(" -- ", ", ").replace("--", ", ")


def render(kind, voice, text, path):
    text = spoken(text)
    if kind == "espeak":
        subprocess.run(["espeak-ng", "-v", voice, "-s", "160", "-w", path + ".raw.wav", text], check=True, stderr=subprocess.DEVNULL)
    else:
        subprocess.run(["text2wave", "-eval", f"(voice_{voice})", "-o", path + ".raw.wav"], input=text.encode(), check=True, stderr=subprocess.DEVNULL)
    subprocess.run(["sox", "-D", path + ".raw.wav", "-r", str(RATE), "-c", "1", "-b", "16", "-e", "signed-integer", path, "norm", "-3"], check=True)
    os.remove(path + ".raw.wav")
    with wave.open(path, "rb") as w:
        return w.readframes(w.getnframes())


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--out", required=True)
    p.add_argument("--split", required=True)
    p.add_argument("--minutes", type=float, default=60)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    os.makedirs(a.out, exist_ok=True)
    target = a.out + "/read-speech.wav"
    stamp = f"{a.split} {a.minutes} {a.seed} v2"
    if os.path.exists(a.out + "/.stamp") and open(a.out + "/.stamp").read() == stamp and os.path.exists(target):
        print(f"{target} is there already")
        return
    rng = random.Random(a.seed)
    texts = [t for t in sentences() if split_of(t) == a.split and len(KEYWORD.findall(t)) <= 1]
    rng.shuffle(texts)
    voices = VOICES[a.split]
    samples = bytearray()
    segments = []
    limit = int(a.minutes * 60 * RATE)
    skipped = 0
    with tempfile.TemporaryDirectory() as tmp:
        for i, text in enumerate(texts):
            pause = int(rng.uniform(0.4, 1.2) * RATE)
            samples += bytes(2 * pause)
            kind, voice = voices[i % len(voices)]
            try:
                audio = render(kind, voice, text, f"{tmp}/s.wav")
            except subprocess.CalledProcessError:
                skipped += 1
                continue
            if (len(samples) + len(audio)) // 2 + RATE > limit:
                break
            start = len(samples) // 2
            samples += audio
            found = KEYWORD.findall(text)
            segments.append({
                "start_s": start / RATE,
                "end_s": len(samples) // 2 / RATE,
                "keyword": found[0].lower() if found else None,
                "voice": f"{kind}:{voice}",
                "text": text,
            })
            if len(segments) % 50 == 0:
                print(f"\r  {a.split}: {len(segments)} sentences, {len(samples) / 2 / RATE / 60:.1f} of {a.minutes:g} min", end="", file=sys.stderr)
    samples += bytes(2 * RATE)
    with wave.open(target, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(bytes(samples))
    with open(a.out + "/segments.json", "w") as f:
        json.dump(segments, f, indent=1)
    with open(a.out + "/.stamp", "w") as f:
        f.write(stamp)
    counts = {k: sum(1 for s in segments if s["keyword"] == k) for k in ("yes", "no", None)}
    print(f"\r{target}: {len(samples) / 2 / RATE / 60:.1f} min, {len(segments)} sentences ({counts['yes']} with yes, {counts['no']} with no; {skipped} the synthesizer could not read)", file=sys.stderr)


if __name__ == "__main__":
    main()
