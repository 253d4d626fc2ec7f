#!/usr/bin/env python3
"""Transitions per second of `asl run` against the peer (aws-local-stepfunctions), measured in turns.

The machine's speed drifts by up to 3x over a day (other virtual machines share its cores), and the two
programs suffer from it differently, so figures taken hours apart do not compare. This script runs the
peer's own harness (`../shared/bench/peer/asl-peer.mjs`, installed into `target/peer` with `npm ci`) and
`asl run --repeat` one after the other, round after round, on the same workloads, and reports the ratio of
each round and their median. Every output is checked with the workloads' `check_output.py` first.

    python3 scripts/bench-vs-peer.py                      # the six interpreter workloads, 5 rounds
    python3 scripts/bench-vs-peer.py task-chain-1000 --rounds 9
"""

import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT.parent / "shared" / "bench"
WORKLOADS = BENCH / "workloads" / "out"
PEER_SRC = BENCH / "peer"
PEER_DIR = ROOT / "target" / "peer"
ASL = ROOT / "target" / "release" / "asl"
DEFAULT = ["chain-1000", "map-10000", "parallel-50", "choice-loop-10000", "task-chain-1000", "nested-100"]
# Runs per `asl` measurement: enough for a stable median, a second or less each.
REPEATS = {"map-10000": 60, "choice-loop-10000": 60}


def install_peer():
    """Copies the peer harness into target/peer and installs its locked dependencies once."""
    if (PEER_DIR / "node_modules" / "aws-local-stepfunctions").is_dir():
        return
    PEER_DIR.mkdir(parents=True, exist_ok=True)
    for name in ["asl-peer.mjs", "package.json", "package-lock.json"]:
        shutil.copy(PEER_SRC / name, PEER_DIR / name)
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=PEER_DIR, check=True)


def peer_rate(workload):
    definition, data = WORKLOADS / f"{workload}.asl.json", WORKLOADS / f"{workload}.input.json"
    done = subprocess.run(
        ["node", str(PEER_DIR / "asl-peer.mjs"), str(definition), str(data), "--warmup", "3", "--repeat", "10", "--stats-json"],
        capture_output=True, text=True, check=True,
    )
    stats = re.search(r"ASL_PEER_STATS (\{.*\})", done.stdout + done.stderr)
    return json.loads(stats.group(1))["transitions_per_sec"]


def asl_args(workload):
    return [str(WORKLOADS / f"{workload}.asl.json"), "--input", str(WORKLOADS / f"{workload}.input.json"), "--unmocked", "input", "--no-limits"]


def asl_rate(workload):
    repeat = str(REPEATS.get(workload, 400))
    done = subprocess.run([str(ASL), "run", *asl_args(workload), "--repeat", repeat], capture_output=True, text=True, check=True)
    return float(re.search(r"transitions/s \(median\) (\d+)", done.stderr).group(1))


def check_output(workload):
    output = subprocess.run([str(ASL), "run", *asl_args(workload), "--output-only"], capture_output=True, text=True, check=True).stdout
    check = subprocess.run([sys.executable, str(BENCH / "workloads" / "check_output.py"), str(WORKLOADS / f"{workload}.meta.json"), "-"], input=output, capture_output=True, text=True)
    if check.returncode != 0:
        sys.exit(f"{workload}: wrong output\n{check.stdout}{check.stderr}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("workloads", nargs="*", default=DEFAULT)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "cli"], cwd=ROOT, check=True)
    install_peer()
    rows = []
    for workload in args.workloads:
        check_output(workload)
        rounds = []
        for _ in range(args.rounds):
            rounds.append((peer_rate(workload), asl_rate(workload)))
            peer, ours = rounds[-1]
            print(f"{workload}: peer {peer:,.0f}  asl {ours:,.0f}  {ours / peer:.0f}x", file=sys.stderr, flush=True)
        rows.append((workload, rounds))
    print("| workload | peer tr/s (median) | asl tr/s (median) | ratio per round | median ratio |")
    print("|---|---:|---:|---|---:|")
    for workload, rounds in rows:
        ratios = [ours / peer for peer, ours in rounds]
        peer_median = statistics.median(peer for peer, _ in rounds)
        asl_median = statistics.median(ours for _, ours in rounds)
        listed = ", ".join(f"{r:.0f}" for r in ratios)
        print(f"| {workload} | {peer_median:,.0f} | {asl_median:,.0f} | {listed} | **{statistics.median(ratios):.0f}x** |")


if __name__ == "__main__":
    main()
