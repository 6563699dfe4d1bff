#!/usr/bin/env python3
"""Prints the entity-resolution benchmark's table per size and writes its results as JSON.

Reads the JSON lines scripts/bench-er appends (one per tool, size and repeat) and adds the ratios
counternet / Splink for wall time and peak memory, and the F1 difference counternet - Splink. With
several runs of a tool at one size (--repeat), its median run by wall time stands for it (an odd
count's middle run, an even count's lower middle one), and the range of its wall times is shown.
"""

import argparse
import json
import sys
from datetime import datetime, timezone


def ratio(a, b):
    return round(a / b, 4) if a is not None and b else None


def median_run(runs):
    """The run with the median wall time (the lower middle one of an even count), its wall times
    added; a run without a wall time (a failure) only when every run lacks one."""
    timed = sorted((r for r in runs if r.get("wall_s") is not None), key=lambda r: r["wall_s"])
    if not timed:
        return runs[0] if runs else {}
    chosen = dict(timed[(len(timed) - 1) // 2])
    chosen["wall_s_runs"] = [r["wall_s"] for r in timed]
    chosen["runs"] = len(runs)
    return chosen


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", required=True)
    parser.add_argument("--json", required=True)
    parser.add_argument("--meta", nargs="*", default=[], help="key=value pairs recorded with the results")
    args = parser.parse_args()

    runs = [json.loads(line) for line in open(args.runs, encoding="utf-8") if line.strip()]
    sizes = sorted({r["size"] for r in runs})
    results = {
        "measured_at": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        **dict(m.split("=", 1) for m in args.meta if "=" in m),
        "sizes": [],
    }
    for size in sizes:
        by_tool = {
            tool: median_run([r for r in runs if r["size"] == size and r["tool"] == tool])
            for tool in ("counternet", "splink")
        }
        cn, sp = by_tool.get("counternet", {}), by_tool.get("splink", {})
        f1 = lambda r: (r.get("score") or {}).get("f1")  # noqa: E731
        comparison = {
            "time_ratio": ratio(cn.get("wall_s"), sp.get("wall_s")),
            "memory_ratio": ratio(cn.get("peak_rss_kib"), sp.get("peak_rss_kib")),
            "f1_difference": round(f1(cn) - f1(sp), 5) if f1(cn) is not None and f1(sp) is not None else None,
        }
        results["sizes"].append({"rows": size, "counternet": cn, "splink": sp, "counternet_vs_splink": comparison})

        print(f"\n{size:,} rows")
        print(f"{'tool':<12} {'status':<10} {'precision':>9} {'recall':>7} {'F1':>7} {'wall s':>8} {'peak MiB':>9}")
        for name, r in (("counternet", cn), ("splink", sp)):
            s = r.get("score") or {}
            fmt = lambda v, spec: format(v, spec) if v is not None else "-"  # noqa: E731
            mib = r["peak_rss_kib"] / 1024 if r.get("peak_rss_kib") is not None else None
            status = r.get("status", "-")
            print(
                f"{name:<12} {status[:10]:<10} {fmt(s.get('precision'), '.4f'):>9} {fmt(s.get('recall'), '.4f'):>7} "
                f"{fmt(s.get('f1'), '.4f'):>7} {fmt(r.get('wall_s'), '.2f'):>8} {fmt(mib, '.0f'):>9}"
            )
        c = comparison
        print(
            "counternet/splink: time "
            + (f"{c['time_ratio']:.3f}" if c["time_ratio"] is not None else "-")
            + ", memory "
            + (f"{c['memory_ratio']:.3f}" if c["memory_ratio"] is not None else "-")
            + ", F1 difference "
            + (f"{c['f1_difference']:+.4f}" if c["f1_difference"] is not None else "-")
        )
        for name, r in (("counternet", cn), ("splink", sp)):
            walls = r.get("wall_s_runs") or []
            if len(walls) > 1:
                print(f"{name}: median of {len(walls)} runs; wall s " + ", ".join(f"{w:.2f}" for w in walls))
        if cn.get("status") not in (None, "ok"):
            print(f"counternet: {cn['status']}")

    with open(args.json, "w", encoding="utf-8") as f:
        json.dump(results, f, indent=2)
        f.write("\n")
    print(f"\nresults: {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
