#!/usr/bin/env python3
"""Runs the graph benchmark's operations with python-igraph or networkx on the same files as
`counternet graph bench`, and prints one JSON object with the same keys.

--tool igraph: load (csv module + a dict from string id to index + Graph(n, edges), undirected;
the same work as counternet's load: files to an analysable graph), connected components, the
3-hop neighbourhood of each source (neighborhood(order=3): uncapped, every node), one shortest
path for each pair (get_shortest_paths: igraph's one-sided BFS), PageRank (PRPACK, solved to
convergence; igraph has no fixed iteration count), betweenness from `--betweenness-samples`
sources drawn at random (betweenness(sources=..., directed=False): Brandes from those sources to
all targets, the same work as counternet's betweenness_sampled), Louvain (community_multilevel)
and its modularity.

--tool networkx: load the same way into nx.Graph, then one shortest path for each pair with
bidirectional_shortest_path.
"""

import argparse
import csv
import json
import random
import resource
import statistics
import sys
import time


def percentile(values, p):
    if not values:
        return 0.0
    s = sorted(values)
    return s[round((len(s) - 1) * p)]


def read_graph(nodes_path, edges_path):
    index = {}
    with open(nodes_path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        col = header.index("id")
        for row in reader:
            if row and row[col] not in index:
                index[row[col]] = len(index)
    edges = []
    with open(edges_path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        s, d = header.index("src"), header.index("dst")
        for row in reader:
            if not row:
                continue
            a, b = row[s], row[d]
            if a not in index:
                index[a] = len(index)
            if b not in index:
                index[b] = len(index)
            edges.append((index[a], index[b]))
    return index, edges


def read_list(path, index):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            ids = [index.get(x.strip()) for x in line.split(",")]
            if all(i is not None for i in ids):
                rows.append(ids)
    return rows


def ms(values):
    return {"median_ms": round(statistics.median(values), 3) if values else 0.0,
            "p99_ms": round(percentile(values, 0.99), 3)}


def run_igraph(args):
    import igraph

    out = {"tool": "igraph", "version": igraph.__version__}
    t = time.perf_counter()
    index, edges = read_graph(args.nodes, args.edges)
    g = igraph.Graph(n=len(index), edges=edges, directed=False)
    del edges
    out["load_s"] = round(time.perf_counter() - t, 3)
    out["nodes"], out["links"] = g.vcount(), g.ecount()

    t = time.perf_counter()
    comps = g.connected_components()
    out["components_s"] = round(time.perf_counter() - t, 3)
    out["components"] = len(comps)
    out["largest_component"] = max(comps.sizes()) if len(comps) else 0

    sources = [r[0] for r in read_list(args.sources, index)]
    times, reached = [], 0
    for s in sources:
        t = time.perf_counter()
        nb = g.neighborhood(s, order=3)
        times.append((time.perf_counter() - t) * 1000)
        reached += len(nb)
    m = ms(times)
    out["bfs3_median_ms"], out["bfs3_p99_ms"] = m["median_ms"], m["p99_ms"]
    out["bfs3_mean_nodes"] = round(reached / max(len(sources), 1), 3)

    pairs = read_list(args.pairs, index)
    times, found = [], 0
    for a, b in pairs:
        t = time.perf_counter()
        p = g.get_shortest_paths(a, to=[b], output="vpath")
        times.append((time.perf_counter() - t) * 1000)
        found += bool(p and p[0])
    m = ms(times)
    out["sp_median_ms"], out["sp_p99_ms"], out["sp_found"] = m["median_ms"], m["p99_ms"], found

    t = time.perf_counter()
    g.pagerank(damping=0.85)
    out["pagerank_s"] = round(time.perf_counter() - t, 3)

    rng = random.Random(args.seed)
    sample = rng.sample(range(g.vcount()), min(args.betweenness_samples, g.vcount()))
    t = time.perf_counter()
    g.betweenness(sources=sample, directed=False)
    out["betweenness_s"] = round(time.perf_counter() - t, 3)
    out["betweenness_samples"] = len(sample)

    t = time.perf_counter()
    cl = g.community_multilevel()
    out["communities_s"] = round(time.perf_counter() - t, 3)
    out["communities"] = len(cl)
    out["modularity"] = round(g.modularity(cl.membership), 5)
    return out


def run_networkx(args):
    import networkx as nx

    out = {"tool": "networkx", "version": nx.__version__}
    t = time.perf_counter()
    index, edges = read_graph(args.nodes, args.edges)
    g = nx.Graph()
    g.add_nodes_from(range(len(index)))
    g.add_edges_from(edges)
    del edges
    out["load_s"] = round(time.perf_counter() - t, 3)
    out["nodes"], out["links"] = g.number_of_nodes(), g.number_of_edges()
    pairs = read_list(args.pairs, index)
    times, found = [], 0
    for a, b in pairs:
        t = time.perf_counter()
        try:
            nx.bidirectional_shortest_path(g, a, b)
            found += 1
        except nx.NetworkXNoPath:
            pass
        times.append((time.perf_counter() - t) * 1000)
    m = ms(times)
    out["sp_median_ms"], out["sp_p99_ms"], out["sp_found"] = m["median_ms"], m["p99_ms"], found
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tool", choices=["igraph", "networkx"], required=True)
    parser.add_argument("--nodes", required=True)
    parser.add_argument("--edges", required=True)
    parser.add_argument("--sources", required=True)
    parser.add_argument("--pairs", required=True)
    parser.add_argument("--betweenness-samples", type=int, default=50)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    out = run_igraph(args) if args.tool == "igraph" else run_networkx(args)
    out["peak_rss_mib"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
