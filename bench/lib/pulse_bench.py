"""The pulse's part of bench/forecast: minute-grain traffic, five-minute points, replayed through the pulse's
decision path (bin/burnrate pulse-replay). Measures minutes from a loop's start to its alert, false runaway alerts
in normal weeks and around a one-off eval burst, and alerts per episode.

Traffic (one vendor per file, four weeks of history then the judged week, every minute):
- a day shaped like a team's: nights at 0.2 of the day's mean, a working-hours plateau, a daily peak of 3-5x the
  mean for two hours, weekends at 0.3 of a weekday; the mean is $0.50-$5 an hour, by seed;
- noise of +-30% on every five-minute point;
- a loop adds a constant rate of (k - 1) x the usual rate of the hour it starts in, from a random minute of the
  judged week, for six hours: k = 3, 10, 100. It is k times the usual when it starts; a retry loop does not follow
  the time of day, so one that runs into the daily peak is less than that there (a loop that adds less than half
  the usual rate of every hour it runs in is not caught, by this detector or the hourly one);
- an eval burst adds 1.5x the usual rate for 30 minutes once, in working hours of a weekday (2.5x the usual
  there, as a one-off run of an evaluation set).
The vendor's minutes are taken as complete when read (a vendor's ingestion lag adds to every delay).
"""
import json
import random
import statistics
import subprocess
from datetime import datetime, timedelta, timezone
from pathlib import Path

START = datetime(2026, 10, 5, tzinfo=timezone.utc)  # a Monday
JUDGED_FROM = START + timedelta(days=28)
DAYS = 35
MAGNITUDES = (3, 10, 100)


def shape(peak):
    hours = [0.2] * 7 + [0.8] * 3 + [1.5] * 4 + [peak] * 2 + [1.2] * 3 + [0.5] * 5
    mean = sum(hours) / 24
    return [h / mean for h in hours]


def traffic(seed, extra):
    """Five-minute points: (slot start, usd). extra(minute, usual_hour) -> added usd per minute, where usual_hour(t)
    is the usual dollars an hour at t (without the noise)."""
    rng = random.Random(f"pulse-{seed}")
    mean_hour = rng.uniform(0.5, 5.0)
    day = shape(rng.uniform(3.0, 5.0))

    def usual_hour(t):
        return mean_hour * day[t.hour] * (0.3 if t.weekday() >= 5 else 1.0)

    rows = []
    for slot in range(DAYS * 288):
        at = START + timedelta(minutes=5 * slot)
        usual = usual_hour(at) / 12 * rng.uniform(0.7, 1.3)
        added = sum(extra(at + timedelta(minutes=m), usual_hour) for m in range(5))
        rows.append((at, usual + added))
    return rows


def write(path, rows):
    with open(path, "w") as f:
        f.write("slot,vendor,cost_usd\n")
        for at, usd in rows:
            f.write(f"{at.strftime('%Y-%m-%dT%H:%M:%SZ')},openai,{usd:.6f}\n")


def corpus(directory, seeds):
    directory.mkdir(parents=True, exist_ok=True)
    manifest = {}
    for k in MAGNITUDES:
        for seed in range(seeds):
            rng = random.Random(f"loop-{k}-{seed}")
            start = JUDGED_FROM + timedelta(minutes=rng.randrange(0, 7 * 1440 - 6 * 60))
            end = start + timedelta(hours=6)
            path = directory / f"pulse-loop-{k}x-{seed}.csv"
            added = {}

            def loop(t, usual, s=start, e=end, k=k):
                added["usd_per_hour"] = (k - 1) * usual(s)
                return (k - 1) * usual(s) / 60 if s <= t < e else 0.0
            rows = traffic(f"{k}-{seed}", loop)
            write(path, rows)
            week = [usd for at, usd in rows if start - timedelta(days=7) <= at < start]
            manifest[str(path)] = dict(kind="loop", magnitude=k, start=start, added=added["usd_per_hour"],
                                       week_mean_hour=sum(week) / (len(week) / 12))
    for seed in range(seeds):
        path = directory / f"pulse-normal-{seed}.csv"
        write(path, traffic(f"normal-{seed}", lambda t, usual: 0.0))
        manifest[str(path)] = dict(kind="normal")
    for seed in range(max(1, seeds // 2)):
        rng = random.Random(f"eval-{seed}")
        day = JUDGED_FROM + timedelta(days=rng.randrange(0, 5))
        start = day + timedelta(hours=rng.choice([10, 11, 12]), minutes=rng.randrange(0, 60))
        end = start + timedelta(minutes=30)
        path = directory / f"pulse-eval-burst-{seed}.csv"
        write(path, traffic(f"eval-{seed}", lambda t, usual, s=start, e=end:
                            1.5 * usual(s) / 60 if s <= t < e else 0.0))
        manifest[str(path)] = dict(kind="eval")
    return manifest


def replay(root, files, hourly_only=False):
    command = [str(root / "bin" / "burnrate"), "pulse-replay", "--from", JUDGED_FROM.strftime("%Y-%m-%dT%H:%M:%SZ")]
    result = subprocess.run(command + (["--hourly-only"] if hourly_only else []) + files, capture_output=True,
                            text=True)
    if result.returncode != 0:
        raise SystemExit(f"pulse-replay failed ({result.returncode}):\n{result.stderr}")
    return {s["file"]: s for s in map(json.loads, result.stdout.splitlines())}


def parse(ts):
    return datetime.fromisoformat(ts.replace("Z", "+00:00"))


def measure(root, manifest, hourly_only=False):
    summaries = replay(root, list(manifest), hourly_only)
    delays = {k: [] for k in MAGNITUDES}
    missed, false_alerts, alerts_per_episode, below_floor = [], [], [], []
    for f, meta in manifest.items():
        alerts = summaries[f]["runaway_alerts"]
        if meta["kind"] == "loop":
            start = meta["start"]
            before = [a for a in alerts if parse(a["alerted_at"]) < start]
            after = [a for a in alerts if parse(a["alerted_at"]) >= start]
            false_alerts.extend((f, a["alerted_at"]) for a in before)
            if not after:
                # the detectors' floor: a window must exceed its usual by half the week's mean hour (an hour's worth)
                (below_floor if meta["added"] < 0.5 * meta["week_mean_hour"] else missed).append(f)
            else:
                delays[meta["magnitude"]].append((parse(after[0]["alerted_at"]) - start).total_seconds() / 60)
                alerts_per_episode.append(len(after))
        else:
            false_alerts.extend((f, a["alerted_at"]) for a in alerts)
    return manifest, delays, missed, below_floor, false_alerts, alerts_per_episode


def report(root, directory, seeds=10):
    manifest = corpus(directory, seeds)
    _, delays, missed, below_floor, false_alerts, per_episode = measure(root, manifest)
    _, hourly, _, _, hourly_false, _ = measure(root, manifest, hourly_only=True)
    normals = sum(1 for m in manifest.values() if m["kind"] == "normal")
    evals = sum(1 for m in manifest.values() if m["kind"] == "eval")
    print()
    print(f"Pulse (five-minute points, a pulse every 5 minutes; {seeds} seeds a magnitude, {normals} normal weeks, "
          f"{evals} weeks with an eval burst):")
    print()
    shown = lambda d: f"{statistics.median(d):.0f} / {max(d):.0f}" if d else "-"
    print("| loop | pulse: caught | pulse: minutes to the alert (median / max) | hourly check alone: caught | "
          "hourly check alone: minutes (median / max) |")
    print("|---|---|---|---|---|")
    for k in MAGNITUDES:
        print(f"| {k}x | {len(delays[k])} of {seeds} | {shown(delays[k])} | {len(hourly[k])} of {seeds} | "
              f"{shown(hourly[k])} |")
    print(f"| false runaway alerts (normal weeks, eval bursts, before a loop) | {len(false_alerts)} | | "
          f"{len(hourly_false)} | |")
    print(f"| loops not caught that add less than half the week's mean hour (the floor that keeps a quiet night "
          f"from paging) | {len(below_floor)} | | | |")
    print(f"| most runaway alerts in one loop's episode | {max(per_episode) if per_episode else 0} | | | |")
    targets = [
        ("every loop above the floor caught", not missed, missed),
        ("median delay <= 15 min for 10x and 100x",
         all(delays[k] and statistics.median(delays[k]) <= 15 for k in (10, 100)),
         {k: delays[k] for k in (10, 100)}),
        ("median delay <= 60 min for 3x", bool(delays[3]) and statistics.median(delays[3]) <= 60, delays[3]),
        ("no false runaway alerts", not false_alerts, false_alerts),
        ("one alert per episode", all(n == 1 for n in per_episode), per_episode),
    ]
    return targets
