#!/usr/bin/python3
"""Makes the portal tests' folder with the samples' own generator: OUT/pdfs holds taito-12.pdf
(令和元～２年度), taito-12-r3.pdf (令和３～４年度, two-periods/taito-12-r3.yaml) and
taito-18-formulas.pdf (samples/src/taito-18.yaml with names that begin as spreadsheet formulas
do); OUT/out holds the same with their expected records. Usage: make_two_periods.py OUT"""
import pathlib
import shutil
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
SAMPLES = HERE.parent.parent / "samples"
FORMULAS = [("{name: 主催講座,", '{name: "=主催講座",'),
            ("{name: オンライン講座,", '{name: "-オンライン講座",'),
            ("name: 図書館サービスの充実", 'name: "@図書館サービスの充実"')]


def main(out):
    shutil.rmtree(out, ignore_errors=True)
    (out / "src").mkdir(parents=True)
    for module in ("generate.py", "producer_style.py"):  # the generator and the drawing styles it imports
        shutil.copy(SAMPLES / module, out / module)
    shutil.copy(SAMPLES / "src" / "taito-12.yaml", out / "src")
    for name in ("manifest.yaml", "taito-12-r3.yaml"):
        shutil.copy(HERE / "two-periods" / name, out / "src")
    text = (SAMPLES / "src" / "taito-18.yaml").read_text(encoding="utf-8")
    for old, new in FORMULAS:
        if old not in text:
            sys.exit(f"make_two_periods.py: samples/src/taito-18.yaml no longer has {old}")
        text = text.replace(old, new)
    (out / "src" / "taito-18-formulas.yaml").write_text(text, encoding="utf-8")
    subprocess.run(["/usr/bin/python3", out / "generate.py", "--out", out / "out"], check=True)
    (out / "pdfs").mkdir()
    for name in ("taito-12.pdf", "taito-12-r3.pdf", "taito-18-formulas.pdf"):
        shutil.copy(out / "out" / name, out / "pdfs")


if __name__ == "__main__":
    main(pathlib.Path(sys.argv[1]))
