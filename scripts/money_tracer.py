#!/usr/bin/env python3
"""A straightforward Python money tracer: the peer of `counternet money bench`'s trace (issue 7).

Reads the transaction CSV of docs/decisions/0016-money-engine.md (id, from_account, to_account,
amount, currency, timestamp), builds per-account outgoing lists in time order, and answers a forward
k-hop trace from each account of a sources file, timing each trace. Standard library only.

The semantics mirror counternet's (crates/intel/src/money/trace.rs, the bench's settings):
  - payments are ordered by UTC time (whole seconds; fractional seconds are dropped), ties in file
    order; a row whose id an earlier row has is left out, as is a malformed row;
  - hop 1: the start account's outgoing payments in time order, at most --max-fanout of them (the
    account is then "capped"); the currency of hop 1 is not checked;
  - from payment p into account b, the next hop is each payment q out of b with
    p.time < q.time <= p.time + window, the same currency, and |q - p| <= tolerance * p (amounts in
    integer minor units, the comparison in doubles as counternet's);
  - breadth first, each payment taken once, at the first hop it is reached at; from one expansion
    at most --max-fanout new payments (in time order: the account is "capped" when one more
    matched); at most --max-payments payments in all ("truncated");
  - with a hub limit, money reaching an account with more than that many payments (in and out) is
    not followed through it (the account is a "hub" of the trace).

Two cases are timed: "stop_at_hubs" (hub limit --hub-payments, 10,000 as the bench's default) and
"through_hubs" (no hub limit: what a tracer without that rule does). Prints one JSON object: the
load time and, per case, the median / p99 / max milliseconds (nearest rank, as counternet's) and per
source the payments reached, capped, truncated and hubs met.

Timed, per trace: the same answer as counternet's timed call (`Tracer::trace`): the search (each
payment reached with its hop) and the totals per link and per account; the search alone is printed
beside it (search_median_ms, search_p99_ms).

Input differences from counternet, on malformed files only: quoted fields are read by Python's csv
module (a quoted line break joins two lines; counternet rejects both).

Example:
  scripts/money_tracer.py --transactions tx.csv --sources sources.txt --limit 100 > python.json
"""

import argparse
import bisect
import csv
import hashlib
import json
import math
import sys
import time
from decimal import Decimal

COLUMNS = ("id", "from_account", "to_account", "amount", "currency", "timestamp")

# ISO 4217 exponents as counternet's Currency::exponent.
ZERO_DECIMALS = {
    "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV",
    "XAF", "XOF", "XPF",
}
THREE_DECIMALS = {"BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"}
DIGITS = frozenset("0123456789")


class Malformed(ValueError):
    pass


def exponent(currency):
    if currency in ZERO_DECIMALS:
        return 0
    if currency in THREE_DECIMALS:
        return 3
    return 2


def parse_currency(text):
    t = text.strip()
    if len(t) != 3 or not all("a" <= c <= "z" or "A" <= c <= "Z" for c in t):
        raise Malformed("currency")
    return t.upper()


def parse_amount(text, exp):
    """Decimal text with a point into integer minor units (no sign, no separators)."""
    t = text.strip()
    if not t or t.startswith("-"):
        raise Malformed("amount")
    if t.startswith("+"):
        t = t[1:]
    whole, _, frac = t.partition(".")
    if (not whole and not frac) or not DIGITS.issuperset(whole) or not DIGITS.issuperset(frac):
        raise Malformed("amount")
    if len(frac.rstrip("0")) > exp:
        raise Malformed("amount: more decimals than the currency has")
    minor = int(Decimal((whole or "0") + "." + (frac or "0")).scaleb(exp))
    if minor >= 1 << 63:
        raise Malformed("amount: too large")
    return minor


def days_from_civil(y, m, d):
    """Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm)."""
    if m <= 2:
        y -= 1
    era = y // 400
    yoe = y - era * 400
    doy = (153 * (m - 3 if m > 2 else m + 9) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def number(s):
    if not s or not DIGITS.issuperset(s):
        raise Malformed("timestamp")
    return int(s)


_days_cache = {}


def parse_timestamp(text, default_offset_min):
    """ISO 8601 as counternet reads it: UTC seconds (fractions dropped)."""
    b = text.strip()
    if len(b) < 10 or b[4] != "-" or b[7] != "-":
        raise Malformed("timestamp")
    date = b[:10]
    days = _days_cache.get(date)
    if days is None:
        y, m, d = number(date[:4]), number(date[5:7]), number(date[8:10])
        leap = (y % 4 == 0 and y % 100 != 0) or y % 400 == 0
        days_in = (31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
        if not 1 <= m <= 12 or d == 0 or d > days_in[m - 1]:
            raise Malformed("timestamp: not a real date")
        days = days_from_civil(y, m, d)
        _days_cache[date] = days
    rest = b[10:]
    secs = 0
    if rest:
        if rest[0] not in "Tt ":
            raise Malformed("timestamp")
        tm = rest[1:]
        if len(tm) < 5 or tm[2] != ":":
            raise Malformed("timestamp")
        hh, mm = number(tm[:2]), number(tm[3:5])
        used, ss = 5, 0
        if tm[5:6] == ":":
            ss = number(tm[6:8])
            used = 8
            if tm[8:9] in (".", ","):
                n = 0
                while 9 + n < len(tm) and tm[9 + n] in DIGITS:
                    n += 1
                if n == 0:
                    raise Malformed("timestamp")
                used = 9 + n
        if hh > 23 or mm > 59 or ss > 60:
            raise Malformed("timestamp: not a real time of day")
        secs = hh * 3600 + mm * 60 + min(ss, 59)
        rest = tm[used:]
    if not rest:
        offset = default_offset_min
    elif rest in ("Z", "z"):
        offset = 0
    elif rest[0] in "+-":
        tail = rest[1:]
        plain = ":" not in tail and len(tail) in (2, 4)
        colon = len(tail) == 5 and tail[2] == ":"
        if not plain and not colon:
            raise Malformed("timestamp")
        h = number(tail[:2])
        mi = 0 if len(tail) == 2 else number(tail[-2:])
        if h > 14 or mi > 59:
            raise Malformed("timestamp: not a real UTC offset")
        offset = h * 60 + mi
        if rest[0] == "-":
            offset = -offset
    else:
        raise Malformed("timestamp")
    return days * 86400 + secs - offset * 60


def parse_offset(text):
    t = text.strip()
    if t in ("Z", "z", "0"):
        return 0
    return -parse_timestamp("1970-01-01T00:00" + t, 0) // 60


class Ledger:
    """Payments in time order (columns indexed by payment number) and per-account outgoing lists."""

    def __init__(self, path, default_offset_min=7 * 60):
        ids = set()
        rows = []  # (time, from, to, amount, currency, id) in file order, repeats and bad rows left out
        self.malformed = 0
        self.repeated = 0
        with open(path, encoding="utf-8-sig", newline="") as f:
            reader = csv.reader(f)
            header = next(reader, None)
            if header is None:
                raise SystemExit("money_tracer: %s is empty" % path)
            names = [h.strip().lower() for h in header]
            try:
                cols = [names.index(c) for c in COLUMNS]
            except ValueError:
                raise SystemExit("money_tracer: the header of %s lacks one of %s" % (path, ", ".join(COLUMNS)))
            width = len(names)
            i_id, i_from, i_to, i_amount, i_cur, i_ts = cols
            for fields in reader:
                if len(fields) != width:
                    if not "".join(fields).strip():
                        continue  # a blank line
                    self.malformed += 1
                    continue
                try:
                    pid, frm, to = fields[i_id].strip(), fields[i_from].strip(), fields[i_to].strip()
                    amount, cur, ts = fields[i_amount].strip(), fields[i_cur].strip(), fields[i_ts].strip()
                    if not (pid and frm and to and amount and cur and ts):
                        raise Malformed("empty")
                    cur = parse_currency(cur)
                    minor = parse_amount(amount, exponent(cur))
                    t = parse_timestamp(ts, default_offset_min)
                except Malformed:
                    self.malformed += 1
                    continue
                if pid in ids:
                    self.repeated += 1
                    continue
                ids.add(pid)
                rows.append((t, frm, to, minor, cur, pid))
        del ids
        # Time order, ties in file order (a stable sort on the time alone).
        rows.sort(key=lambda r: r[0])
        n = len(rows)
        self.account_ids = {}
        self.account_names = []
        self.time = [0] * n
        self.payee = [0] * n
        self.amount = [0] * n
        self.currency = [""] * n
        self.payment_id = [""] * n
        payers = [0] * n
        intern = self.account_ids
        names = self.account_names
        for p, (t, frm, to, minor, cur, pid) in enumerate(rows):
            a = intern.get(frm)
            if a is None:
                a = intern[frm] = len(names)
                names.append(frm)
            b = intern.get(to)
            if b is None:
                b = intern[to] = len(names)
                names.append(to)
            payers[p] = a
            self.payee[p] = b
            self.time[p] = t
            self.amount[p] = minor
            self.currency[p] = cur
            self.payment_id[p] = pid
        del rows
        self.payer = payers
        accounts = len(names)
        # Per account: its outgoing payments (numbers, ascending so in time order) and their times.
        self.out = [[] for _ in range(accounts)]
        self.out_times = [[] for _ in range(accounts)]
        self.degree = [0] * accounts
        for p in range(n):
            a, b = payers[p], self.payee[p]
            self.out[a].append(p)
            self.out_times[a].append(self.time[p])
            self.degree[a] += 1
            self.degree[b] += 1
        self.payments = n

    def trace(self, start, hops, tolerance, window_secs, max_fanout, max_payments, hub_payments):
        """A forward trace from account number `start`: the payments reached with their hop, and
        the capped accounts, whether it was truncated and the hubs met (hub_payments None: no hub)."""
        out, out_times = self.out, self.out_times
        time_of, payee_of, amount_of, currency_of = self.time, self.payee, self.amount, self.currency
        degree = self.degree
        seen = set()
        taken = []
        capped = set()
        hubs = set()
        first = out[start]
        if len(first) > max_fanout:
            capped.add(start)
        frontier = []
        for p in first[: min(max_fanout, max_payments)]:
            if p not in seen:
                seen.add(p)
                frontier.append(p)
        truncated = len(first) > max_payments and max_payments < max_fanout
        if hops == 0:
            frontier = []
        hop = 1
        while frontier:
            taken.extend((p, hop) for p in frontier)
            if hop >= hops or truncated:
                break
            nxt = []
            for p in frontier:
                t, amount, currency = time_of[p], amount_of[p], currency_of[p]
                b = payee_of[p]
                if hub_payments is not None and degree[b] > hub_payments:
                    hubs.add(b)
                    continue
                times = out_times[b]
                lo = bisect.bisect_left(times, t + 1)
                hi = bisect.bisect_right(times, t + window_secs, lo)
                limit = tolerance * abs(amount)
                took = 0
                listed = out[b]
                for j in range(lo, hi):
                    q = listed[j]
                    if currency_of[q] != currency or float(abs(amount_of[q] - amount)) > limit:
                        continue
                    if took == max_fanout:
                        capped.add(b)
                        break
                    if q not in seen:
                        seen.add(q)
                        took += 1
                        nxt.append(q)
                        if len(taken) + len(nxt) >= max_payments:
                            truncated = True
                            break
                if truncated:
                    break
            frontier = nxt
            hop += 1
        return taken, capped, truncated, hubs

    def totals(self, taken, start):
        """The rest of counternet's answer (its `flow`): the payments in time order; per (payer,
        payee, currency) the total, the count, the first and last time, by payer then payee; per
        (account, currency) received, sent and the lowest hop (the start account: 0), by hop then
        account."""
        payer_of, payee_of, amount_of, currency_of, time_of = self.payer, self.payee, self.amount, self.currency, self.time
        taken.sort()
        links = {}
        accounts = {}
        for p, hop in taken:
            a, b, c, m, t = payer_of[p], payee_of[p], currency_of[p], amount_of[p], time_of[p]
            e = links.get((a, b, c))
            if e is None:
                links[(a, b, c)] = [m, 1, t, t]
            else:
                e[0] += m
                e[1] += 1
                if t < e[2]:
                    e[2] = t
                if t > e[3]:
                    e[3] = t
            h = 0 if a == start else hop
            x = accounts.get((a, c))
            if x is None:
                accounts[(a, c)] = [0, m, h]
            else:
                x[1] += m
                if h < x[2]:
                    x[2] = h
            h = 0 if b == start else hop
            x = accounts.get((b, c))
            if x is None:
                accounts[(b, c)] = [m, 0, h]
            else:
                x[0] += m
                if h < x[2]:
                    x[2] = h
        links = sorted(links.items())
        accounts = sorted(accounts.items(), key=lambda kv: (kv[1][2], kv[0][0], kv[0][1]))
        return links, accounts


def percentile(sorted_values, p):
    """Nearest rank, as counternet's figures::percentile (rounding half away from zero)."""
    if not sorted_values:
        return 0.0
    return sorted_values[int(math.floor((len(sorted_values) - 1) * p + 0.5))]


def digest(answer):
    """SHA-256 of the sorted (payment id, hop) pairs, one "id hop" line each."""
    h = hashlib.sha256()
    for pid, hop in answer:
        h.update(("%s %d\n" % (pid, hop)).encode())
    return h.hexdigest()


def totals_digest(ledger, links, accounts):
    """SHA-256 of the sorted lines "L payer payee currency total payments first last" (total in minor
    units, times in UTC seconds) and "A account currency received sent hop"."""
    name = ledger.account_names
    lines = ["L %s %s %s %d %d %d %d" % (name[a], name[b], c, v[0], v[1], v[2], v[3]) for (a, b, c), v in links]
    lines += ["A %s %s %d %d %d" % (name[a], c, v[0], v[1], v[2]) for (a, c), v in accounts]
    h = hashlib.sha256()
    for line in sorted(lines):
        h.update((line + "\n").encode())
    return h.hexdigest()


def main():
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="See the module's docstring (head -40 scripts/money_tracer.py) for the exact semantics.",
    )
    ap.add_argument("--transactions", required=True, metavar="FILE", help="the transaction CSV (tx.csv)")
    ap.add_argument("--sources", required=True, metavar="FILE", help="accounts to trace from, one a line")
    ap.add_argument("--limit", type=int, default=0, metavar="N",
                    help="trace only the first N sources (0, the default: all)")
    ap.add_argument("--cases", default="stop_at_hubs,through_hubs",
                    help="which cases to time, comma-separated (default: both): stop_at_hubs, through_hubs")
    ap.add_argument("--hops", type=int, default=4, help="at most this many payments in a path (default 4)")
    ap.add_argument("--tolerance", type=float, default=0.1, help="amount tolerance, a fraction (default 0.1)")
    ap.add_argument("--window-hours", type=int, default=168, help="hours per hop (default 168)")
    ap.add_argument("--max-fanout", type=int, default=1000, help="new payments per expansion (default 1000)")
    ap.add_argument("--max-payments", type=int, default=100_000, help="payments per answer (default 100000)")
    ap.add_argument("--hub-payments", type=int, default=10_000,
                    help="the stop_at_hubs case's hub limit: accounts with more payments are not followed "
                         "through (default 10000)")
    ap.add_argument("--utc-offset", default="+07:00", help="offset of timestamps written without one (default +07:00)")
    ap.add_argument("--detail", metavar="ACCOUNT", action="append", default=[],
                    help="for this source also print the answer's digests: the SHA-256 of its sorted lines "
                         "'<payment id> <hop>\\n', and of its totals per link and account (repeatable; to "
                         "compare answers payment by payment)")
    ap.add_argument("--detail-ids", action="store_true",
                    help="with --detail, also print the payments reached ([id, hop], sorted by id)")
    args = ap.parse_args()

    cases = [c.strip() for c in args.cases.split(",") if c.strip()]
    for c in cases:
        if c not in ("stop_at_hubs", "through_hubs"):
            ap.error("unknown case %r" % c)
    started = time.perf_counter()
    ledger = Ledger(args.transactions, parse_offset(args.utc_offset))
    load_s = time.perf_counter() - started
    print("money_tracer: %d payments, %d accounts loaded in %.1f s (%d malformed rows, %d repeated ids skipped)"
          % (ledger.payments, len(ledger.account_names), load_s, ledger.malformed, ledger.repeated),
          file=sys.stderr)
    with open(args.sources, encoding="utf-8") as f:
        sources = [line.strip() for line in f if line.strip()]
    if args.limit > 0:
        sources = sources[: args.limit]

    result = {
        "tracer": "python",
        "python": sys.version.split()[0],
        "payments": ledger.payments,
        "accounts": len(ledger.account_names),
        "malformed_rows": ledger.malformed,
        "repeated_ids": ledger.repeated,
        "load_s": round(load_s, 3),
        "hops": args.hops,
        "tolerance": args.tolerance,
        "window_hours": args.window_hours,
        "max_fanout": args.max_fanout,
        "max_payments": args.max_payments,
        "sources_given": len(sources),
        "cases": {},
    }
    for case in cases:
        hub = args.hub_payments if case == "stop_at_hubs" else None
        ms = []
        search_ms = []
        per_source = {}
        details = {}
        detail = set(args.detail)
        unknown = 0
        case_started = time.perf_counter()
        for s in sources:
            a = ledger.account_ids.get(s)
            if a is None:
                unknown += 1
                continue
            t = time.perf_counter()
            taken, capped, truncated, hubs = ledger.trace(
                a, args.hops, args.tolerance, args.window_hours * 3600, args.max_fanout, args.max_payments, hub)
            searched = time.perf_counter()
            links, accounts = ledger.totals(taken, a)
            ms.append((time.perf_counter() - t) * 1000.0)
            search_ms.append((searched - t) * 1000.0)
            per_source[s] = {"reached": len(taken), "capped": len(capped), "truncated": truncated,
                             "hubs": len(hubs)}
            if s in detail:
                answer = sorted((ledger.payment_id[p], hop) for p, hop in taken)
                details[s] = {"digest": digest(answer), "totals_digest": totals_digest(ledger, links, accounts),
                              "reached": len(taken), "capped": len(capped), "truncated": truncated,
                              "hubs": len(hubs)}
                if args.detail_ids:
                    details[s]["ids"] = answer
        ms_sorted = sorted(ms)
        n = len(ms)
        result["cases"][case] = {
            "hub_payments": hub,
            "sources": n,
            "unknown_sources": unknown,
            "median_ms": round(percentile(ms_sorted, 0.5), 3),
            "p99_ms": round(percentile(ms_sorted, 0.99), 3),
            "max_ms": round(ms_sorted[-1], 3) if ms_sorted else 0.0,
            "search_median_ms": round(percentile(sorted(search_ms), 0.5), 3),
            "search_p99_ms": round(percentile(sorted(search_ms), 0.99), 3),
            "total_s": round(time.perf_counter() - case_started, 3),
            "reached_total": sum(v["reached"] for v in per_source.values()),
            "mean_payments": round(sum(v["reached"] for v in per_source.values()) / max(n, 1), 3),
            "capped": sum(1 for v in per_source.values() if v["capped"]),
            "truncated": sum(1 for v in per_source.values() if v["truncated"]),
            "met_hubs": sum(1 for v in per_source.values() if v["hubs"]),
            "per_source": per_source,
        }
        if details:
            result["cases"][case]["details"] = details
        print("money_tracer: %s: %d sources, median %.3f ms, p99 %.3f ms, max %.1f ms (search alone: median "
              "%.3f ms, p99 %.3f ms; %.1f s in all)"
              % (case, n, percentile(ms_sorted, 0.5), percentile(ms_sorted, 0.99),
                 ms_sorted[-1] if ms_sorted else 0.0, result["cases"][case]["search_median_ms"],
                 result["cases"][case]["search_p99_ms"], time.perf_counter() - case_started), file=sys.stderr)
    json.dump(result, sys.stdout)
    print()


if __name__ == "__main__":
    main()
