#!/usr/bin/env python3
"""sheetx against pdftotext -bbox-layout on the same files, in the same run.

Builds a corpus from the sample PDFs (each copied --copies times), then for --rounds rounds runs,
alternating: `sheetx extract` (one job), `sheetx layout` per file (the extractor's share), and
`pdftotext -bbox-layout` per file; reports per-page time and peak memory (GNU time -v) and the
ratios to pdftotext. With --scaling it also runs the 10/100/1000-sheet corpora with --jobs 1 and 2;
with --single (or --only-single) one file per run: a 3-page sheet, a 9-page bundle and a 999-page
file, with `mutool draw -F stext` (Debian mupdf-tools) beside pdftotext.

Needs: a built sheetx (default build/sheetx), poppler-utils, GNU time (Debian package `time`),
mupdf-tools for the mutool column.
Usage: python3 bench/run.py [--copies 20] [--rounds 3] [--scaling] [--single] [--sheetx build/sheetx]
"""
import argparse
import os
import pathlib
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent


def pages_of(pdf):
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))


def timed(command):
    """Runs a shell command under GNU time; returns (seconds, peak RSS in MiB)."""
    start = time.perf_counter()
    result = subprocess.run(["/usr/bin/time", "-v", "sh", "-c", command], capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"failed ({result.returncode}): {command}\n{result.stderr[-2000:]}")
    rss_kib = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr).group(1))
    return elapsed, rss_kib / 1024


def make_corpus(folder, sources, copies):
    folder.mkdir(parents=True)
    for n in range(copies):
        for pdf in sources:
            shutil.copyfile(pdf, folder / f"{pdf.stem}-{n:04d}.pdf")
    return sorted(folder.glob("*.pdf"))


def per_file(tool, files):
    return "for f in " + " ".join(f"'{f}'" for f in files) + f"; do {tool}; done"


def compare(sheetx, corpus, files, pages, rounds, scratch):
    commands = {
        "sheetx extract (--jobs 1)": f"'{sheetx}' extract '{corpus}' -o '{scratch / 'out'}' --jobs 1 2>/dev/null",
        "sheetx layout (per file)": per_file(f"'{sheetx}' layout \"$f\" > /dev/null", files),
        "pdftotext -bbox-layout (per file)": per_file(f"pdftotext -bbox-layout \"$f\" '{scratch / 'p.html'}'", files),
    }
    runs = {name: [] for name in commands}
    for _ in range(rounds):
        for name, command in commands.items():  # alternating, so drift hits all alike
            runs[name].append(timed(command))
    floor = statistics.median(t for t, _ in runs["pdftotext -bbox-layout (per file)"]) / pages
    print(f"\n{len(files)} files, {pages} pages, {rounds} rounds (median)\n")
    print("| tool | ms/page | ratio to pdftotext | peak RSS MiB |")
    print("|---|---:|---:|---:|")
    for name, samples in runs.items():
        ms = statistics.median(t for t, _ in samples) / pages * 1000
        rss = max(r for _, r in samples)
        print(f"| {name} | {ms:.2f} | {ms / 1000 / floor:.2f}× | {rss:.0f} |")


def scaling(sheetx, source, scratch):
    print("\nScaling: copies of one 3-page sheet\n")
    print("| sheets | jobs | s | ms/page | peak RSS MiB | speed-up 2 jobs |")
    print("|---:|---:|---:|---:|---:|---:|")
    pages_each = pages_of(source)
    for count in (10, 100, 1000):
        corpus = scratch / f"scale-{count}"
        make_corpus(corpus, [source], count)
        one = None
        for jobs in (1, 2):
            seconds, rss = timed(f"'{sheetx}' extract '{corpus}' -o '{scratch / 'out-scale'}' --jobs {jobs} 2>/dev/null")
            ms = seconds / (count * pages_each) * 1000
            speedup = "" if jobs == 1 else f"{one / seconds:.2f}×"
            one = seconds if jobs == 1 else one
            print(f"| {count} | {jobs} | {seconds:.2f} | {ms:.2f} | {rss:.0f} | {speedup} |")
        shutil.rmtree(corpus)


def single_files(sheetx, scratch, rounds):
    """One file per run, as a city publishes them: a 3-page sheet, a 9-page bundle of three
    sheets, and a 999-page file of 333 sheets; each tool once per file, alternating."""
    samples = ROOT / "samples"
    bundle = scratch / "bundle-9.pdf"
    subprocess.run(["pdfunite"] + [str(samples / f"taito-{n}.pdf") for n in ("12", "35", "41")] + [str(bundle)], check=True)
    big = scratch / "big-999.pdf"
    subprocess.run(["pdfunite"] + [str(samples / "taito-35.pdf")] * 333 + [str(big)], check=True)
    cases = [("one 3-page sheet", samples / "taito-35.pdf", 20), ("9-page bundle of 3 sheets", bundle, 10),
             ("999-page file (333 sheets)", big, 1)]
    out = scratch / "single"
    tools = {
        "pdftotext -bbox-layout": "pdftotext -bbox-layout '{f}' '{out}.html'",
        "mutool draw -F stext": "mutool draw -q -F stext -o '{out}.stext' '{f}'",
        "sheetx extract --jobs 1": f"'{sheetx}' extract '{{f}}' --format jsonl --jobs 1 > '{{out}}.jsonl' 2>/dev/null",
        "sheetx layout": f"'{sheetx}' layout '{{f}}' > '{{out}}.json' 2>/dev/null",
    }
    have_mutool = shutil.which("mutool") is not None
    print("\nSingle files: one run per file (medians; a small file is run 10-20 times a round)\n")
    print("| file | tool | ms/page | ratio to pdftotext | peak RSS MiB |")
    print("|---|---|---:|---:|---:|")
    for label, pdf, repeat in cases:
        pages = pages_of(pdf)
        runs = {name: [] for name in tools if have_mutool or not name.startswith("mutool")}
        for _ in range(rounds):
            for name in runs:
                command = tools[name].format(f=pdf, out=out)
                seconds, rss = timed(f"for i in $(seq {repeat}); do {command}; done")
                runs[name].append((seconds / repeat, rss))
        floor = statistics.median(t for t, _ in runs["pdftotext -bbox-layout"])
        for name, samples_ in runs.items():
            median = statistics.median(t for t, _ in samples_)
            print(f"| {label} | {name} | {median / pages * 1000:.2f} | {median / floor:.2f}× | "
                  f"{max(r for _, r in samples_):.0f} |")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=20, help="copies of each sample in the corpus")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--scaling", action="store_true", help="also the 10/100/1000-sheet runs")
    parser.add_argument("--single", action="store_true",
                        help="also single files: a 3-page sheet, a 9-page bundle, a 999-page file")
    parser.add_argument("--only-single", action="store_true", help="only the single files")
    parser.add_argument("--sheetx", default=str(ROOT / "build" / "sheetx"))
    args = parser.parse_args()
    sheetx = pathlib.Path(args.sheetx).resolve()
    if not sheetx.exists():
        sys.exit(f"no sheetx at {sheetx}: build it first (bash scripts/build.sh)")
    sources = sorted(p for p in (ROOT / "samples").glob("*.pdf"))
    print(f"machine: {os.cpu_count()} cores; {subprocess.run(['pdftotext', '-v'], capture_output=True, text=True).stderr.splitlines()[0]}")
    with tempfile.TemporaryDirectory(prefix="sheetx-bench-") as tmp:
        scratch = pathlib.Path(tmp)
        if args.single or args.only_single:
            single_files(sheetx, scratch, args.rounds)
        if args.only_single:
            return
        corpus = scratch / "corpus"
        files = make_corpus(corpus, sources, args.copies)
        pages = sum(pages_of(f) for f in sources) * args.copies
        compare(sheetx, corpus, files, pages, args.rounds, scratch)
        if args.scaling:
            scaling(sheetx, ROOT / "samples" / "taito-35.pdf", scratch)


if __name__ == "__main__":
    main()
