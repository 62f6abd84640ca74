"""Scale and cold-start benchmark of the packaged function (target/local-function, unpacked from function.zip).

Each scenario is a fresh moto and DEMO vendors server (bin/lib/demo_vendors.py), OpenAI's day spread over LINES cost
lines and as many usage lines (BURNRATE_DEMO_LINES), and HISTORY months of history
(burnrate.collect.history-months). The function runs as Lambda's Java runtime runs it (QuarkusStreamHandler on the
zip's classes and jars), each invocation a new JVM, so every figure is a cold start:

  first  the vendors' first run: it pulls the history and fills the table
  hourly an hour later: what every scheduled check costs from then on (the median of RUNS runs, each an hour on)

Per invocation: wall time (JVM start to exit), CPU seconds (user + system), peak RSS, and the DynamoDB requests it
made, counted by a proxy between the function and moto, with read and write request units as DynamoDB's on-demand
pricing counts them (item sizes by the rules of "Item sizes and formats"; 4 KB a read unit, half for an eventually
consistent read; 1 KB a write unit, an UpdateItem or DeleteItem counted at the size of the key and what it sets).

The cost model prices a month of hourly checks from these counts at the dated list prices below.
"""
import argparse
import contextlib
import datetime as dt
import http.client
import json
import re
import math
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bin" / "lib"))
OUT = ROOT / "target" / "bench" / "scale"

# List prices, us-east-1, read on 2026-12-01 from the AWS pricing pages (x86, no free tier).
PRICES = {
    "lambda_gb_second": 0.0000166667,
    "lambda_request": 0.20 / 1e6,
    "dynamodb_read_unit": 0.125 / 1e6,     # on-demand read request unit
    "dynamodb_write_unit": 0.625 / 1e6,    # on-demand write request unit
    "secrets_manager_secret_month": 0.40,
    "secrets_manager_call": 0.05 / 10_000,
    "cost_explorer_request": 0.01,
    "logs_ingest_gb": 0.50,
}
MEMORY_GB = 0.5          # template.yaml MemorySize default: 512 MB
LAMBDA_VCPU_AT_512 = 512 / 1769  # Lambda gives one vCPU at 1,769 MB, in proportion below
RUNS_PER_MONTH = 30 * 24  # hourly


# ---------------------------------------------------------------------------------------------------------------
# DynamoDB metering proxy

def attr_size(value):
    (kind, v), = value.items()
    if kind == "S":
        return len(v.encode())
    if kind == "N":
        return (len(v) + 1) // 2 + 1
    if kind in ("BOOL", "NULL"):
        return 1
    if kind == "B":
        return len(v) * 3 // 4
    if kind == "M":
        return 3 + sum(1 + len(k.encode()) + attr_size(x) for k, x in v.items())
    if kind == "L":
        return 3 + sum(1 + attr_size(x) for x in v)
    if kind in ("SS", "NS"):
        return sum(len(x) for x in v)
    return 0


def item_size(item):
    return sum(len(k.encode()) + attr_size(v) for k, v in item.items())


class Meter:
    def __init__(self):
        self.lock = threading.Lock()
        self.reset()

    def reset(self):
        self.calls, self.read_units, self.write_units, self.bytes_read = {}, 0.0, 0.0, 0

    def record(self, op, request, response):
        read = write = 0.0
        consistent = 1.0 if request.get("ConsistentRead") else 0.5
        if op == "GetItem":
            item = response.get("Item")
            read = math.ceil(max(item_size(item), 1) / 4096) * consistent if item else 0.5 * consistent * 2
        elif op == "Query":
            read = max(1, math.ceil(sum(item_size(i) for i in response.get("Items", [])) / 4096)) * consistent
        elif op == "PutItem":
            write = math.ceil(item_size(request["Item"]) / 1024)
        elif op in ("UpdateItem", "DeleteItem"):
            write = max(1, math.ceil((item_size(request.get("Key", {}))
                                      + len(json.dumps(request.get("ExpressionAttributeValues", {})))) / 1024))
        elif op == "BatchWriteItem":
            for writes in request.get("RequestItems", {}).values():
                for w in writes:
                    write += math.ceil(item_size(w["PutRequest"]["Item"]) / 1024) if "PutRequest" in w else 1
        elif op == "TransactWriteItems":
            for t in request.get("TransactItems", []):
                (kind, body), = t.items()
                size = item_size(body.get("Item", body.get("Key", {})))
                write += 2 * max(1, math.ceil(size / 1024))
        with self.lock:
            self.calls[op] = self.calls.get(op, 0) + 1
            self.read_units += read
            self.write_units += write
            self.bytes_read += len(json.dumps(response)) if op in ("GetItem", "Query") else 0


def start_proxy(target_port, meter):
    class Proxy(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, fmt, *args):
            pass

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            upstream = http.client.HTTPConnection("127.0.0.1", target_port, timeout=60)
            headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "content-length")}
            upstream.request("POST", self.path, body=body, headers=headers)
            answer = upstream.getresponse()
            data = answer.read()
            target = self.headers.get("X-Amz-Target", "")
            if target.startswith("DynamoDB_20120810.") and answer.status == 200:
                try:
                    meter.record(target.split(".", 1)[1], json.loads(body or b"{}"), json.loads(data or b"{}"))
                except (ValueError, KeyError):
                    pass
            self.send_response(answer.status)
            for k, v in answer.getheaders():
                if k.lower() not in ("content-length", "transfer-encoding", "connection"):
                    self.send_header(k, v)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            upstream.close()

    server = ThreadingHTTPServer(("127.0.0.1", 0), Proxy)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


# ---------------------------------------------------------------------------------------------------------------

FUNCTION = ROOT / "target" / "local-function"


def compile_invoker():
    classes = OUT / "invoke-classes"
    if not (classes / "LocalInvoke.class").exists():
        classes.mkdir(parents=True, exist_ok=True)
        function = FUNCTION
        subprocess.check_call(["javac", "-d", str(classes), "-cp", f"{function}:{function}/lib/*",
                               str(ROOT / "bin" / "lib" / "LocalInvoke.java")])
    return classes


def invoke(classes, env, jvm_options, name="function", event="scheduled.json"):
    function = FUNCTION
    java = shutil.which("java", path=os.path.join(os.environ["JAVA_HOME"], "bin")) \
        if os.environ.get("JAVA_HOME") else shutil.which("java")
    command = [java, *jvm_options, "-cp", f"{classes}:{function}:{function}/lib/*", "LocalInvoke",
               str(ROOT / "events" / event)]
    log_path = OUT / f"{name}.log"
    started = time.monotonic()
    with open(log_path, "w") as log, open(OUT / "report.json", "w") as report:
        process = subprocess.Popen(command, env=env, stdout=report, stderr=log)
        _, status, usage = os.wait4(process.pid, 0)
    wall = time.monotonic() - started
    report = json.loads((OUT / "report.json").read_text() or "{}")
    if os.waitstatus_to_exitcode(status) != 0 or "errorType" in report:
        sys.exit(f"the function failed: {report}; see {log_path}")
    bad = [v["vendor"] for v in report.get("vendors", []) if v["status"] != "ok" or v.get("usageError")]
    if bad:
        sys.exit(f"vendors {bad} were not read: {json.dumps(report['vendors'])[:2000]}")
    # LocalInvoke's line: the CPU of Lambda's Init phase (the handler's constructor boots Quarkus) and of the invocation
    phases = re.search(r"\[invoke\] init-cpu-ms=(\d+) handler-cpu-ms=(\d+) handler-wall-ms=(\d+)", log_path.read_text())
    if not phases:
        sys.exit(f"no [invoke] line in {log_path}")
    warm = re.findall(r"\[invoke-warm\] handler-cpu-ms=(\d+) handler-wall-ms=(\d+)", log_path.read_text())
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mb": usage.ru_maxrss / 1024,
            "log_bytes": log_path.stat().st_size, "init_cpu": int(phases[1]) / 1000,
            "check_cpu": int(phases[2]) / 1000, "check_wall": int(phases[3]) / 1000,
            "warm_cpu": statistics.median(int(c) / 1000 for c, _ in warm) if warm else None,
            "warm_wall": statistics.median(int(w) / 1000 for _, w in warm) if warm else None}


@contextlib.contextmanager
def demo_world(now):
    """A fresh moto (DynamoDB behind the metering proxy), the DEMO vendors at `now`, and the function's environment
    against both: (aws clients, env, meter, moto endpoint, vendors' base URL). Everything stops on leaving."""
    import local_check
    import demo_vendors
    local_check.OUT.mkdir(parents=True, exist_ok=True)
    moto, endpoint = local_check.start_moto()
    meter = Meter()
    demo, base_url = demo_vendors.start(now.date(), now)
    proxy, proxy_url = start_proxy(int(endpoint.rsplit(":", 1)[1]), meter)
    try:
        aws = local_check.clients(endpoint)
        yield aws, demo_env(aws, base_url, endpoint, proxy_url), meter, endpoint, base_url
    finally:
        proxy.shutdown()
        demo.shutdown()
        moto.kill()
        moto.wait()


def demo_env(aws, base_url, endpoint, proxy_url):
    """The function's environment against moto (DynamoDB through the metering proxy) and the DEMO vendors, all six
    configured, with the table, topic and secret created."""
    import local_check
    keys = {"openai": "sk-admin-DEMO", "anthropic": "sk-ant-admin01-DEMO", "openrouter": "sk-or-DEMO",
            "azureClientSecret": "DEMO", "googleServiceAccount": local_check.demo_service_account(base_url)}
    topic, _ = local_check.create_resources(aws, keys)
    env = dict(os.environ)
    for client in ("OPENAI", "ANTHROPIC", "OPENROUTER", "AZURE", "AZURE_LOGIN", "BIGQUERY"):
        env[f"QUARKUS_REST_CLIENT_{client}_URL"] = base_url
    env.update({
        "BURNRATE_BEDROCK_ENABLED": "true", "BURNRATE_AZURE_SCOPE": "subscriptions/DEMO-subscription",
        "BURNRATE_AZURE_TENANT_ID": "DEMO-tenant", "BURNRATE_AZURE_CLIENT_ID": "DEMO-client",
        "BURNRATE_GOOGLE_BILLING_TABLE": "demo-project.billing.gcp_billing_export_v1_DEMO",
        "AWS_REGION": local_check.REGION, "AWS_ACCESS_KEY_ID": "local", "AWS_SECRET_ACCESS_KEY": "local",
        "BURNRATE_TABLE": local_check.TABLE, "BURNRATE_BUDGETS": "total=100000",
        "BURNRATE_SECRETS_SECRET_ID": local_check.SECRET, "BURNRATE_NOTIFY_SNS_TOPIC_ARN": topic,
        "BURNRATE_AWS_ENDPOINT_OVERRIDE": endpoint, "BURNRATE_AWS_REGION": local_check.REGION,
        "QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE": proxy_url, "QUARKUS_DYNAMODB_AWS_REGION": local_check.REGION,
        "QUARKUS_LOG_CONSOLE_STDERR": "true",
    })
    return env


def scenario(lines, history, runs, jvm_options, classes):
    import local_check
    import demo_vendors
    os.environ["BURNRATE_DEMO_LINES"] = str(lines)
    demo_vendors.SCALE_LINES = lines
    now = dt.datetime(2026, 11, 18, 9, 0, tzinfo=dt.timezone.utc)
    with demo_world(now) as (aws, env, meter, endpoint, base_url):
        env.update({"BURNRATE_COLLECT_HISTORY_MONTHS": str(history), "BURNRATE_COLLECT_VENDOR_TIMEOUT": "600s",
                    "BURNRATE_FIXED_NOW": now.strftime("%Y-%m-%dT%H:%M:%SZ")})
        results = {}
        # Cost Explorer answers from moto's queue: one answer for every Bedrock call (every 8 h: the first run only)
        local_check.queue_demo_cost_explorer(endpoint, now.date())
        meter.reset()
        first = invoke(classes, env, jvm_options, f"first-{lines}-{history}")
        first.update(calls=dict(meter.calls), read_units=meter.read_units, write_units=meter.write_units,
                     bytes_read=meter.bytes_read)
        results["first"] = first
        hourly = []
        for run in range(runs):
            env["BURNRATE_FIXED_NOW"] = (now + dt.timedelta(hours=run + 1)).strftime("%Y-%m-%dT%H:%M:%SZ")
            meter.reset()
            one = invoke(classes, env, jvm_options, f"hourly-{lines}-{history}-{run + 1}")
            one.update(calls=dict(meter.calls), read_units=meter.read_units, write_units=meter.write_units,
                       bytes_read=meter.bytes_read)
            hourly.append(one)
        results["hourly"] = {k: statistics.median(h[k] for h in hourly) for k in
                             ("wall", "cpu", "rss_mb", "read_units", "write_units", "bytes_read", "log_bytes",
                              "init_cpu", "check_cpu", "check_wall")}
        results["hourly"]["calls"] = hourly[len(hourly) // 2]["calls"]
        return results


PULSES_PER_MONTH = 30 * 24 * 12  # rate(5 minutes)
PRICES["cloudwatch_metric_requested"] = 0.01 / 1000   # GetMetricData, per metric requested
PRICES["cloudwatch_request"] = 0.01 / 1000            # ListMetrics and the other API requests


def pulse_scenario(runs, jvm_options, classes):
    """A vendor's first pulse (it reads four weeks of hourly history) and then RUNS pulses five minutes apart, each
    a new JVM, with all six vendors' DEMO minute-grain sources and Bedrock's in moto's CloudWatch."""
    import local_check
    import demo_vendors
    now = dt.datetime(2026, 11, 18, 9, 2, tzinfo=dt.timezone.utc)
    with demo_world(now) as (aws, env, meter, endpoint, base_url):
        local_check.put_demo_bedrock_minutes(aws, endpoint, now + dt.timedelta(minutes=5 * runs + 5), now.date())
        env.update({
            "BURNRATE_PULSE_ENABLED": "true", "QUARKUS_REST_CLIENT_MONITORING_URL": base_url,
            "BURNRATE_AZURE_OPENAI_ACCOUNTS": "/subscriptions/DEMO/resourceGroups/ai/providers/"
                                              "Microsoft.CognitiveServices/accounts/DEMO-openai",
            "BURNRATE_GOOGLE_MONITORING_PROJECT": "demo-project",
        })
        pulses = []
        for run in range(runs + 1):
            at = now + dt.timedelta(minutes=5 * run)
            demo_vendors._Handler.now = at
            env["BURNRATE_FIXED_NOW"] = at.strftime("%Y-%m-%dT%H:%M:%SZ")
            meter.reset()
            # each pulse a new JVM (a restore); after the first, the same pulse three more times warm in that JVM
            one = invoke(classes, env, jvm_options + ([] if run == 0 else ["-Dlocalinvoke.repeat=4"]), f"pulse-{run}",
                         event="pulse.json")
            one.update(calls=dict(meter.calls), read_units=meter.read_units, write_units=meter.write_units,
                       bytes_read=meter.bytes_read)
            pulses.append(one)
        steady = pulses[1:]
        result = {k: statistics.median(p[k] for p in steady) for k in
                  ("wall", "cpu", "rss_mb", "read_units", "write_units", "bytes_read", "log_bytes", "init_cpu",
                   "check_cpu", "check_wall", "warm_cpu", "warm_wall")}
        # the meter counted four pulses of each steady JVM: one pulse's share
        for key in ("read_units", "write_units", "bytes_read", "log_bytes"):
            result[key] /= 4
        result["calls"] = {op: n // 4 for op, n in steady[len(steady) // 2]["calls"].items()}
        return pulses[0], result


def pulse_monthly_cost(pulse, bedrock_models=1, secrets_manager=False, warm=True):
    """A month of pulses every 5 minutes, warm (a 5-minute schedule keeps the function warm) or each restored from
    SnapStart (the pulse alone is billed, with its class loading), Bedrock's CloudWatch read each pulse, the secret
    re-read every 10 minutes."""
    billed = max(pulse["warm_wall"], pulse["warm_cpu"] / LAMBDA_VCPU_AT_512) if warm \
        else max(pulse["check_wall"], pulse["check_cpu"] / LAMBDA_VCPU_AT_512)
    return {
        "Lambda compute": PULSES_PER_MONTH * billed * MEMORY_GB * PRICES["lambda_gb_second"],
        "Lambda requests": PULSES_PER_MONTH * PRICES["lambda_request"],
        "DynamoDB reads": PULSES_PER_MONTH * pulse["read_units"] * PRICES["dynamodb_read_unit"],
        "DynamoDB writes": PULSES_PER_MONTH * pulse["write_units"] * PRICES["dynamodb_write_unit"],
        "CloudWatch GetMetricData (2 metrics a Bedrock model)":
            PULSES_PER_MONTH * 2 * bedrock_models * PRICES["cloudwatch_metric_requested"],
        "CloudWatch ListMetrics": PULSES_PER_MONTH * PRICES["cloudwatch_request"],
        "Secrets Manager calls": (PULSES_PER_MONTH / 2 * PRICES["secrets_manager_call"]) if secrets_manager else 0.0,
        "CloudWatch Logs": PULSES_PER_MONTH * pulse["log_bytes"] / 1e9 * PRICES["logs_ingest_gb"],
    }, billed


def monthly_cost(hourly, bedrock_calls_per_month, secrets_reads_per_month, snapstart=False):
    """snapstart: only the invocation is billed (Init runs once a version, before the snapshot); Lambda's billed
    restore duration (loading the JVM, after-restore hooks) is not measurable here and not included."""
    billed_seconds = max(hourly["check_wall"], hourly["check_cpu"] / LAMBDA_VCPU_AT_512) if snapstart \
        else max(hourly["wall"], hourly["cpu"] / LAMBDA_VCPU_AT_512)
    lines = {
        "Lambda compute": RUNS_PER_MONTH * billed_seconds * MEMORY_GB * PRICES["lambda_gb_second"],
        "Lambda requests": RUNS_PER_MONTH * PRICES["lambda_request"],
        "DynamoDB reads": RUNS_PER_MONTH * hourly["read_units"] * PRICES["dynamodb_read_unit"],
        "DynamoDB writes": RUNS_PER_MONTH * hourly["write_units"] * PRICES["dynamodb_write_unit"],
        "Secrets Manager secret": PRICES["secrets_manager_secret_month"],
        "Secrets Manager calls": secrets_reads_per_month * PRICES["secrets_manager_call"],
        "Cost Explorer (Bedrock)": bedrock_calls_per_month * PRICES["cost_explorer_request"],
        "CloudWatch Logs": RUNS_PER_MONTH * hourly["log_bytes"] / 1e9 * PRICES["logs_ingest_gb"],
    }
    return lines, billed_seconds


def main():
    parser = argparse.ArgumentParser(prog="bench/scale", description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", default="5,100,1000,10000", help="OpenAI lines a day, comma separated")
    parser.add_argument("--history", default="3,6,12", help="months of history, comma separated")
    parser.add_argument("--runs", type=int, default=3, help="hourly checks measured per scenario (median)")
    parser.add_argument("--jvm", default="", help="JVM options for the function, e.g. -XX:TieredStopAtLevel=1")
    parser.add_argument("--json", help="also write the results to this file")
    parser.add_argument("--function", help="an unpacked function.zip to measure instead (e.g. an older build)")
    parser.add_argument("--pulse", action="store_true",
                        help="measure the pulse instead: a first pulse, then --runs pulses five minutes apart")
    args = parser.parse_args()
    global FUNCTION
    if args.function:
        FUNCTION = Path(args.function).resolve()
    OUT.mkdir(parents=True, exist_ok=True)
    classes = compile_invoker()
    jvm_options = args.jvm.split()
    if args.pulse:
        print("[bench] the pulse: all six vendors' DEMO minute-grain sources ...", file=sys.stderr, flush=True)
        first, pulse = pulse_scenario(args.runs, jvm_options, classes)
        print(f"The pulse, packaged function, each invocation a new JVM ({' '.join(jvm_options) or 'default JVM options'}"
              f"), all six vendors; steady = median of {args.runs} pulses five minutes apart:")
        print()
        print("| pulse | s | CPU s | of which Init | of which the pulse | pulse wall s | warm pulse CPU s "
              "| warm pulse wall s | RSS MB | DynamoDB calls | read units | write units |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for name, p in (("first (reads 4 weeks of hours)", first), ("steady", pulse)):
            warm = (f"{p['warm_cpu']:.2f} | {p['warm_wall']:.2f}" if p.get("warm_cpu") is not None else "- | -")
            print(f"| {name} | {p['wall']:.1f} | {p['cpu']:.1f} | {p['init_cpu']:.1f} | {p['check_cpu']:.2f} "
                  f"| {p['check_wall']:.2f} | {warm} | {p['rss_mb']:.0f} | {sum(p['calls'].values())} "
                  f"| {p['read_units']:.1f} | {p['write_units']:.1f} |")
        print()
        warm_lines, warm_billed = pulse_monthly_cost(pulse)
        restored_lines, restored_billed = pulse_monthly_cost(pulse, warm=False)
        print(f"Monthly cost of the pulse at rate(5 minutes), {PULSES_PER_MONTH:,} pulses at 512 MB (billed "
              "max(wall, CPU / 0.29 vCPU)), one Bedrock model, the secret in SSM; list prices of 2026-12-01, no free "
              "tier:")
        print()
        print(f"| per month | warm ({warm_billed:.2f} s a pulse) | each a SnapStart restore ({restored_billed:.2f} s) |")
        print("|---|---:|---:|")
        for item in warm_lines:
            print(f"| {item} | {warm_lines[item]:.4f} | {restored_lines[item]:.4f} |")
        print(f"| **total** | **{sum(warm_lines.values()):.2f}** | **{sum(restored_lines.values()):.2f}** |")
        print()
        print("Calls of one steady pulse: " + ", ".join(f"{k} {v}" for k, v in sorted(pulse["calls"].items())))
        return
    rows = []
    for lines in [int(x) for x in args.lines.split(",")]:
        for history in [int(x) for x in args.history.split(",")]:
            print(f"[bench] {lines} lines a day, {history} months of history ...", file=sys.stderr, flush=True)
            rows.append((lines, history, scenario(lines, history, args.runs, jvm_options, classes)))
    print(f"Packaged function {FUNCTION.relative_to(ROOT) if FUNCTION.is_relative_to(ROOT) else FUNCTION}, "
          f"{sum(f.stat().st_size for f in FUNCTION.rglob('*') if f.is_file()) / 1e6:.1f} MB unpacked; "
          f"each invocation a new JVM ({' '.join(jvm_options) or 'default JVM options'}); "
          f"hourly = median of {args.runs}")
    print()
    print("| lines/day | history | first run s | first CPU s | first RSS MB | hourly s | hourly CPU s "
          "| of which Init | of which check | hourly RSS MB | hourly DynamoDB calls | read units | write units | KB read |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for lines, history, r in rows:
        f, h = r["first"], r["hourly"]
        print(f"| {lines:,} | {history} mo | {f['wall']:.1f} | {f['cpu']:.1f} | {f['rss_mb']:.0f} | {h['wall']:.1f} "
              f"| {h['cpu']:.1f} | {h['init_cpu']:.1f} | {h['check_cpu']:.1f} | {h['rss_mb']:.0f} "
              f"| {sum(h['calls'].values())} | {h['read_units']:.0f} | {h['write_units']:.0f} "
              f"| {h['bytes_read'] / 1024:.0f} |")
    smallest = rows[0][2]["hourly"]
    print()
    print(f"Monthly cost of an hourly stack ({rows[0][0]} lines/day, {rows[0][1]} months), list prices of 2026-12-01, "
          "no free tier; Lambda billed at max(wall, CPU / 0.29 vCPU at 512 MB):")
    print()
    variants = (("Secrets Manager", 0, True, False), ("SSM SecureString", 0, False, False),
                ("SSM, with Bedrock (Cost Explorer every 8 h)", 30 * 3, False, False),
                ("SSM, SnapStart (the check only)", 0, False, True))
    costs = [monthly_cost(smallest, bedrock, RUNS_PER_MONTH if manager else 0, snapstart)[0]
             for _, bedrock, manager, snapstart in variants]
    for (_, _, manager, _), lines in zip(variants, costs):
        if not manager:
            lines["Secrets Manager secret"] = 0.0
    print("| per month | " + " | ".join(name for name, _, _, _ in variants) + " |")
    print("|---|" + "---:|" * len(variants))
    for item in costs[0]:
        print(f"| {item} | " + " | ".join(f"{c[item]:.4f}" for c in costs) + " |")
    print("| **total** | " + " | ".join(f"**{sum(c.values()):.2f}**" for c in costs) + " |")
    print()
    print("Calls of one hourly check: " + ", ".join(f"{k} {v}" for k, v in sorted(smallest["calls"].items())))
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1, default=str))


if __name__ == "__main__":
    main()
