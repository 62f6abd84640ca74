"""bench/forecast: measures burnrate's forecaster, budget alerts and runaway detector against the naive
run-rate on a synthetic corpus, through the real backtest command. Prints a Markdown table and checks the
targets of the forecasting issue."""
import json
import statistics
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).parent))
import corpus  # noqa: E402
import pulse_bench  # noqa: E402

MONTH = "2026-11"


def run_backtest(files, forecaster):
    command = [str(ROOT / "bin" / "burnrate"), "backtest", "--month", MONTH, "--budget", str(int(corpus.BUDGET)),
               "--forecaster", forecaster] + files
    result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    if result.returncode != 0:
        sys.exit(f"backtest failed ({result.returncode}):\n{result.stderr}")
    summaries = {}
    for line in result.stdout.splitlines():
        obj = json.loads(line)
        if "summary" in obj:
            summaries[obj["file"]] = obj["summary"]
    return summaries


def parse(ts):
    return datetime.fromisoformat(ts.replace("Z", "+00:00"))


def forecast_metrics(manifest, summaries):
    over = [f for f, m in manifest.items() if m["granularity"] == "daily" and summaries[f]["over_budget"]]
    under = [f for f, m in manifest.items() if m["granularity"] == "daily" and not summaries[f]["over_budget"]]
    warned = [f for f in over if summaries[f]["warned_before_crossing"]]
    leads = [float(summaries[f]["lead_days"]) for f in warned]
    false_alarms = [f for f in under if summaries[f]["alerts"].get("forecast_exceeds_budget")]
    return dict(over=over, under=under, warned=warned, leads=leads, false_alarms=false_alarms)


def runaway_metrics(manifest, summaries):
    """Detection (first alert after the start), false alerts, and the episode lifecycle: how many runaway alerts
    one vendor got in a month with one runaway, reminders beyond one a day, and "over" sent while it still ran."""
    delays, missed, false_alerts = [], [], []
    most_alerts, extra_reminders, over_while_running, never_over, escalations = 0, [], [], [], []
    for f, meta in manifest.items():
        if meta["granularity"] != "hourly":
            continue
        alerts = summaries[f]["runaway_alerts"]
        notices = summaries[f]["runaway_notices"]
        if meta["category"].startswith("runaway"):
            vendor = meta["runaway_vendor"]
            # the notices of the runaway's own episode (a false alert before it started counts as a false alert)
            mine = [n for n in notices if n["vendor"] == vendor
                    and parse(n["started_at"]) >= parse(meta["runaway_start"]) - timedelta(hours=1)]
            opened = [n for n in mine if n["kind"] == "runaway"]
            most_alerts = max(most_alerts, len(opened))
            days = meta["runaway_hours"] / 24
            reminders = [n for n in mine if n["kind"] == "runaway_reminder"]
            escalations.append(sum(1 for n in mine if n["kind"] == "runaway_escalation"))
            if len(reminders) > int(days) + 1:
                extra_reminders.append((f, len(reminders), round(days, 1)))
            end = parse(meta["runaway_end"])
            over_while_running += [(f, n["alerted_at"]) for n in mine
                                   if n["kind"] == "runaway_over" and parse(n["alerted_at"]) < end]
            month_end = datetime(2026, 12, 1, tzinfo=end.tzinfo)
            if end < month_end - timedelta(hours=6) and not any(n["kind"] == "runaway_over" for n in mine):
                never_over.append(f)
            start = parse(meta["runaway_start"])
            hits = [a for a in alerts if a["vendor"] == meta["runaway_vendor"] and parse(a["alerted_at"]) > start]
            false_alerts += [(f, a) for a in alerts if a not in hits]
            if hits:
                first = min(parse(a["alerted_at"]) for a in hits)
                delays.append(int((first - start).total_seconds() // 3600))
            else:
                missed.append(f)
        else:
            false_alerts += [(f, a) for a in alerts]
    return dict(delays=delays, missed=missed, false_alerts=false_alerts, most_alerts=most_alerts,
                extra_reminders=extra_reminders, over_while_running=over_while_running, never_over=never_over,
                escalations=escalations)


def main():
    out = ROOT / "target" / "bench" / "corpus"
    manifest = corpus.write(out)
    files = sorted(manifest)
    started = time.time()
    ours = run_backtest(files, "burnrate")
    ours_seconds = time.time() - started
    naive = run_backtest([f for f in files if manifest[f]["granularity"] == "daily"], "naive")
    b = forecast_metrics(manifest, ours)
    n = forecast_metrics({f: m for f, m in manifest.items() if m["granularity"] == "daily"}, naive)
    r = runaway_metrics(manifest, ours)
    daily = sum(1 for m in manifest.values() if m["granularity"] == "daily")
    hourly = len(manifest) - daily
    med = lambda xs: f"{statistics.median(xs):.1f}" if xs else "n/a"

    long_month = next((f for f in files if f.endswith("hourly-runaway-from-the-10th.csv")), None)
    print(f"Corpus: {daily} daily months ({len(b['over'])} over budget, {len(b['under'])} under; "
          f"{len(CATEGORIES_)} kinds, with and without two prior months) and {hourly} hourly months "
          f"({sum(1 for m in manifest.values() if m['category'].startswith('runaway'))} with a runaway, "
          f"{sum(1 for m in manifest.values() if m['category'] == 'runaway_long')} of them lasting 3 days or more).")
    print()
    print("| | burnrate | naive run-rate |")
    print("|---|---|---|")
    print(f"| over-budget months warned before the crossing | {len(b['warned'])} of {len(b['over'])} | "
          f"{len(n['warned'])} of {len(n['over'])} |")
    print(f"| median lead time, days | {med(b['leads'])} | {med(n['leads'])} |")
    print(f"| false alarms (under-budget months with a forecast alert) | {len(b['false_alarms'])} of "
          f"{len(b['under'])} | {len(n['false_alarms'])} of {len(n['under'])} |")
    d = r["delays"]
    print(f"| runaways caught | {len(d)} of {len(d) + len(r['missed'])} | - |")
    print(f"| runaway detection delay, hourly checks (median / max) | "
          f"{med(d)} / {max(d) if d else 'n/a'} | - |")
    print(f"| false runaway alerts | {len(r['false_alerts'])} | - |")
    print(f"| most runaway alerts one vendor got in a month with one runaway | {r['most_alerts']} | - |")
    print(f"| months with more than one reminder a day of runaway | {len(r['extra_reminders'])} | - |")
    print(f"| runaways declared over while still running | {len(r['over_while_running'])} | - |")
    print(f"| runaways that ended but were never declared over | {len(r['never_over'])} | - |")
    print(f"| escalations (hourly spend doubled past the last report) in {len(r['escalations'])} runaway months | "
          f"{sum(r['escalations'])} | - |")
    print()
    print("False alarms by kind of month (under-budget months of that kind with a forecast alert):")
    print()
    print("| kind | burnrate | naive run-rate |")
    print("|---|---|---|")
    for kind in CATEGORIES_:
        under = [f for f in b["under"] if manifest[f]["category"] == kind]
        ours_fa = sum(1 for f in b["false_alarms"] if manifest[f]["category"] == kind)
        theirs_fa = sum(1 for f in n["false_alarms"] if manifest[f]["category"] == kind)
        print(f"| {kind.replace('_', ' ')} | {ours_fa} of {len(under)} | {theirs_fa} of {len(under)} |")
    print()
    if long_month:
        kinds = {}
        for notice in ours[long_month]["runaway_notices"]:
            kinds[notice["kind"]] = kinds.get(notice["kind"], 0) + 1
        print("A runaway at 20x from the 10th to the end of the month sends: "
              + ", ".join(f"{k} x{v}" for k, v in kinds.items()) + ".")
    print()
    print(f"(burnrate backtest of {len(files)} months: {ours_seconds:.1f} s)")

    print()
    naive_warned = set(n["warned"])
    missing = [f for f in naive_warned if f not in set(b["warned"])]
    checks = [
        ("warns before the crossing wherever the naive run-rate does", not missing, missing),
        ("at most half the naive run-rate's false alarms",
         len(b["false_alarms"]) * 2 <= len(n["false_alarms"]), b["false_alarms"]),
        ("median lead time within 2 days of the naive run-rate's",
         bool(b["leads"]) and bool(n["leads"]) and abs(statistics.median(b["leads"]) - statistics.median(n["leads"])) <= 2
         or statistics.median(b["leads"] or [0]) >= statistics.median(n["leads"] or [0]), None),
        ("every runaway caught within 2 hourly checks", not r["missed"] and all(x <= 2 for x in d),
         r["missed"] + [x for x in d if x > 2]),
        ("no false runaway alerts", not r["false_alerts"], r["false_alerts"]),
        ("one runaway alert per runaway, whatever its length", r["most_alerts"] == 1, r["most_alerts"]),
        ("at most one reminder a day while a runaway runs", not r["extra_reminders"], r["extra_reminders"]),
        ("no runaway declared over while still running", not r["over_while_running"], r["over_while_running"]),
        ("every runaway that ended is declared over", not r["never_over"], r["never_over"]),
    ]
    checks += pulse_bench.report(ROOT, ROOT / "target" / "bench" / "pulse")
    print()
    failed = 0
    for name, ok, detail in checks:
        print(f"{'PASS' if ok else 'FAIL'}  {name}" + ("" if ok or not detail else f": {detail}"))
        failed += 0 if ok else 1
    sys.exit(1 if failed else 0)


CATEGORIES_ = corpus.CATEGORIES

if __name__ == "__main__":
    main()
