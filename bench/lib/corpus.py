"""Synthetic spend months for the forecast benchmark: deterministic (seeded), every month scaled so that its
budget is exactly $1,000, so one backtest run covers the whole corpus.

Daily months: each category in four variants ({over, under} budget x {with, without} two prior months of
history), several seeds each, in two seed sets: "tuning", the months the forecaster's constants were tuned on, and
"held-out", drawn from random streams of their own, which CI judges. Hourly months: business-hours patterns with
and without a runaway.
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

# The seed sets of the daily months. The forecaster's and the alert rules' constants were tuned on "tuning" only;
# "held-out" draws from random streams of its own, first drawn after those constants were settled. CI judges the
# held-out figures.
SEED_SETS = {"tuning": 9, "held-out": 6}
HELD_OUT_STREAM = "held-out-v2"


# The kinds of daily month. Each draws its own parameters from the month's random stream, so two months of a kind
# differ in more than noise: shape(i, n, p) is the multiplier for day i of an n-day month (history months use
# shape(0), the level the month starts at); weekly(day, p) the multiplier of the day of the week.
def flat_week(day, p):
    return 1.0


def weekend_dip(day, p):
    return p["weekend"] if day.weekday() >= 5 else 1.0


def weekday_peak(day, p):
    """One weekday (a weekly batch or report) at 3-5x the average day of the week, weekends low."""
    if day.weekday() == p["peak_day"]:
        return p["peak"]
    return p["weekend"] if day.weekday() >= 5 else 1.0


def steady(i, n, p):
    return 1.0


def growth(i, n, p):
    return 1.0 + p["growth"] * i / n


def fast_growth(i, n, p):
    return math.exp(math.log(p["growth"]) * i / n)


def decline(i, n, p):
    return 1.0 - p["decline"] * i / n


def step_up(i, n, p):
    return 1.0 if i < p["step_at"] * n else p["step"]


def draw_weekday_peak(rng):
    weekend = rng.uniform(0.1, 0.4)
    ratio = rng.uniform(3.0, 5.0)   # the peak day against the week's average day
    # peak = ratio x (4 weekdays + peak + 2 weekend days) / 7, solved for peak
    return dict(weekend=weekend, peak_day=rng.randrange(0, 5), peak=ratio * (4 + 2 * weekend) / (7 - ratio),
                peak_ratio=round(ratio, 2))


CATEGORIES = {
    "steady": dict(shape=steady, week=flat_week),
    "weekly": dict(shape=steady, week=weekend_dip, draw=lambda rng: dict(weekend=rng.uniform(0.2, 0.5))),
    "weekday_peak": dict(shape=steady, week=weekday_peak, draw=draw_weekday_peak),
    "growth": dict(shape=growth, week=flat_week, draw=lambda rng: dict(growth=rng.uniform(0.4, 0.8))),
    "fast_growth": dict(shape=fast_growth, week=flat_week, draw=lambda rng: dict(growth=rng.uniform(2.5, 3.5))),
    "decline": dict(shape=decline, week=flat_week, draw=lambda rng: dict(decline=rng.uniform(0.35, 0.55))),
    "step_up": dict(shape=step_up, week=weekend_dip,
                    draw=lambda rng: dict(step=rng.uniform(1.5, 2.0), step_at=rng.uniform(0.35, 0.6),
                                          weekend=rng.uniform(0.4, 0.7))),
    "month_start_batch": dict(shape=steady, week=flat_week, draw=lambda rng: dict(batch=rng.uniform(6.0, 10.0))),
    "one_day_spike": dict(shape=steady, week=flat_week, draw=lambda rng: dict(spike=rng.uniform(6.0, 12.0))),
    "refund": dict(shape=steady, week=flat_week, draw=lambda rng: dict(refund=rng.uniform(2.0, 4.0))),
}


def month_days(year, month):
    return [dt.date(year, month, d) for d in range(1, calendar.monthrange(year, month)[1] + 1)]


def daily_month(category, over, history, seed, year, month, seed_set="tuning"):
    """Returns (rows, meta). Rows are (date, vendor, usd) with the budget equal to BUDGET; a refund is a negative
    row of its own, as a vendor's credit line is. A month-start batch recurs on the 1st of the history months."""
    stream = f"{category}-{over}-{history}-{seed}" if seed_set == "tuning" else \
        f"{HELD_OUT_STREAM}-{category}-{over}-{history}-{seed}"
    rng = random.Random(stream)
    spec = CATEGORIES[category]
    params = spec.get("draw", lambda r: {})(rng)
    noise = rng.uniform(0.12, 0.2)
    days = month_days(year, month)
    n = len(days)

    def base(day, mult):
        return mult * spec["week"](day, params) * math.exp(rng.gauss(0, noise))

    values = {}
    if history:
        start = dt.date(year, month, 1) - dt.timedelta(days=61)
        d = start
        while d < days[0]:
            values[d] = base(d, spec["shape"](0, n, params) * (0.97 + 0.03 * rng.random()))
            if "batch" in params and d.day == 1:
                values[d] += params["batch"]
            d += dt.timedelta(days=1)
    for i, day in enumerate(days):
        values[day] = base(day, spec["shape"](i, n, params))
    if "batch" in params:
        values[days[0]] += params["batch"]
    one_off, one_off_day = 0.0, None
    if "spike" in params:
        one_off_day = days[rng.randrange(5, n - 5)]
        values[one_off_day] += params["spike"]
        one_off = params["spike"]
    refunds = {}
    if "refund" in params:
        refunds[days[rng.randrange(8, n - 8)]] = -params["refund"]
    month_total = sum(values[d] for d in days) + sum(refunds.values())
    ratio = rng.uniform(0.72, 0.92) if over else rng.uniform(1.06, 1.3)
    scale = BUDGET / (month_total * ratio)
    rows = []
    for day in sorted(values):
        for vendor, share in VENDOR_SHARE:
            rows.append((day.isoformat(), vendor, round(values[day] * scale * share, 4)))
        if day in refunds:
            rows.append((day.isoformat(), VENDOR_SHARE[0][0], round(refunds[day] * scale, 4)))
    # a month over its budget only because of its one-day spike, crossed on the spike's own day, gives no forecast a
    # day to warn on (the runaway detector is what catches such a day); the benchmark names these months apart
    return rows, dict(category=category, over=over, history=history, granularity="daily", seed_set=seed_set,
                      final_total=round(month_total * scale, 2),
                      over_without_one_off=(month_total - one_off) * scale > BUDGET,
                      one_off_day=one_off_day.isoformat() if one_off_day else None,
                      params={k: round(v, 3) if isinstance(v, float) else v for k, v in params.items()})


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


def write(directory, runaways=10, normals=8, long_runaways=6):
    """Writes the corpus and its manifest: the daily months of every seed set (in a folder each), then the hourly
    months. More seeds (BENCH_TUNING_SEEDS, BENCH_HELD_OUT_SEEDS, BENCH_RUNAWAYS, BENCH_NORMALS,
    BENCH_LONG_RUNAWAYS) give a larger corpus. Long runaways last 3-10 days; one more runs at 20x from the 10th to
    the end of the month."""
    runaways = int(os.environ.get("BENCH_RUNAWAYS", runaways))
    normals = int(os.environ.get("BENCH_NORMALS", normals))
    long_runaways = int(os.environ.get("BENCH_LONG_RUNAWAYS", long_runaways))
    directory = Path(directory)
    manifest = {}
    year, month = 2026, 11
    for seed_set, default_seeds in SEED_SETS.items():
        seeds = int(os.environ.get(f"BENCH_{seed_set.upper().replace('-', '_')}_SEEDS", default_seeds))
        folder = directory / seed_set
        folder.mkdir(parents=True, exist_ok=True)
        for category in CATEGORIES:
            for over in (True, False):
                for history in (True, False):
                    for seed in range(seeds):
                        rows, meta = daily_month(category, over, history, seed, year, month, seed_set)
                        name = f"{category}-{'over' if over else 'under'}-{'hist' if history else 'nohist'}-{seed}.csv"
                        manifest[write_csv(folder / name, "date", rows)] = meta
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
