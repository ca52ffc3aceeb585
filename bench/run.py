#!/usr/bin/env python3
"""sheetx against pdftotext -bbox-layout on the same files, in the same run.

Builds a corpus from the sample PDFs (each copied --copies times), then for --rounds rounds runs,
alternating: `sheetx extract` (one job), `sheetx layout` per file (the extractor's share), and
`pdftotext -bbox-layout` per file; reports per-page CPU time (user + system of the command and
every process it waited for: on a machine shared with other work, wall time measures the others
too) and peak memory, and the ratios to pdftotext. With --baseline OLD_SHEETX the old binary runs
in the same rounds, alternating with the new one, so that drift hits both alike. With --scaling it
also runs the 10/100/1000-sheet corpora with --jobs 1 and 2 (wall time there: the speed-up is
what two cores buy); with --single (or --only-single) one file per run: a 3-page sheet, a 9-page
bundle and a 999-page file, with `mutool draw -F stext` (Debian mupdf-tools) beside pdftotext,
and the 3-page sheet read with the shipped rule file given three times (the cost of loading
several rule files).

Needs: a built sheetx (default build/sheetx), poppler-utils, mupdf-tools for the mutool column.
Usage: python3 bench/run.py [--copies 20] [--rounds 3] [--scaling] [--single] [--sheetx build/sheetx]
       [--baseline OLD_SHEETX]
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
    """Runs a shell command; returns (CPU seconds, wall seconds, peak RSS in MiB). The CPU time is
    user + system of the shell and of every process it waited for; the peak RSS is the largest
    of them (Linux folds the children's into the rusage that wait4 returns)."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(["sh", "-c", command], stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            errors.seek(0)
            sys.exit(f"failed ({process.returncode}): {command}\n{errors.read()[-2000:].decode(errors='replace')}")
    return usage.ru_utime + usage.ru_stime, elapsed, usage.ru_maxrss / 1024


def make_corpus(folder, sources, copies):
    folder.mkdir(parents=True)
    for n in range(copies):
        for pdf in sources:
            shutil.copyfile(pdf, folder / f"{pdf.stem}-{n:04d}.pdf")
    return sorted(folder.glob("*.pdf"))


def per_file(tool, files):
    return "for f in " + " ".join(f"'{f}'" for f in files) + f"; do {tool}; done"


def binaries(sheetx, baseline):
    """The sheetx binaries to time, by the suffix of their rows: the new one, and the old one."""
    return {"": sheetx} | ({" (before)": baseline} if baseline else {})


def report(label, runs, pages, floor_name):
    """One table row per tool: median CPU ms per page, ratio to pdftotext, peak RSS."""
    floor = statistics.median(cpu for cpu, _, _ in runs[floor_name])
    for name, samples in runs.items():
        cpu = statistics.median(c for c, _, _ in samples)
        rss = max(r for _, _, r in samples)
        print(f"| {label}{name} | {cpu / pages * 1000:.2f} | {cpu / floor:.2f}× | {rss:.0f} |")


def alternate(commands, rounds, repeat=1):
    """Runs every command once a round (repeated `repeat` times in one shell), in turn, so that
    drift on a shared machine hits all alike; returns each one's (CPU, wall, RSS) per run."""
    runs = {name: [] for name in commands}
    for _ in range(rounds):
        for name, command in commands.items():
            cpu, wall, rss = timed(command if repeat == 1 else f"for i in $(seq {repeat}); do {command}; done")
            runs[name].append((cpu / repeat, wall / repeat, rss))
    return runs


def compare(sheetxes, corpus, files, pages, rounds, scratch):
    commands = {}
    for suffix, sheetx in sheetxes.items():
        commands[f"sheetx extract (--jobs 1){suffix}"] = (
            f"'{sheetx}' extract '{corpus}' -o '{scratch / 'out'}' --jobs 1 2>/dev/null")
        commands[f"sheetx layout (per file){suffix}"] = per_file(f"'{sheetx}' layout \"$f\" > /dev/null", files)
    commands["pdftotext -bbox-layout (per file)"] = per_file(f"pdftotext -bbox-layout \"$f\" '{scratch / 'p.html'}'", files)
    runs = alternate(commands, rounds)
    print(f"\n{len(files)} files, {pages} pages, {rounds} rounds (median CPU time)\n")
    print("| tool | CPU ms/page | ratio to pdftotext | peak RSS MiB |")
    print("|---|---:|---:|---:|")
    report("", runs, pages, "pdftotext -bbox-layout (per file)")


def scaling(sheetxes, source, scratch):
    print("\nScaling: copies of one 3-page sheet (wall time: what a second job buys)\n")
    print("| sheets | binary | jobs | wall s | CPU ms/page | peak RSS MiB | speed-up 2 jobs |")
    print("|---:|---|---:|---:|---:|---:|---:|")
    pages_each = pages_of(source)
    for count in (10, 100, 1000):
        corpus = scratch / f"scale-{count}"
        make_corpus(corpus, [source], count)
        for suffix, sheetx in sheetxes.items():
            one = None
            for jobs in (1, 2):
                cpu, wall, rss = timed(f"'{sheetx}' extract '{corpus}' -o '{scratch / 'out-scale'}' --jobs {jobs} 2>/dev/null")
                speedup = "" if jobs == 1 else f"{one / wall:.2f}×"
                one = wall if jobs == 1 else one
                print(f"| {count} | sheetx{suffix} | {jobs} | {wall:.2f} | {cpu / (count * pages_each) * 1000:.2f} | "
                      f"{rss:.0f} | {speedup} |")
        shutil.rmtree(corpus)


def run_once(argv, stdout):
    """Runs one command (no shell, whose own start would blur a small file's figures); returns
    its (CPU seconds, wall seconds, peak RSS MiB), children included."""
    with open(stdout, "wb") as out:
        start = time.perf_counter()
        process = subprocess.Popen(argv, stdout=out, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        sys.exit(f"failed ({process.returncode}): {' '.join(map(str, argv))}")
    return usage.ru_utime + usage.ru_stime, elapsed, usage.ru_maxrss / 1024


def single_files(sheetxes, scratch, rounds):
    """One file per run, as a city publishes them: a 3-page sheet, a 9-page bundle of three
    sheets, and a 999-page file of 333 sheets. Each run of each tool is followed by one of every
    other (a small file 10-20 times a round): on a shared machine the load moves within seconds."""
    samples = ROOT / "samples"
    bundle = scratch / "bundle-9.pdf"
    subprocess.run(["pdfunite"] + [str(samples / f"taito-{n}.pdf") for n in ("12", "35", "41")] + [str(bundle)], check=True)
    big = scratch / "big-999.pdf"
    subprocess.run(["pdfunite"] + [str(samples / "taito-35.pdf")] * 333 + [str(big)], check=True)
    cases = [("one 3-page sheet", samples / "taito-35.pdf", 20), ("9-page bundle of 3 sheets", bundle, 10),
             ("999-page file (333 sheets)", big, 1)]
    out = scratch / "single"
    shipped = str(ROOT / "rules" / "taito-kensho.yaml")
    tools = {"pdftotext -bbox-layout": lambda f: (["pdftotext", "-bbox-layout", f, f"{out}.html"], os.devnull)}
    if shutil.which("mutool"):
        tools["mutool draw -F stext"] = lambda f: (["mutool", "draw", "-q", "-F", "stext", "-o", f"{out}.stext", f], os.devnull)
    for suffix, sheetx in sheetxes.items():
        x = str(sheetx)
        tools[f"sheetx extract --jobs 1{suffix}"] = lambda f, x=x: (
            [x, "extract", f, "--format", "jsonl", "--jobs", "1"], f"{out}.jsonl")
        # The default reads with every shipped rule file; a user of one family can name its file.
        tools[f"sheetx extract --jobs 1, one rule file{suffix}"] = lambda f, x=x: (
            [x, "extract", f, "--format", "jsonl", "--jobs", "1", "--rules", shipped], f"{out}.jsonl")
        tools[f"sheetx layout{suffix}"] = lambda f, x=x: ([x, "layout", f], f"{out}.json")
    print("\nSingle files: one run per file (median CPU time over rounds × repeats)\n")
    print("| file | tool | CPU ms/page | ratio to pdftotext | peak RSS MiB |")
    print("|---|---|---:|---:|---:|")
    for label, pdf, repeat in cases:
        # One rule file only where the fixed cost shows: on the 3-page sheet.
        names = [n for n in tools if "one rule file" not in n or repeat == 20]
        runs = {n: [] for n in names}
        for _ in range(rounds * repeat):
            for name in names:
                runs[name].append(run_once(*tools[name](str(pdf))))
        report(f"{label} | ", runs, pages_of(pdf), "pdftotext -bbox-layout")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=20, help="copies of each sample in the corpus")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--scaling", action="store_true", help="also the 10/100/1000-sheet runs")
    parser.add_argument("--single", action="store_true",
                        help="also single files: a 3-page sheet, a 9-page bundle, a 999-page file")
    parser.add_argument("--only-single", action="store_true", help="only the single files")
    parser.add_argument("--sheetx", default=str(ROOT / "build" / "sheetx"))
    parser.add_argument("--baseline", help="an older sheetx to time in the same rounds")
    args = parser.parse_args()
    sheetx = pathlib.Path(args.sheetx).resolve()
    if not sheetx.exists():
        sys.exit(f"no sheetx at {sheetx}: build it first (bash scripts/build.sh)")
    sheetxes = binaries(sheetx, pathlib.Path(args.baseline).resolve() if args.baseline else None)
    sources = sorted(p for p in (ROOT / "samples").glob("*.pdf"))
    print(f"machine: {os.cpu_count()} cores; {subprocess.run(['pdftotext', '-v'], capture_output=True, text=True).stderr.splitlines()[0]}")
    with tempfile.TemporaryDirectory(prefix="sheetx-bench-") as tmp:
        scratch = pathlib.Path(tmp)
        if args.single or args.only_single:
            single_files(sheetxes, scratch, args.rounds)
        if args.only_single:
            return
        corpus = scratch / "corpus"
        files = make_corpus(corpus, sources, args.copies)
        pages = sum(pages_of(f) for f in sources) * args.copies
        compare(sheetxes, corpus, files, pages, args.rounds, scratch)
        if args.scaling:
            scaling(sheetxes, ROOT / "samples" / "taito-35.pdf", scratch)


if __name__ == "__main__":
    main()
