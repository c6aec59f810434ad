#!/usr/bin/env python3
"""Helpers of benches/scale.sh: peer loaders, query latency, /usr/bin/time parsing and the SVG plot.

Standard library only (the peer loaders import pyoxigraph and rdflib from the
venv scale.sh creates). Each subcommand prints what scale.sh appends to
target/bench/scale.csv: lines of `meetings,metric,value,unit,note`.
"""

import csv
import json
import os
import statistics
import subprocess
import sys
import time
from collections import Counter, defaultdict


# A row of a long list (ambiguous-people's records of a common name, a pooled meeting's attendees) is one CSV field of hundreds of kilobytes.
csv.field_size_limit(sys.maxsize)


def row(n, metric, value, unit, note=""):
    w = csv.writer(sys.stdout, lineterminator="\n")
    w.writerow([n, metric, value, unit, note])


def parse_time(path):
    """Reads the wall time (s) and peak RSS (MB) of a `/usr/bin/time -v` report."""
    wall, rss = None, None
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.strip()
            if line.startswith("Elapsed (wall clock) time"):
                t = line.rsplit(" ", 1)[1]
                parts = [float(p) for p in t.split(":")]
                wall = sum(p * 60 ** i for i, p in enumerate(reversed(parts)))
            elif line.startswith("Maximum resident set size"):
                rss = int(line.rsplit(" ", 1)[1]) / 1024
    return wall, rss


def cmd_timed(args):
    """timed N METRIC TIMEFILE [QUADS]: rows for the wall time, RSS and, given a quad count, quads/s."""
    n, metric, path = args[0], args[1], args[2]
    wall, rss = parse_time(path)
    row(n, f"{metric}_seconds", f"{wall:.3f}", "s")
    row(n, f"{metric}_peak_rss", f"{rss:.1f}", "MB")
    if len(args) > 3 and wall:
        row(n, f"{metric}_quads_per_s", f"{int(args[3]) / wall:.0f}", "quads/s")


def cmd_rss(args):
    """rss N METRIC PID: samples the memory of PID's only child (the process /usr/bin/time runs) until it exits.

    Prints the peak anonymous RSS (heap: what the process itself holds) and the
    peak file-backed RSS (pages of mapped files, which the kernel can drop).
    /usr/bin/time reports only their sum.
    """
    n, metric, pid = args[0], args[1], args[2]
    child, anon, file_ = None, 0, 0
    while os.path.exists(f"/proc/{pid}"):
        if child is None:
            try:
                with open(f"/proc/{pid}/task/{pid}/children") as f:
                    kids = f.read().split()
                child = kids[0] if kids else None
            except OSError:
                pass
        if child is not None:
            try:
                with open(f"/proc/{child}/status") as f:
                    for line in f:
                        if line.startswith("RssAnon:"):
                            anon = max(anon, int(line.split()[1]))
                        elif line.startswith("RssFile:"):
                            file_ = max(file_, int(line.split()[1]))
            except OSError:
                pass
        time.sleep(1)
    row(n, f"{metric}_peak_rss_anon", f"{anon / 1024:.1f}", "MB", "heap, sampled every second")
    row(n, f"{metric}_peak_rss_file", f"{file_ / 1024:.1f}", "MB", "mapped files, sampled every second")


def cmd_pyoxigraph(args):
    """pyoxigraph FILE.nq STORE_DIR: pyoxigraph's bulk load of the dump, on disk."""
    import pyoxigraph

    store = pyoxigraph.Store(args[1])
    t = time.perf_counter()
    store.bulk_load(path=args[0], format=pyoxigraph.RdfFormat.N_QUADS)
    print(json.dumps({"quads": len(store), "seconds": time.perf_counter() - t}))


def cmd_rdflib(args):
    """rdflib FILE.nq: rdflib's parser into an in-memory Dataset."""
    import rdflib

    ds = rdflib.Dataset()
    t = time.perf_counter()
    ds.parse(args[0], format="nquads")
    print(json.dumps({"seconds": time.perf_counter() - t}))


def pick_names(truth):
    """Names for query parameters: two frequent, unambiguous people who sat in the same meetings, and a meeting ordinal."""
    ids = defaultdict(set)
    freq = Counter()
    meetings = defaultdict(set)
    with open(os.path.join(truth, "attendance.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if not r["person"]:
                continue
            ids[r["person"]].add(r["person_id"])
            freq[r["person"]] += 1
            meetings[r["person"]].add(r["doc"])
    unique = [p for p, _ in freq.most_common() if len(ids[p]) == 1]
    a = unique[0] if unique else next(iter(freq))
    b = next((p for p in unique[1:] if meetings[p] & meetings[a]), unique[1] if len(unique) > 1 else a)
    with open(os.path.join(truth, "meetings.csv"), encoding="utf-8") as f:
        first = next(csv.DictReader(f))
    meeting = first["meeting"]
    # The views take one entity: a meeting by IRI (an ordinal names a meeting of every government), an organisation
    # by its full name (the most frequent one of the truth; a short form such as 市财政局 names one per city).
    meeting_iri = f"<https://w3id.org/jiyao/id/meeting/{first['issuer']}/{first['date']}/{meeting}>"
    orgs = Counter()
    with open(os.path.join(truth, "attendance.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["org_name"]:
                orgs[r["org_name"]] += 1
    org_full = orgs.most_common(1)[0][0] if orgs else "市财政局"
    # The drill-downs of the whole-corpus lists: one government's meeting, one organisation (by its full name: a
    # short form such as 市财政局 names one per city), one diagnostic code.
    return {"a": a, "b": b, "name": a, "meeting": meeting, "issuer": first["issuer"], "topic": "安全生产",
            "orgName": org_full, "leadName": org_full, "codeName": "unknown-org",
            "meeting_iri": meeting_iri, "org_full": org_full}


def param_specs(path):
    """The parameters a query's header declares, as (name, tag, optional), as `jiyao query` reads them (library::parameter_specs)."""
    import re

    for line in open(path, encoding="utf-8"):
        if not line.startswith("#"):
            break
        if "Parameters" in line:
            every = "Parameters (optional)" in line
            out = []
            for m in re.finditer(r"\?(\w+)(?:@([A-Za-z0-9-]+))?", line):
                if any(m.group(1) == o[0] for o in out):
                    continue
                optional = every or line[m.end():].lstrip().startswith("(optional)")
                out.append((m.group(1), m.group(2), optional))
            return out
    return []


def params_of(path):
    """The ?names a query's header declares as parameters (optional ones included)."""
    return [name for name, _, _ in param_specs(path)]


def variants(path, names):
    """The bindings a query is timed with: its required parameters alone, and, when it has optional ones, with those too.

    Yields (suffix, params): suffix "" for the first, ".NAME" (the optional
    parameters bound) for the second, so that a whole-corpus list and its
    drill-down are both reported.
    """
    specs = [(p, o) for p, _, o in param_specs(path) if p in names]
    required = {p: names[p] for p, o in specs if not o}
    yield "", required
    optional = [p for p, o in specs if o]
    if optional:
        yield "." + ".".join(optional), {**required, **{p: names[p] for p in optional}}


def latency(cmd, runs, timeout):
    """Runs a command up to `runs` times; stops at the first failure, and after SCALE_QUERY_BUDGET seconds (at least 3 runs).

    Returns the wall times of the successful runs, the reason of a failure, and
    how many result rows the last run printed (CSV lines after the header).
    """
    budget = float(os.environ.get("SCALE_QUERY_BUDGET", "60"))
    times, failures, rows = [], "", None
    for _ in range(runs):
        t = time.perf_counter()
        try:
            p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)
            ok = p.returncode == 0
            # CSV results: a header line, then one line per row (the bundled queries return no multi-line values).
            rows = max(0, len(p.stdout.splitlines()) - 1)
            why = (p.stderr.decode("utf-8", "replace").strip().splitlines() or [f"exit {p.returncode}"])[-1]
        except subprocess.TimeoutExpired:
            ok, why = False, f"killed after {timeout:g} s"
        elapsed = time.perf_counter() - t
        if not ok:
            failures = why.replace(",", ";")[:160]
            break
        times.append(elapsed)
        if len(times) >= 3 and sum(times) > budget:
            break
    return times, failures, rows


def pct(xs, q):
    xs = sorted(xs)
    if not xs:
        return float("nan")
    k = min(len(xs) - 1, max(0, round(q * (len(xs) - 1))))
    return xs[k]


def cmd_queries(args):
    """queries N JIYAO STORE TRUTH QUERY_DIR RUNS: p50/p95 of every query file and of `jiyao path`, through the CLI."""
    n, jiyao, store, truth, qdir, runs = args[0], args[1], args[2], args[3], args[4], int(args[5])
    timeout = float(os.environ.get("SCALE_QUERY_TIMEOUT", "120"))
    names = pick_names(truth)
    base = [jiyao, "query", "--store", store, "-f", "csv"]

    def report(metric, times, failures, rows, note):
        counted = f", {rows} rows" if times and rows is not None else ""
        note = f"{note} ({len(times)} runs{counted})".strip()
        if times:
            row(n, f"{metric}_p50", f"{pct(times, 0.5) * 1000:.1f}", "ms", note)
            row(n, f"{metric}_p95", f"{pct(times, 0.95) * 1000:.1f}", "ms", note)
        if times and rows is not None:
            row(n, f"{metric}_rows", rows, "rows", note)
        if failures:
            row(n, f"{metric}_failed", "", "", f"{note}; {failures}")

    t, f, _ = latency(base + ["ASK {}"], runs, timeout)
    report("query_baseline_ask", t, f, None, "process start + store open + trivial query")
    if os.path.isdir(qdir):
        for q in sorted(os.listdir(qdir)):
            if not q.endswith(".rq"):
                continue
            path = os.path.join(qdir, q)
            for suffix, params in variants(path, names):
                cmd = base + [path, "--timeout", str(timeout)]
                for k, v in params.items():
                    cmd += ["--param", f"{k}={v}"]
                t, f, r = latency(cmd, runs, timeout + 10)
                report(f"query_{q[:-3]}{suffix}", t, f, r, " ".join(f"{k}={v}" for k, v in params.items()))
    help_ok = subprocess.run([jiyao, "path", "--help"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0
    if help_ok:
        cmd = [jiyao, "path", names["a"], names["b"], "--store", store]
        t, f, _ = latency(cmd, runs, timeout)
        report("path", t, f, None, f"{names['a']} -> {names['b']}")
    # The views and the neighbourhood, as a user asks for them.
    for metric, words in (
        ("view_person", ["person", names["a"]]),
        ("view_meeting", ["meeting", names["meeting_iri"]]),
        ("view_org", ["org", names["org_full"]]),
        ("view_topic", ["topic", names["topic"]]),
        ("view_topic_page", ["topic", names["topic"], "--limit", "200"]),
        ("neighbors", ["neighbors", names["a"]]),
    ):
        t, f, _ = latency([jiyao] + words + ["--store", store], runs, timeout)
        report(metric, t, f, None, " ".join(words))


def rss_mb(pid):
    """The resident set of a process, in MB (VmRSS)."""
    with open(f"/proc/{pid}/status", encoding="utf-8") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def free_port():
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def explorer_pages(names):
    """The explorer's requests a visit makes beyond the home page, by metric name: as app.js asks for them."""
    from urllib.parse import quote

    person = quote(names["a"])
    return [
        ("search", "/api/search?q=" + quote(names["a"][0])),
        ("search_nothing", "/api/search?q=" + quote("无此名称之人")),
        ("card_person", "/api/card/person?id=" + person),
        ("entity_person", "/api/entity?id=" + person),
        ("neighbors_person", "/api/neighbors?id=" + person + "&hops=1&max=80"),
        ("neighbors_person_2", "/api/neighbors?id=" + person + "&hops=2&max=80"),
        ("card_org", "/api/card/org?id=" + quote(names["org_full"])),
        ("card_meeting", "/api/card/meeting?id=" + quote(names["meeting_iri"].strip("<>"))),
        ("card_topic", "/api/card/topic?id=" + quote(names["topic"]) + "&limit=200&offset=0"),
        ("card_topic_narrower", "/api/card/topic?id=" + quote(names["topic"]) + "&narrower=1&limit=200&offset=0"),
        # The documents' total, which the page asks for once the card is shown (counted once, then kept).
        ("topic_totals", "/api/topic-totals?id=" + quote(names["topic"])),
        ("topic_totals_narrower", "/api/topic-totals?id=" + quote(names["topic"]) + "&narrower=1"),
        ("entity_nothing", "/api/entity?id=" + quote("无此名称之人")),
        ("documents", "/api/documents?offset=0&limit=100"),
    ]


def cmd_serve(args):
    """serve N JIYAO STORE [TRUTH]: time from starting `jiyao serve` to its first SPARQL answer, and its RSS then and after the home page.

    With TRUTH, then waits for the search list the server reads in the
    background (its time and the RSS after it), and times each page of
    `explorer_pages` (p50/p95 over SCALE_RUNS requests, default 5), with the
    RSS after them all."""
    import json
    import urllib.error
    import urllib.parse
    import urllib.request

    n, jiyao, store = args[0], args[1], args[2]
    truth = args[3] if len(args) > 3 else None
    limit = float(os.environ.get("SCALE_QUERY_TIMEOUT", "120"))
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    t = time.perf_counter()
    p = subprocess.Popen([jiyao, "serve", "--store", store, "--bind", f"127.0.0.1:{port}"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    first = None
    try:
        while time.perf_counter() - t < limit and p.poll() is None:
            try:
                urllib.request.urlopen(f"{url}/query?query=" + urllib.parse.quote("ASK {}"), timeout=2).read()
                first = time.perf_counter() - t
                break
            except OSError:
                time.sleep(0.01)
        if first is None:
            row(n, "serve_first_answer_failed", "", "", f"no answer within {limit:g} s")
            return
        row(n, "serve_first_answer_ms", f"{first * 1000:.1f}", "ms", "process start to the first SPARQL answer (ASK {})")
        row(n, "serve_rss_at_first_answer", f"{rss_mb(p.pid):.1f}", "MB")
        t = time.perf_counter()
        # The page, then the two answers it draws itself from (app.js): the home page as a browser loads it.
        for path in ("/", "/api/stats", "/api/overview?top=12"):
            urllib.request.urlopen(f"{url}{path}", timeout=limit).read()
        row(n, "serve_home_page_ms", f"{(time.perf_counter() - t) * 1000:.1f}", "ms",
            "GET / then /api/stats and /api/overview?top=12 (the explorer's home page and the data it draws)")
        row(n, "serve_rss_after_home_page", f"{rss_mb(p.pid):.1f}", "MB")
        # Again: the explorer keeps the overview and the counts (computed once, from right after start-up).
        t = time.perf_counter()
        for path in ("/", "/api/stats", "/api/overview?top=12"):
            urllib.request.urlopen(f"{url}{path}", timeout=limit).read()
        row(n, "serve_home_page_again_ms", f"{(time.perf_counter() - t) * 1000:.1f}", "ms",
            "the same three requests once more")
        if truth is None:
            return
        names = pick_names(truth)
        t = time.perf_counter()
        ready = None
        while time.perf_counter() - t < limit:
            q = urllib.parse.quote(names["a"])
            answer = json.loads(urllib.request.urlopen(f"{url}/api/search?q={q}", timeout=limit).read())
            if answer.get("complete"):
                ready = time.perf_counter() - t
                break
            time.sleep(0.2)
        if ready is None:
            row(n, "serve_names_failed", "", "", f"the search list was not read within {limit:g} s")
        else:
            row(n, "serve_names_ready_s", f"{ready:.1f}", "s", "after the home page, until search says its list is complete")
            row(n, "serve_rss_after_names", f"{rss_mb(p.pid):.1f}", "MB")
        runs = int(os.environ.get("SCALE_RUNS", "5"))
        for metric, path in explorer_pages(names):
            times, status = [], None
            for _ in range(runs):
                t = time.perf_counter()
                try:
                    urllib.request.urlopen(f"{url}{path}", timeout=limit).read()
                    status = 200
                except urllib.error.HTTPError as e:
                    e.read()
                    status = e.code
                times.append(time.perf_counter() - t)
            note = f"GET {urllib.parse.unquote(path)} ({runs} runs, HTTP {status})"
            row(n, f"serve_page_{metric}_p50", f"{pct(times, 0.5) * 1000:.1f}", "ms", note)
            row(n, f"serve_page_{metric}_p95", f"{pct(times, 0.95) * 1000:.1f}", "ms", note)
        row(n, "serve_rss_after_pages", f"{rss_mb(p.pid):.1f}", "MB")
    finally:
        p.terminate()
        p.wait()


def param_tags(text):
    """The language tags a query's header gives its parameters (`?topic@zh — …`), by name."""
    import re

    for line in text.splitlines():
        if not line.startswith("#"):
            break
        if "Parameters" in line:
            return dict(re.findall(r"\?(\w+)@([A-Za-z0-9-]+)", line))
    return {}


def bind_params(text, params):
    """What `jiyao query --param` does: `VALUES ?name { term }` at the start of every WHERE (or ASK) block, a tagged parameter as a literal with its tag."""
    import re

    if not params:
        return text
    tags = param_tags(text)
    values = ""
    for k, v in params.items():
        quoted = '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'
        if k in tags:
            term = f"{quoted}@{tags[k]}"
        else:
            term = v if re.fullmatch(r"-?[0-9]+", v) else quoted
        values += f" VALUES ?{k} {{ {term} }}"
    out = []
    for line in text.splitlines(keepends=True):
        if line.lstrip().startswith("#"):
            out.append(line)
        else:
            out.append(re.sub(r"(?i)\b(WHERE|ASK)\s*\{", lambda m: m.group(0) + values, line))
    return "".join(out)


def endpoint_latency(n, prefix, url, qdir, names, runs):
    """p50/p95 and row counts of `ASK {}` and of every bundled query through a SPARQL endpoint over HTTP (GET, CSV results).

    Each query is bound with the parameters jiyao gets (`variants`, `bind_params`)
    and timed from the request to the last byte of the answer; rows are written
    as PREFIXquery_NAME_p50 … so that `versus` can set them beside jiyao's CLI.
    """
    import urllib.parse
    import urllib.request

    timeout = float(os.environ.get("SCALE_QUERY_TIMEOUT", "120"))
    budget = float(os.environ.get("SCALE_QUERY_BUDGET", "60"))

    def ask(text):
        req = urllib.request.Request(url + "?" + urllib.parse.urlencode({"query": text}), headers={"Accept": "text/csv"})
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.read().decode("utf-8", "replace")

    ask("ASK {}")
    ts = []
    for _ in range(runs):
        t = time.perf_counter()
        ask("ASK {}")
        ts.append(time.perf_counter() - t)
    row(n, f"{prefix}query_baseline_ask_p50", f"{pct(ts, 0.5) * 1000:.1f}", "ms", f"HTTP round trip ({len(ts)} runs)")
    for q in sorted(os.listdir(qdir)):
        if not q.endswith(".rq"):
            continue
        path = os.path.join(qdir, q)
        for suffix, params in variants(path, names):
            text = bind_params(open(path, encoding="utf-8").read(), params)
            ts, rows, why = [], None, ""
            for _ in range(runs):
                t = time.perf_counter()
                try:
                    body = ask(text)
                except Exception as e:  # HTTP errors, time-outs: reported, not fatal
                    why = str(e).replace(",", ";")[:160]
                    break
                ts.append(time.perf_counter() - t)
                rows = len(list(csv.reader(body.splitlines(keepends=True)))) - 1
                if len(ts) >= 3 and sum(ts) > budget:
                    break
            metric = f"{prefix}query_{q[:-3]}{suffix}"
            note = " ".join(f"{k}={v}" for k, v in params.items())
            if ts:
                row(n, f"{metric}_p50", f"{pct(ts, 0.5) * 1000:.1f}", "ms", f"{note} ({len(ts)} runs; {rows} rows)".strip())
                row(n, f"{metric}_p95", f"{pct(ts, 0.95) * 1000:.1f}", "ms", f"{note} ({len(ts)} runs; {rows} rows)".strip())
                row(n, f"{metric}_rows", rows, "rows", note)
            if why:
                row(n, f"{metric}_failed", "", "", why)


def cmd_http(args):
    """http N JIYAO STORE QUERY_DIR TRUTH RUNS: every bundled query through `jiyao serve`'s SPARQL endpoint, as `virtuoso` times Virtuoso's.

    The server is started once, warm as Virtuoso is, with the query time limit
    of the CLI runs and no cap on the rows; the figures are the like-for-like
    peer of Virtuoso's (HTTP, same client, same bound queries).
    """
    n, jiyao, store, qdir, truth, runs = args[0], args[1], args[2], args[3], args[4], int(args[5])
    timeout = os.environ.get("SCALE_QUERY_TIMEOUT", "120")
    names = pick_names(truth)
    port = free_port()
    p = subprocess.Popen([jiyao, "serve", "--store", store, "--bind", f"127.0.0.1:{port}", "--timeout", timeout,
                          "--max-results", "1000000000", "--no-access-log"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        import urllib.request

        url = f"http://127.0.0.1:{port}/query"
        t = time.perf_counter()
        while True:
            try:
                urllib.request.urlopen(url + "?query=ASK%20%7B%7D", timeout=2).read()
                break
            except OSError:
                if p.poll() is not None or time.perf_counter() - t > 60:
                    row(n, "http_query_baseline_ask_failed", "", "", "jiyao serve did not answer")
                    return
                time.sleep(0.05)
        endpoint_latency(n, "http_", url, qdir, names, runs)
    finally:
        p.terminate()
        p.wait()


def cmd_virtuoso(args):
    """virtuoso N JIYAO STORE WORK QUERY_DIR TRUTH RUNS: the same quads and queries through Virtuoso (HTTP), row counts beside jiyao's.

    Exports the store in shards, starts a Virtuoso of its own in WORK/virtuoso
    (ports 1112 and 8891, as docs/scale-out.md sets it up), bulk-loads the
    shards with scripts/virtuoso-load.sh, runs every bundled query with the
    parameters jiyao got, bound the same way, and shuts Virtuoso down.
    """
    import shutil

    n, jiyao, store, work, qdir, truth, runs = args[0], args[1], args[2], args[3], args[4], args[5], int(args[6])
    names = pick_names(truth)
    shards, vdir = os.path.abspath(os.path.join(work, "shards")), os.path.abspath(os.path.join(work, "virtuoso"))
    for d in (shards, vdir):
        shutil.rmtree(d, ignore_errors=True)
    os.makedirs(vdir)
    subprocess.run([jiyao, "export", "--store", store, "--shards", "2", "--output-dir", shards], check=True,
                   stdout=subprocess.DEVNULL, stderr=sys.stderr)
    ini = os.path.join(vdir, "virtuoso.ini")
    with open(ini, "w", encoding="utf-8") as f:
        f.write(f"""[Database]
DatabaseFile = {vdir}/virtuoso.db
ErrorLogFile = {vdir}/virtuoso.log
LockFile = {vdir}/virtuoso.lck
TransactionFile = {vdir}/virtuoso.trx
xa_persistent_file = {vdir}/virtuoso.pxa
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {vdir}/virtuoso-temp.db
TransactionFile = {vdir}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0
[Parameters]
ServerPort = 1112
DisableUnixSocket = 1
MaxClientConnections = 10
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = ., {os.path.abspath(shards)}
NumberOfBuffers = 340000
MaxDirtyBuffers = 250000
MaxQueryMem = 2G
ThreadsPerQuery = 2
[HTTPServer]
ServerPort = 8891
ServerRoot = /var/lib/virtuoso-opensource-7/vsp
MaxClientConnections = 4
ServerThreads = 4
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 10000000
MaxQueryExecutionTime = 0
MaxQueryCostEstimationTime = 0
""")
    subprocess.run(["virtuoso-t", "-c", ini, "+wait"], cwd=vdir, check=True, stdout=subprocess.DEVNULL)
    try:
        t = time.perf_counter()
        subprocess.run(["scripts/virtuoso-load.sh", os.path.abspath(shards), "1"], check=True,
                       env=dict(os.environ, VIRTUOSO_PORT="1112"), stdout=sys.stderr)
        row(n, "virtuoso_load_seconds", f"{time.perf_counter() - t:.3f}", "s", "scripts/virtuoso-load.sh, 1 loader, checkpoint included")
        row(n, "virtuoso_db_bytes", os.path.getsize(os.path.join(vdir, "virtuoso.db")), "bytes")

        endpoint_latency(n, "virtuoso_", "http://127.0.0.1:8891/sparql", qdir, names, runs)
    finally:
        subprocess.run(["isql-vt", "1112", "dba", "dba", "exec=shutdown;"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(2)
        shutil.rmtree(shards, ignore_errors=True)


def cmd_versus(args):
    """versus CSV N: the Markdown table of jiyao (CLI, and `jiyao serve` over HTTP) and Virtuoso (HTTP) side by side at one size, with the row counts checked."""
    n = args[1]
    vals = {}
    with open(args[0], encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["meetings"] == n:
                vals[r["metric"]] = r["value"]

    def g(m):
        v = vals.get(m, "")
        return float(v) if v not in ("", None) else None

    def dur(x):
        return "—" if x is None else (f"{x:,.0f} ms" if x < 1000 else f"{x / 1000:.1f} s")

    ask = g("query_baseline_ask_p50")
    print(f"`ASK {{}}` through the CLI (process start, store open): p50 {dur(ask)}; through HTTP: jiyao serve "
          f"{dur(g('http_query_baseline_ask_p50'))}, Virtuoso {dur(g('virtuoso_query_baseline_ask_p50'))}\n")
    print("| question | jiyao CLI p50 / p95 | × ASK | jiyao HTTP p50 / p95 | Virtuoso HTTP p50 / p95 | rows jiyao / Virtuoso | rows equal | Virtuoso / jiyao HTTP |")
    print("|---|---:|---:|---:|---:|---:|:-:|---:|")
    queries = sorted({m[len("query_"):-len("_p50")] for m in vals if m.startswith("query_") and m.endswith("_p50")} - {"baseline_ask"})
    for q in queries + ["path", "view_person", "view_meeting", "view_org", "view_topic", "view_topic_page", "neighbors"]:
        key = q if q in ("path", "neighbors") or q.startswith("view_") else f"query_{q}"
        p50, p95 = g(f"{key}_p50"), g(f"{key}_p95")
        if p50 is None and f"{key}_failed" not in vals:
            continue

        def cell(prefix):
            a, b = g(f"{prefix}{key}_p50"), g(f"{prefix}{key}_p95")
            return f"{dur(a)} / {dur(b)}" if a is not None else ("failed" if f"{prefix}{key}_failed" in vals else "—")

        times = f"{p50 / ask:.1f}" if p50 is not None and ask else "—"
        h50, v50 = g(f"http_{key}_p50"), g(f"virtuoso_{key}_p50")
        jr, vr = vals.get(f"{key}_rows", ""), vals.get(f"virtuoso_{key}_rows", "")
        hr = vals.get(f"http_{key}_rows", "")
        eq = "" if not (jr and vr) else ("yes" if jr == vr and hr in ("", jr) else "**no**")
        ratio = f"{v50 / h50:.2f}" if h50 and v50 else "—"
        label = f"`{q}`" if key.startswith("query_") else f"`{q.replace('view_', 'jiyao ')}`"
        rows = f"{jr} / {vr}" if jr or vr else ""
        print(f"| {label} | {cell('')} | {times} | {cell('http_')} | {cell('virtuoso_')} | {rows} | {eq} | {ratio} |")
    for m, label in (("serve_first_answer_ms", "`serve`: first answer"), ("serve_rss_at_first_answer", "`serve`: RSS then (MB)"),
                     ("serve_home_page_ms", "`serve`: GET /"), ("serve_rss_after_home_page", "`serve`: RSS after (MB)"),
                     ("serve_home_page_again_ms", "`serve`: GET / again")):
        if g(m) is not None:
            print(f"\n{label}: {g(m):,.0f}", end="")
    print()


def cmd_table(args):
    """table CSV: the Markdown table of benches/README.md, one column per corpus size."""
    import re

    rows = defaultdict(dict)
    with open(args[0], encoding="utf-8") as f:
        for r in csv.DictReader(f):
            rows[int(r["meetings"])][r["metric"]] = (r["value"], r["note"])
    sizes = sorted(rows)

    def g(n, m):
        v = rows[n].get(m)
        return None if v is None or v[0] == "" else float(v[0])

    def secs(x):
        return f"{x:.1f} s" if x < 100 else f"{x:,.0f} s"

    def dur(x):
        return f"{x:,.0f} ms" if x < 1000 else f"{x / 1000:.1f} s"

    def mb(x):
        return f"{x:,.0f} MB" if x < 10000 else f"{x / 1024:.1f} GB"

    def load(n, m, store_metric=None):
        if g(n, f"{m}_seconds") is None:
            note = rows[n].get(f"{m}_seconds", ("", "not run"))[1] or "not run"
            return note.split(":")[0]
        out = f"{secs(g(n, f'{m}_seconds'))}, {g(n, f'{m}_quads_per_s'):,.0f} quads/s, {mb(g(n, f'{m}_peak_rss'))} RSS"
        if g(n, f"{m}_peak_rss_anon") is not None:
            out += f" ({mb(g(n, f'{m}_peak_rss_anon'))} heap)"
        if store_metric and g(n, store_metric) is not None:
            out += f", {g(n, store_metric):.0f} B/quad"
        return out

    def latency_cell(n, q):
        p50, p95 = g(n, f"{q}_p50"), g(n, f"{q}_p95")
        if p50 is not None:
            return f"{dur(p50)} / {dur(p95)}"
        failed = rows[n].get(f"{q}_failed")
        if failed is None:
            return "not run"
        m = re.search(r"(\d+) ?s\b", failed[1])
        return f"> {m.group(1)} s" if m else "failed"

    out = ["| | " + " | ".join(f"{n:,} meetings" for n in sizes) + " |", "|---|" + "---:|" * len(sizes)]

    def line(label, f):
        cells = []
        for n in sizes:
            try:
                cells.append(f(n))
            except TypeError:  # a missing figure
                cells.append("—")
        out.append(f"| {label} | " + " | ".join(cells) + " |")

    line("corpus", lambda n: f"{g(n, 'corpus_bytes') / 1e6:,.1f} MB, {g(n, 'corpus_files'):,.0f} files")
    line("`jiyao synth`", lambda n: f"{secs(g(n, 'synth_seconds'))}, {mb(g(n, 'synth_peak_rss'))} RSS")
    for s, label in (("1t", "1 thread"), ("all", "all cores")):
        line(
            f"extraction, {label}",
            lambda n, s=s: f"{g(n, f'extract_{s}_mb_per_s'):.1f} MB/s, {g(n, f'extract_{s}_docs_per_s'):,.0f} docs/s",
        )
    line("quads in the store", lambda n: f"{g(n, 'quads'):,.0f}")
    line("`jiyao ingest` (end to end, on disk)", lambda n: load(n, "ingest"))
    line("… of which compaction", lambda n: secs(g(n, "ingest_compact_seconds")))
    line("store on disk", lambda n: f"{g(n, 'store_bytes') / 1e9:.2f} GB, {g(n, 'store_bytes_per_quad'):.0f} B/quad")
    if any(g(n, "store_compacted_bytes") is not None for n in sizes):
        line(
            "store on disk after compaction",
            lambda n: f"{g(n, 'store_compacted_bytes') / 1e9:.2f} GB, {g(n, 'store_compacted_bytes_per_quad'):.0f} B/quad",
        )
    line("N-Quads export", lambda n: f"{g(n, 'dump_bytes') / 1e9:.2f} GB")
    line("Oxigraph bulk load of the export (Rust)", lambda n: load(n, "oxigraph_load", "oxigraph_store_bytes_per_quad"))
    line("**ingest time / Oxigraph time**", lambda n: f"**{g(n, 'ingest_vs_oxigraph_time_ratio'):.2f}**")
    line("ingest time without compaction / Oxigraph time", lambda n: f"{g(n, 'ingest_uncompacted_vs_oxigraph_time_ratio'):.2f}")
    if any(g(n, "ingest_vs_oxigraph_load_optimize_time_ratio") is not None for n in sizes):
        line(
            "ingest time / (Oxigraph load + `optimize`)",
            lambda n: f"{g(n, 'ingest_vs_oxigraph_load_optimize_time_ratio'):.2f}",
        )
    if any(g(n, "virtuoso_load_seconds") is not None for n in sizes):
        line(
            "Virtuoso 7 bulk load of the export (same quads, checkpoint included)",
            lambda n: f"{secs(g(n, 'virtuoso_load_seconds'))}, {g(n, 'virtuoso_db_bytes') / 1e9:.2f} GB database",
        )
    line("pyoxigraph `bulk_load`", lambda n: load(n, "pyoxigraph_load"))
    line("rdflib `Dataset.parse`", lambda n: load(n, "rdflib_load"))
    queries = sorted(
        {m.rsplit("_", 1)[0] for n in sizes for m in rows[n] if m.startswith("query_") and m != "query_baseline_ask_p50"}
        - {"query_baseline_ask"}
    )
    views = ["path", "neighbors", "view_person", "view_meeting", "view_org", "view_topic_page", "view_topic"]
    for q in ["query_baseline_ask"] + queries + views:
        if q == "query_baseline_ask":
            label = "`ASK {}` (process start, store open)"
        elif q in ("path", "neighbors"):
            label = f"`jiyao {q}`"
        elif q == "view_topic_page":
            label = "`jiyao topic`, first page (`--limit 200`)"
        elif q.startswith("view_"):
            label = f"`jiyao {q[len('view_'):]}`"
        else:
            label = f"`{q[len('query_'):]}`"
        line(f"{label} p50 / p95", lambda n, q=q: latency_cell(n, q))
    line("`jiyao serve`: first answer, RSS", lambda n: f"{dur(g(n, 'serve_first_answer_ms'))}, {g(n, 'serve_rss_at_first_answer'):,.0f} MB")
    line("`jiyao serve`: explorer home page, RSS after", lambda n: f"{dur(g(n, 'serve_home_page_ms'))}, {g(n, 'serve_rss_after_home_page'):,.0f} MB")
    line("`jiyao serve`: explorer home page again", lambda n: dur(g(n, 'serve_home_page_again_ms')))
    if any(g(n, "serve_names_ready_s") is not None for n in sizes):
        line("`jiyao serve`: search list read after, RSS after", lambda n: f"{secs(g(n, 'serve_names_ready_s'))}, {g(n, 'serve_rss_after_names'):,.0f} MB")
        pages = sorted({m[len("serve_page_"):-len("_p50")] for n in sizes for m in rows[n] if m.startswith("serve_page_") and m.endswith("_p50")})
        for page in pages:
            line(f"explorer `{page}` p50 / p95",
                 lambda n, page=page: latency_cell(n, f"serve_page_{page}") if g(n, f"serve_page_{page}_p50") is not None else "—")
        line("`jiyao serve`: RSS after the pages", lambda n: f"{g(n, 'serve_rss_after_pages'):,.0f} MB")
    print("\n".join(out))


def cmd_plot(args):
    """plot CSV SVG: time against corpus size, log-log, one line per measured step, drawn without matplotlib."""
    series = defaultdict(dict)
    wanted = {
        "synth_seconds": "synth (generate corpus)",
        "extract_1t_seconds": "extract, 1 thread",
        "extract_all_seconds": "extract, all threads",
        "ingest_seconds": "jiyao ingest (end to end)",
        "oxigraph_load_seconds": "Oxigraph bulk load (Rust)",
        "pyoxigraph_load_seconds": "pyoxigraph bulk load",
        "rdflib_load_seconds": "rdflib parse",
    }
    with open(args[0], encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["metric"] in wanted:
                try:
                    series[r["metric"]][int(r["meetings"])] = float(r["value"])
                except ValueError:
                    pass
    import math

    xs = sorted({x for s in series.values() for x in s})
    ys = [y for s in series.values() for y in s.values() if y > 0]
    if not xs or not ys:
        open(args[1], "w").write("<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'/>")
        return
    W, H, L, R, T, B = 760, 460, 70, 250, 30, 50
    x0, x1 = math.log10(min(xs)) - 0.15, math.log10(max(xs)) + 0.15
    y0, y1 = math.floor(math.log10(min(ys))), math.ceil(math.log10(max(ys)))
    if y1 == y0:
        y1 += 1
    if x1 - x0 < 0.5:
        x0, x1 = x0 - 0.5, x1 + 0.5
    px = lambda x: L + (math.log10(x) - x0) / (x1 - x0) * (W - L - R)
    py = lambda y: H - B - (math.log10(y) - y0) / (y1 - y0) * (H - T - B)
    colors = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d"]
    out = [f"<svg xmlns='http://www.w3.org/2000/svg' width='{W}' height='{H}' font-family='sans-serif' font-size='12'>",
           f"<rect width='{W}' height='{H}' fill='white'/>",
           f"<text x='{L}' y='18' font-size='14'>jiyao scale benchmark: time against corpus size (log-log)</text>"]
    for e in range(y0, y1 + 1):
        y = py(10 ** e)
        out.append(f"<line x1='{L}' y1='{y:.1f}' x2='{W - R}' y2='{y:.1f}' stroke='#ddd'/>")
        out.append(f"<text x='{L - 8}' y='{y + 4:.1f}' text-anchor='end'>{10 ** e:g} s</text>")
    for x in xs:
        out.append(f"<line x1='{px(x):.1f}' y1='{T}' x2='{px(x):.1f}' y2='{H - B}' stroke='#eee'/>")
        out.append(f"<text x='{px(x):.1f}' y='{H - B + 18}' text-anchor='middle'>{x:,}</text>")
    out.append(f"<text x='{(L + W - R) / 2:.0f}' y='{H - 10}' text-anchor='middle'>meetings in the corpus</text>")
    out.append(f"<line x1='{L}' y1='{H - B}' x2='{W - R}' y2='{H - B}' stroke='black'/><line x1='{L}' y1='{T}' x2='{L}' y2='{H - B}' stroke='black'/>")
    for i, (metric, label) in enumerate(m for m in wanted.items() if m[0] in series):
        pts = sorted((x, y) for x, y in series[metric].items() if y > 0)
        c = colors[i % len(colors)]
        if len(pts) > 1:
            d = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in pts)
            out.append(f"<polyline points='{d}' fill='none' stroke='{c}' stroke-width='2'/>")
        for x, y in pts:
            out.append(f"<circle cx='{px(x):.1f}' cy='{py(y):.1f}' r='3.5' fill='{c}'><title>{label}: {y:.2f} s at {x:,}</title></circle>")
        ly = T + 20 + i * 20
        out.append(f"<line x1='{W - R + 15}' y1='{ly}' x2='{W - R + 40}' y2='{ly}' stroke='{c}' stroke-width='2'/>")
        out.append(f"<text x='{W - R + 46}' y='{ly + 4}'>{label}</text>")
    out.append("</svg>")
    with open(args[1], "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    cmds = {"timed": cmd_timed, "rss": cmd_rss, "pyoxigraph": cmd_pyoxigraph, "rdflib": cmd_rdflib, "queries": cmd_queries, "serve": cmd_serve, "http": cmd_http, "virtuoso": cmd_virtuoso, "versus": cmd_versus, "plot": cmd_plot, "table": cmd_table}
    if len(sys.argv) < 2 or sys.argv[1] not in cmds:
        sys.exit("usage: scale.py {" + ",".join(cmds) + "} ...")
    cmds[sys.argv[1]](sys.argv[2:])
