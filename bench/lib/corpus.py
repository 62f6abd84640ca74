"""Synthetic spend months for the forecast benchmark: deterministic (seeded), every month scaled so that its
budget is exactly $1,000, so one backtest run covers the whole corpus.

Daily months: each category in four variants ({over, under} budget x {with, without} two prior months of
history), several seeds each. Hourly months: business-hours patterns with and without a runaway.
"""
import calendar
import csv
import datetime as dt
import json
import math
import os
import random
from pathlib import Path

BUDGET = 1000.0
VENDOR_SHARE = (("openai", 0.62), ("anthropic", 0.38))

# name -> function(day_index, days_in_month, rng, month_days_list) giving the multiplier for that day of the
# month (history months use the multiplier of day 0 so history shows the month-start level)
def steady(i, n, rng):
    return 1.0


def growth(i, n, rng):
    return 1.0 + 0.6 * i / n


def fast_growth(i, n, rng):
    return math.exp(math.log(3.0) * i / n)


def decline(i, n, rng):
    return 1.0 - 0.45 * i / n


def step_up(i, n, rng):
    return 1.0 if i < n * 0.45 else 1.7


CATEGORIES = {
    "steady": dict(shape=steady),
    "weekly": dict(shape=steady, weekend=0.3),
    "growth": dict(shape=growth),
    "fast_growth": dict(shape=fast_growth),
    "decline": dict(shape=decline),
    "step_up": dict(shape=step_up, weekend=0.5),
    "month_start_batch": dict(shape=steady, batch=8.0),
    "one_day_spike": dict(shape=steady, spike=10.0),
    "refund": dict(shape=steady, refund=-4.0),
}


def month_days(year, month):
    return [dt.date(year, month, d) for d in range(1, calendar.monthrange(year, month)[1] + 1)]


def daily_month(category, over, history, seed, year, month):
    """Returns (rows, meta). Rows are (date, vendor, usd) with the budget equal to BUDGET."""
    rng = random.Random(f"{category}-{over}-{history}-{seed}")
    spec = CATEGORIES[category]
    days = month_days(year, month)
    n = len(days)
    weekend = spec.get("weekend", 1.0)

    def base(day, mult):
        factor = weekend if day.weekday() >= 5 else 1.0
        return mult * factor * math.exp(rng.gauss(0, 0.15))

    values = {}
    if history:
        start = dt.date(year, month, 1) - dt.timedelta(days=61)
        d = start
        while d < days[0]:
            values[d] = base(d, spec["shape"](0, n, rng) * (0.97 + 0.03 * rng.random()))
            d += dt.timedelta(days=1)
    for i, day in enumerate(days):
        values[day] = base(day, spec["shape"](i, n, rng))
    if "batch" in spec:
        values[days[0]] += spec["batch"]
    if "spike" in spec:
        values[days[rng.randrange(5, n - 5)]] += spec["spike"]
    if "refund" in spec:
        values[days[rng.randrange(8, n - 8)]] = spec["refund"] * rng.uniform(0.5, 1.0)
    month_total = sum(values[d] for d in days)
    ratio = rng.uniform(0.72, 0.92) if over else rng.uniform(1.06, 1.3)
    scale = BUDGET / (month_total * ratio)
    rows = []
    for day in sorted(values):
        for vendor, share in VENDOR_SHARE:
            rows.append((day.isoformat(), vendor, round(values[day] * scale * share, 4)))
    return rows, dict(category=category, over=over, history=history, granularity="daily",
                      final_total=round(month_total * scale, 2))


def hourly_month(runaway, seed, year, month, long=False, from_day=None):
    """Business-hours spend with a weekly pattern, a nightly batch hour and occasional busy hours (1.8x, a
    demo or an eval run); optionally a runaway: 5-20x the normal spend for that hour of the week, starting at a
    random point within an hour and lasting 6-30 hours; a long one lasts 3-10 days (from_day: from that day of the
    month to its end), with a pause of one or two normal hours now and then."""
    rng = random.Random(f"hourly-{runaway}-{'long-' if long else ''}{from_day or ''}{seed}")
    days = month_days(year, month)
    start = dt.datetime(year, month, 1, tzinfo=dt.timezone.utc) - dt.timedelta(days=42)
    end = dt.datetime.combine(days[-1] + dt.timedelta(days=1), dt.time(), dt.timezone.utc)
    batch_hour = rng.randrange(0, 6)
    per_vendor = {}
    expected = {}
    hour = start
    while hour < end:
        weekday = hour.weekday() < 5
        business = 8 <= hour.hour < 19
        level = (1.0 if business else 0.25) * (1.0 if weekday else 0.35)
        for vendor, share in VENDOR_SHARE:
            normal = level * share + (1.2 * share if hour.hour == batch_hour else 0.0)
            usd = normal * math.exp(rng.gauss(0, 0.2))
            if rng.random() < 0.01:
                usd *= 1.8
            per_vendor[(hour, vendor)] = usd
            expected[(hour, vendor)] = normal
        hour += dt.timedelta(hours=1)
    category = ("runaway_long" if long or from_day else "runaway") if runaway else "hourly_normal"
    meta = dict(category=category, over=None, history=True, granularity="hourly")
    if runaway:
        first_day = from_day or (6 + rng.randrange(0, 18 if not long else 10))
        start_hour = dt.datetime(year, month, first_day, rng.randrange(0, 24), tzinfo=dt.timezone.utc)
        vendor = VENDOR_SHARE[rng.randrange(0, 2)][0]
        multiple = 20 if from_day else rng.choice([5, 8, 12, 20])
        fraction = rng.uniform(0.2, 1.0)
        if from_day:
            hours = int((end - start_hour).total_seconds() // 3600)
        elif long:
            hours = rng.randrange(3 * 24, 10 * 24)
        else:
            hours = rng.randrange(6, 30)
        h = start_hour
        for k in range(hours):
            paused = long and k > 0 and rng.random() < 0.01  # a loop that stops for an hour and starts again
            extra = 0.0 if paused else expected[(h, vendor)] * (multiple - 1) * (fraction if k == 0 else 1.0)
            if (h, vendor) in per_vendor:
                per_vendor[(h, vendor)] += extra
            h += dt.timedelta(hours=1)
        meta.update(runaway_vendor=vendor, runaway_start=start_hour.strftime("%Y-%m-%dT%H:%M:%SZ"),
                    runaway_end=h.strftime("%Y-%m-%dT%H:%M:%SZ"), runaway_hours=hours,
                    runaway_multiple=multiple, runaway_first_hour_fraction=round(fraction, 2))
    month_total = sum(v for (h, _), v in per_vendor.items() if h.month == month and h.year == year)
    scale = BUDGET / (month_total * 1.5)  # comfortably under budget: only the runaway detector is judged
    rows = [(h.strftime("%Y-%m-%dT%H:%M:%SZ"), vendor, round(v * scale, 5))
            for (h, vendor), v in sorted(per_vendor.items())]
    return rows, meta


def write_csv(path, time_column, rows):
    """Writes rows in the backtest's CSV format; returns the path as a string."""
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow([time_column, "vendor", "cost_usd"])
        w.writerows(rows)
    return str(path)


def write(directory, seeds=3, runaways=10, normals=8, long_runaways=6):
    """Writes the corpus and its manifest; more seeds (BENCH_SEEDS, BENCH_RUNAWAYS, BENCH_NORMALS,
    BENCH_LONG_RUNAWAYS) give a larger corpus for a sensitivity check. Long runaways last 3-10 days; one more runs
    at 20x from the 10th to the end of the month."""
    seeds = int(os.environ.get("BENCH_SEEDS", seeds))
    runaways = int(os.environ.get("BENCH_RUNAWAYS", runaways))
    normals = int(os.environ.get("BENCH_NORMALS", normals))
    long_runaways = int(os.environ.get("BENCH_LONG_RUNAWAYS", long_runaways))
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    manifest = {}
    year, month = 2026, 11
    for category in CATEGORIES:
        for over in (True, False):
            for history in (True, False):
                for seed in range(seeds):
                    rows, meta = daily_month(category, over, history, seed, year, month)
                    name = f"{category}-{'over' if over else 'under'}-{'hist' if history else 'nohist'}-{seed}.csv"
                    manifest[write_csv(directory / name, "date", rows)] = meta
    for kind, count in (("runaway", runaways), ("normal", normals)):
        for seed in range(count):
            rows, meta = hourly_month(kind == "runaway", seed, year, month)
            manifest[write_csv(directory / f"hourly-{kind}-{seed}.csv", "hour", rows)] = meta
    for seed in range(long_runaways):
        rows, meta = hourly_month(True, seed, year, month, long=True)
        manifest[write_csv(directory / f"hourly-runaway-long-{seed}.csv", "hour", rows)] = meta
    rows, meta = hourly_month(True, 0, year, month, from_day=10)
    manifest[write_csv(directory / "hourly-runaway-from-the-10th.csv", "hour", rows)] = meta
    (directory / "manifest.json").write_text(json.dumps(manifest, indent=1))
    return manifest
