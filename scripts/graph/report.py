#!/usr/bin/env python3
"""Prints the graph benchmark's table per size and writes its results as JSON.

Reads the JSON lines scripts/bench-graph appends (one per tool and size: wall time and peak memory
from /usr/bin/time, and the tool's own JSON result) and adds, per operation, the ratio peer /
counternet (above 1: counternet is faster or smaller).
"""

import argparse
import json
import sys
from datetime import datetime, timezone

# (label, key in the results, unit)
OPERATIONS = [
    ("load", "load_s", "s"),
    ("components", "components_s", "s"),
    ("3-hop neighbourhood median", "bfs3_median_ms", "ms"),
    ("3-hop neighbourhood p99", "bfs3_p99_ms", "ms"),
    ("3-hop uncapped median", "bfs3_full_median_ms", "ms"),
    ("3-hop uncapped p99", "bfs3_full_p99_ms", "ms"),
    ("shortest path median", "sp_median_ms", "ms"),
    ("shortest path p99", "sp_p99_ms", "ms"),
    ("PageRank", "pagerank_s", "s"),
    ("betweenness (sampled)", "betweenness_s", "s"),
    ("communities (Louvain)", "communities_s", "s"),
    ("peak memory (process)", "peak_rss_mib", "MiB"),
]
TOOLS = ["counternet", "igraph", "networkx"]


def ratio(peer, ours):
    return round(peer / ours, 3) if peer is not None and ours else None


def value(run, key):
    result = run.get("result") or {}
    if key == "peak_rss_mib" and run.get("peak_rss_kib") is not None:
        return round(run["peak_rss_kib"] / 1024, 1)
    if key.startswith("bfs3_full") and run.get("tool") != "counternet":
        # The peers' neighbourhoods are uncapped: the same figure.
        key = key.replace("bfs3_full", "bfs3")
    return result.get(key)


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
    fmt = lambda v: "-" if v is None else (f"{v:,.3f}" if isinstance(v, float) else f"{v:,}")  # noqa: E731
    for size in sizes:
        by_tool = {r["tool"]: r for r in runs if r["size"] == size}
        cn = by_tool.get("counternet", {})
        ratios = {}
        print(f"\n{size:,} nodes ({fmt((cn.get('result') or {}).get('links'))} links)")
        print(f"{'operation':<28} {'counternet':>11} {'igraph':>11} {'networkx':>11} {'igraph/cn':>10} {'nx/cn':>8}")
        for label, key, unit in OPERATIONS:
            vals = {t: value(by_tool.get(t, {}), key) for t in TOOLS}
            ri, rn = ratio(vals["igraph"], vals["counternet"]), ratio(vals["networkx"], vals["counternet"])
            ratios[key] = {"igraph": ri, "networkx": rn}
            print(
                f"{label + ' (' + unit + ')':<28} {fmt(vals['counternet']):>11} {fmt(vals['igraph']):>11} "
                f"{fmt(vals['networkx']):>11} {fmt(ri):>10} {fmt(rn):>8}"
            )
        ig = by_tool.get("igraph", {}).get("result") or {}
        cr = cn.get("result") or {}
        print(
            f"modularity: counternet {fmt(cr.get('modularity'))} ({fmt(cr.get('communities'))} communities), "
            f"igraph {fmt(ig.get('modularity'))} ({fmt(ig.get('communities'))}); components: counternet "
            f"{fmt(cr.get('components'))}, igraph {fmt(ig.get('components'))}"
        )
        print(
            f"3-hop neighbourhoods: counternet capped at {fmt(cr.get('bfs3_cap'))} nodes, hubs above "
            f"{fmt(cr.get('bfs3_hub_degree'))} links not expanded: {fmt(cr.get('bfs3_mean_nodes'))} nodes on average, "
            f"{fmt(cr.get('bfs3_truncated'))} truncated; uncapped {fmt(cr.get('bfs3_full_mean_nodes'))} "
            f"(igraph {fmt(ig.get('bfs3_mean_nodes'))})"
        )
        for t in TOOLS:
            r = by_tool.get(t, {})
            if r.get("status") not in (None, "ok"):
                print(f"{t}: {r['status']}")
        results["sizes"].append({"nodes": size, **{t: by_tool.get(t) for t in TOOLS}, "peer_over_counternet": ratios})

    with open(args.json, "w", encoding="utf-8") as f:
        json.dump(results, f, indent=2)
        f.write("\n")
    print(f"\nresults: {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
