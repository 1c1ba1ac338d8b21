"""`python -m mist_torch.bench DATA`: training examples/s of mist (`mist-bench train`, 1 and 2
threads) beside mist_torch in one and two DDP processes, in one run, same data, split (seed 42,
written by `mist split`) and default (v3) settings. mist_torch is timed on its second epoch of
`--max-steps` steps (the first warms up), without validation. Prints one JSON object per
measurement and the ratios. Never run it beside another benchmark on a two-core machine."""
import argparse
import json
import os
import subprocess
import sys
import tempfile

from .parity import find_binary


def mist_speed(bench, data):
    """The examples/s lines of `mist-bench train` (v1, v2, v3 × 1, 2 threads); stops it after them."""
    process = subprocess.Popen([bench, "train", "--data", data, "--speed-epochs", "1"], stdout=subprocess.PIPE, text=True)
    found = []
    for line in process.stdout:
        row = json.loads(line)
        if row.get("measure") == "examples_per_second":
            found.append(row)
        if len(found) == 6:
            break
    process.kill()
    process.wait()
    return found


def torch_speed(data, split, processes, steps):
    args = ["-m", "mist_torch.train", data, "--split", split, "--out", os.devnull, "--epochs", "2",
            "--max-steps", str(steps), "--no-validation", "--json"]
    if processes > 1:
        command = [os.path.join(os.path.dirname(sys.executable), "torchrun"), f"--nproc_per_node={processes}"] + args
    else:
        command = [sys.executable] + args
    out = subprocess.run(command, capture_output=True, text=True, cwd=os.path.dirname(os.path.dirname(__file__)))
    if out.returncode != 0:
        sys.exit(out.stderr[-2000:])
    return [json.loads(line) for line in out.stdout.splitlines() if line.startswith("{")][-1]


def main(argv=None):
    p = argparse.ArgumentParser(prog="python -m mist_torch.bench", description=__doc__.split("\n\n")[0])
    p.add_argument("data")
    p.add_argument("--steps", type=int, default=40, help="mist_torch steps of 256 examples timed")
    p.add_argument("--mist")
    p.add_argument("--mist-bench")
    a = p.parse_args(argv)
    data = os.path.abspath(a.data)
    mist, bench = find_binary("mist", a.mist), find_binary("mist-bench", a.mist_bench)
    with tempfile.TemporaryDirectory() as tmp:
        split = os.path.join(tmp, "split.csv")
        subprocess.run([mist, "split", data, "--out", split], check=True, capture_output=True)
        rows = mist_speed(bench, data)
        for r in rows:
            print(json.dumps(r), flush=True)
        ours = [torch_speed(data, split, n, a.steps) for n in (1, 2)]
    for r in ours:
        print(json.dumps(dict(r, bench="mist_torch.train")), flush=True)
    v3 = {r["threads"]: r["examples_per_second"] for r in rows if r["version"] == "v3"}
    for r in ours:
        n = r["processes"]
        print(f"v3, {n} core(s): mist {v3[n]:,.0f} examples/s, mist_torch {r['examples_per_second']:,.0f} "
              f"examples/s: mist / mist_torch = {v3[n] / r['examples_per_second']:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
