#!/usr/bin/env python3
"""Benchmark of the incremental build (kg.incremental): every figure is a command in a new process.

    .venv/bin/python bench/incremental.py                     # seed, bundled, 10, 100 synthetic
    .venv/bin/python bench/incremental.py --sizes 10 --repeats 3

For each corpus — the seed (kidd-21 alone), the bundled statements (a copy), synthetic corpora
of N statements (bench/synth.py, seed 1, generated once into build/bench/corpora/N) — it runs:

* ``cold``: ``kg build --full`` into an empty folder (build, reason, validate, write the units
  and the store), once;
* ``no-op``: ``kg build`` again, nothing changed;
* ``edit``: one line of one statement changed (an act's content cut shorter, then restored,
  alternately), then ``kg build``;
* ``query``: ``kg query 01`` in a new process after the build (the store answers), and the same
  query timed inside one process (``query only``), and ``python -c "import kg.cli"`` (the floor
  of any ``kg`` command).

Wall times are medians of ``--repeats`` runs (n is given), with the machine's load average at
start and end: this machine is shared. Peak RSS is the largest ``ru_maxrss`` of the command's
process tree (``RUSAGE_CHILDREN`` of a fresh helper process). Results go to
``build/bench/incremental.json`` and ``build/bench/incremental.md``. Nothing here is a test.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


def _timed(cmd: list[str], env: dict | None = None) -> tuple[float, int, int, str]:
    """(wall seconds, exit code, peak RSS in MB of the process tree, stderr) of one command,
    run from a small helper so that RUSAGE_CHILDREN covers that command alone."""
    helper = ("import resource,subprocess,sys,time,json;t=time.perf_counter();"
              "r=subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,stderr=subprocess.PIPE,text=True);"
              "w=time.perf_counter()-t;"
              "print(json.dumps([w,r.returncode,resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss//1024,r.stderr[-2000:]]))")
    out = subprocess.run([PY, "-c", helper, *cmd], capture_output=True, text=True, env=env, check=True).stdout
    w, rc, rss, err = json.loads(out)
    return w, rc, rss, err


def _kg(*args: str) -> list[str]:
    return [PY, "-m", "kg", *args]


def _median(xs: list[float]) -> float:
    return statistics.median(xs)


def _edit_target(corpus: Path) -> tuple[Path, str, str]:
    """A statement file and one line of it to change: an act's quoted content cut by its first
    word (still a verbatim quote of the text)."""
    for path in sorted(corpus.glob("*/statement.yaml")):
        text = path.read_text(encoding="utf-8")
        for m in re.finditer(r'^(\s+content: )("?)(\w\S*) (\w[^"\n]{20,})\2$', text, re.M):
            return path, m.group(0), f"{m.group(1)}{m.group(2)}{m.group(4)}{m.group(2)}"
    raise SystemExit(f"no act content line to edit under {corpus}")


def run_corpus(name: str, corpus: Path, out: Path, repeats: int, env: dict) -> dict:
    res: dict = {"corpus": name, "statements": len(list(corpus.glob("*/statement.yaml")))}
    shutil.rmtree(out, ignore_errors=True)
    common = ["--statements", str(corpus), "--out", str(out)]
    w, rc, rss, err = _timed(_kg("build", "--incremental", "--full", *common), env)
    res["cold"] = {"wall": w, "exit": rc, "rss_mb": rss}
    if rc not in (0, 1):
        res["error"] = err
        return res
    runs = [_timed(_kg("build", "--incremental", *common), env) for _ in range(repeats)]
    res["noop"] = {"wall": _median([r[0] for r in runs]), "runs": [r[0] for r in runs], "rss_mb": max(r[2] for r in runs)}
    path, old, new = _edit_target(corpus)
    original = path.read_text(encoding="utf-8")
    edits = []
    try:
        for i in range(repeats):
            path.write_text(original.replace(old, new, 1) if i % 2 == 0 else original, encoding="utf-8")
            edits.append(_timed(_kg("build", "--incremental", *common), env))
    finally:
        path.write_text(original, encoding="utf-8")
    _timed(_kg("build", "--incremental", *common), env)  # back to the original, for the queries
    res["edit"] = {"wall": _median([r[0] for r in edits]), "runs": [r[0] for r in edits],
                   "rss_mb": max(r[2] for r in edits), "file": str(path.relative_to(corpus)), "exit": edits[-1][1]}
    queries = [_timed(_kg("query", "01", *common), env) for _ in range(repeats)]
    res["query"] = {"wall": _median([r[0] for r in queries]), "runs": [r[0] for r in queries],
                    "stderr": queries[-1][3].strip()}
    inproc = (
        "import sys,time,statistics;from pathlib import Path;from kg import incremental;"
        "from kg.queries import stored as q;from kg.sparql.engines import OxigraphEngine;"
        f"s=incremental.current_store(Path({str(out)!r}),Path({str(corpus)!r}));e=OxigraphEngine(store=s);"
        "sq=q.resolve('01');ts=[];"
        "exec('for _ in range(6):\\n t=time.perf_counter();e.select(sq.text);ts.append(time.perf_counter()-t)');"
        "print(ts[0],statistics.median(ts[1:]))"
    )
    out_q = subprocess.run([PY, "-c", inproc], capture_output=True, text=True, env=env, check=True).stdout.split()
    res["query_only"] = {"cold": float(out_q[0]), "warm": float(out_q[1])}
    return res


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="bench/incremental.py")
    p.add_argument("--sizes", default="seed,bundled,10,100", help="comma-separated: seed, bundled, N (synthetic)")
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--out", type=Path, default=ROOT / "build" / "bench")
    args = p.parse_args(argv)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    work = args.out / "incremental"
    work.mkdir(parents=True, exist_ok=True)
    info = {"started": time.strftime("%Y-%m-%d %H:%M:%S"), "cpus": os.cpu_count(), "python": sys.version.split()[0],
            "load_start": os.getloadavg()}
    floor = [_timed([PY, "-c", "import kg.cli"], env)[0] for _ in range(args.repeats)]
    info["import_floor"] = _median(floor)
    results = []
    for size in args.sizes.split(","):
        if size == "seed":
            corpus = work / "corpora" / "seed"
            shutil.rmtree(corpus, ignore_errors=True)
            shutil.copytree(ROOT / "statements" / "kidd-21", corpus / "kidd-21")
        elif size == "bundled":
            corpus = work / "corpora" / "bundled"
            shutil.rmtree(corpus, ignore_errors=True)
            shutil.copytree(ROOT / "statements", corpus)
        else:
            corpus = args.out / "corpora" / size
            if not corpus.is_dir():
                subprocess.run([PY, str(ROOT / "bench" / "synth.py"), size, "--seed", "1", "--out", str(corpus)],
                               check=True, env=env, stdout=subprocess.DEVNULL)
        load = os.getloadavg()
        r = run_corpus(size, corpus, work / f"out-{size}", args.repeats, env)
        r["load_start"], r["load_end"] = load, os.getloadavg()
        results.append(r)
        print(json.dumps(r), flush=True)
    info["load_end"] = os.getloadavg()
    doc = {"info": info, "results": results}
    (args.out / "incremental.json").write_text(json.dumps(doc, indent=1), encoding="utf-8")
    (args.out / "incremental.md").write_text(render(doc), encoding="utf-8")
    print(render(doc))
    return 0


def _s(x: float) -> str:
    return f"{x * 1000:.0f} ms" if x < 1 else f"{x:.2f} s" if x < 10 else f"{x:.0f} s"


def render(doc: dict) -> str:
    info = doc["info"]
    lines = [f"{info['started']}; Python {info['python']}, {info['cpus']} CPUs; load average at the start "
             f"{', '.join(f'{x:.1f}' for x in info['load_start'])}, at the end {', '.join(f'{x:.1f}' for x in info['load_end'])}; "
             f"`python -c 'import kg.cli'` {_s(info['import_floor'])} (median).", "",
             "| corpus | statements | cold `kg build --full` | peak RSS | no-op `kg build` | one-line edit, `kg build` | `kg query 01`, new process | query 01 alone (cold / warm) | load (start → end) |",
             "|---|---|---|---|---|---|---|---|---|"]
    for r in doc["results"]:
        if "error" in r:
            lines.append(f"| {r['corpus']} | {r['statements']} | failed: {r['error'][:200]} |||||||")
            continue
        n = len(r["edit"]["runs"])
        lines.append(
            f"| {r['corpus']} | {r['statements']} | {_s(r['cold']['wall'])} | {r['cold']['rss_mb']} MB | "
            f"{_s(r['noop']['wall'])} (n={n}) | {_s(r['edit']['wall'])} (n={n}; {', '.join(_s(x) for x in r['edit']['runs'])}) | "
            f"{_s(r['query']['wall'])} (n={n}) | {_s(r['query_only']['cold'])} / {_s(r['query_only']['warm'])} | "
            f"{r['load_start'][0]:.1f} → {r['load_end'][0]:.1f} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
