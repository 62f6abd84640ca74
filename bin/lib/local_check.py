"""bin/burnrate check: one full check on this machine, no AWS account needed.

Starts moto (AWS on loopback) unless BURNRATE_MOTO_ENDPOINT names a running one, creates the table, topic,
verified sender and vendor-key secret the function expects, serves DEMO vendor data unless real admin keys
are in the environment (OPENAI_ADMIN_KEY, ANTHROPIC_ADMIN_KEY), invokes the packaged function
(target/function.zip) with an event file, prints the CheckReport, the SNS messages and writes the alert
e-mails as HTML files.
"""
import argparse
import datetime as dt
import decimal
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "target" / "burnrate-local"
REGION = "us-east-1"
TABLE = "burnrate-local"
TOPIC = "burnrate-local-alerts"
SECRET = "burnrate/secrets"
SENDER = "burnrate@example.com"
RECIPIENT = "you@example.com"
STACK = "burnrate-local"
APPROVE_URL = "https://contain-DEMO.lambda-url.us-east-1.on.aws/"


def log(message):
    print(f"[burnrate] {message}", file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ensure_moto():
    try:
        import boto3  # noqa: F401
        import moto.server  # noqa: F401
        return
    except ImportError:
        log("moto is not installed; installing moto[server] with pip (once)")
        subprocess.check_call([sys.executable, "-m", "pip", "install", "--quiet", "moto[server]"])


def start_moto():
    port = free_port()
    logfile = open(OUT / "moto.log", "w")
    process = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
                               stdout=logfile, stderr=subprocess.STDOUT)
    endpoint = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        if process.poll() is not None:
            sys.exit(f"moto exited with {process.returncode}; see {OUT / 'moto.log'}")
        try:
            urllib.request.urlopen(endpoint + "/moto-api/", timeout=1)
            return process, endpoint
        except OSError:
            time.sleep(0.2)
    process.kill()
    sys.exit("moto did not start within 60 s")


def clients(endpoint):
    import boto3
    kw = dict(endpoint_url=endpoint, region_name=REGION, aws_access_key_id="local", aws_secret_access_key="local")
    return {name: boto3.client(name, **kw) for name in ("dynamodb", "sns", "sqs", "sesv2", "secretsmanager")}


def create_resources(aws, keys):
    if TABLE not in aws["dynamodb"].list_tables()["TableNames"]:
        aws["dynamodb"].create_table(
            TableName=TABLE, BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                  {"AttributeName": "sk", "AttributeType": "S"}],
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}])
    topic = aws["sns"].create_topic(Name=TOPIC)["TopicArn"]
    queue = aws["sqs"].create_queue(QueueName=TOPIC + "-inbox")["QueueUrl"]
    queue_arn = aws["sqs"].get_queue_attributes(QueueUrl=queue, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    aws["sns"].subscribe(TopicArn=topic, Protocol="sqs", Endpoint=queue_arn)
    aws["sesv2"].create_email_identity(EmailIdentity=SENDER)
    try:
        aws["secretsmanager"].create_secret(Name=SECRET, SecretString=json.dumps(keys))
    except aws["secretsmanager"].exceptions.ResourceExistsException:
        aws["secretsmanager"].put_secret_value(SecretId=SECRET, SecretString=json.dumps(keys))
    return topic, queue


def demo_service_account(base_url):
    """A Google service-account key made on the spot (the DEMO token endpoint does not check signatures)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption()).decode()
    return json.dumps({"type": "service_account", "project_id": "demo-project", "private_key_id": "DEMO",
                       "private_key": pem, "client_email": "burnrate-demo@demo-project.iam.gserviceaccount.com",
                       "client_id": "1", "token_uri": base_url + "/token"})


def queue_demo_cost_explorer(endpoint, today):
    """moto answers Cost Explorer from a queue: put the DEMO Bedrock months in it."""
    sys.path.insert(0, str(Path(__file__).parent))
    import demo_vendors
    today = today or dt.datetime.now(dt.timezone.utc).date()
    start = (today.replace(day=1) - dt.timedelta(days=62)).replace(day=1)
    results = demo_vendors.bedrock_results(start, today + dt.timedelta(1), today)
    request = urllib.request.Request(endpoint + "/moto-api/static/ce/cost-and-usage-results", method="POST",
                                     data=json.dumps({"results": [{"ResultsByTime": results}]}).encode(),
                                     headers={"Content-Type": "application/json"})
    urllib.request.urlopen(request).read()


def put_demo_bedrock_minutes(aws, endpoint, now, today):
    """Bedrock's DEMO CloudWatch metrics in moto: four weeks of hours, then minutes, as Bedrock publishes them."""
    sys.path.insert(0, str(Path(__file__).parent))
    import boto3
    import demo_vendors
    from botocore.config import Config
    # botocore gzips PutMetricData bodies, which moto's server does not unpack
    cloudwatch = boto3.client("cloudwatch", endpoint_url=endpoint, region_name=REGION, aws_access_key_id="local",
                              aws_secret_access_key="local", config=Config(disable_request_compression=True))
    start = dt.datetime.combine((now - dt.timedelta(days=28)).date(), dt.time(), dt.timezone.utc)
    model = demo_vendors.PULSE_MODELS["bedrock"][1]
    data = []
    for at, _minutes, tokens_in, tokens_out in demo_vendors.bedrock_minutes(start, now, today or now.date()):
        for name, value in (("InputTokenCount", tokens_in), ("OutputTokenCount", tokens_out),
                            ("Invocations", max(1, tokens_in // 4000))):
            data.append({"MetricName": name, "Timestamp": at, "Value": float(value),
                         "Dimensions": [{"Name": "ModelId", "Value": model}]})
    for i in range(0, len(data), 900):
        cloudwatch.put_metric_data(Namespace="AWS/Bedrock", MetricData=data[i:i + 900])


def function_dir():
    target = ROOT / "target" / "local-function"
    if not (target / "lib").is_dir():
        sys.exit("target/local-function is missing; run this through bin/burnrate check, which unpacks function.zip")
    return target


def invoke(function_dir, event, env):
    java = shutil.which("java", path=os.path.join(os.environ["JAVA_HOME"], "bin")) \
        if os.environ.get("JAVA_HOME") else shutil.which("java")
    classpath = os.pathsep.join([str(function_dir), str(function_dir / "lib" / "*")])
    command = [java, "-cp", classpath, str(ROOT / "bin" / "lib" / "LocalInvoke.java"), str(event)]
    result = subprocess.run(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    (OUT / "function.log").write_text(result.stderr)
    return result.returncode, result.stdout.strip(), result.stderr


# The vendor ids the function knows (budgets name them); the function's own check at start-up is the authority,
# this list only lets a typo fail in a second instead of after the build and a JVM start.
VENDORS = ("anthropic", "azure", "bedrock", "google", "openai", "openrouter")

USAGE_EPILOG = """options:
  --budget USD            one budget for all vendors together (default 3000)
  --budgets "SPEC"        budgets as in template.yaml: 'total=3000; openai=2000; openai/proj_abc=500 chatbot'
  --event FILE            the event to invoke with (default events/scheduled.json; events/manual-check.json is a
                          dry run, events/manual-asof.json a replay of the ledger as of its asOf)
  --now INSTANT           pretend it is then, DEMO only: 2026-11-18T09:00:00Z, or a day (2026-11-18, taken as 12:00 UTC)
  --runaway [VENDOR]      a DEMO retry loop: with the hourly check, OpenAI's in the last complete hour; with
                          --event events/pulse.json, VENDOR's (default openai; any of the six) at 30 times its usual
                          rate for the last 12 minutes, and the pulse runs twice, five minutes apart: you get the
                          runaway alert from the pulse
  --contain               with --runaway: containment on (ContainmentPolicies openai=suggest), then end to end: the
                          proposal's link opened and approved (the DEMO project's hard spend limit is set), and
                          undone with bin/burnrate contain's request (the limit is put back)
With OPENAI_ADMIN_KEY and/or ANTHROPIC_ADMIN_KEY set it reads your real spend from those vendors."""


class ArgumentError(Exception):
    pass


class Parser(argparse.ArgumentParser):
    def error(self, message):
        raise ArgumentError(message)


def parse_now(value):
    """An ISO-8601 instant (Z or an offset) or a day; returned as an instant in UTC, ...Z."""
    text = value.strip()
    try:
        if len(text) == 10:
            day = dt.date.fromisoformat(text)
            return dt.datetime(day.year, day.month, day.day, 12, tzinfo=dt.timezone.utc)
        at = dt.datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise ArgumentError(f"--now '{value}' is not an instant or a day; write 2026-11-18T09:00:00Z or 2026-11-18")
    if at.tzinfo is None:
        raise ArgumentError(f"--now '{value}' has no time zone; write it in UTC with a Z, e.g. 2026-11-18T09:00:00Z")
    return at.astimezone(dt.timezone.utc)


def check_amount(text, what):
    try:
        amount = decimal.Decimal(text.strip().lstrip("$"))
    except decimal.InvalidOperation:
        raise ArgumentError(f"{what} '{text}' is not a USD amount like 3000 or 2500.50")
    if not amount.is_finite() or amount <= 0:
        raise ArgumentError(f"{what} must be above zero, got {text}")


def check_budgets(spec):
    entries = [e.strip() for e in spec.split(";") if e.strip()]
    if not entries:
        raise ArgumentError("--budgets is empty; write e.g. 'total=3000; openai=2000'")
    for number, entry in enumerate(entries, 1):
        scope, eq, rest = entry.partition("=")
        if not eq or not scope.strip():
            raise ArgumentError(f"--budgets entry {number} (\"{entry}\") must be SCOPE=USD, e.g. openai=2000")
        vendor = scope.strip().split("/", 1)[0]
        if scope.strip() != "total" and vendor not in VENDORS:
            raise ArgumentError(f"--budgets entry {number} (\"{entry}\"): unknown vendor '{vendor}'; known vendors: "
                                + ", ".join(VENDORS) + ", or 'total' for all vendors together")
        amount = (rest.strip().split() or [""])[0]
        check_amount(amount, f"--budgets entry {number} (\"{entry}\") amount")


def parse_args(argv):
    parser = Parser(prog="bin/burnrate check", add_help=False, usage="bin/burnrate check [options]",
                    description="One full check on this machine: moto as AWS, DEMO vendors unless real keys are set.",
                    epilog=USAGE_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-h", "--help", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--check-args", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--event", default="events/scheduled.json", help=argparse.SUPPRESS)
    parser.add_argument("--budget", default="3000", help=argparse.SUPPRESS)
    parser.add_argument("--now", help=argparse.SUPPRESS)
    parser.add_argument("--runaway", nargs="?", const="openai", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--budgets", default=os.environ.get("BURNRATE_BUDGETS"), help=argparse.SUPPRESS)
    parser.add_argument("--contain", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.help:
        parser.print_help()
        sys.exit(0)
    event = (ROOT / args.event) if not os.path.isabs(args.event) else Path(args.event)
    if not event.is_file():
        raise ArgumentError(f"--event {args.event}: no such file")
    try:
        args.event_body = json.loads(event.read_text())
    except ValueError as e:
        raise ArgumentError(f"--event {args.event} is not JSON: {e}")
    args.event_path = event
    if args.budgets:
        check_budgets(args.budgets)
    else:
        check_amount(args.budget, "--budget")
    args.now_at = parse_now(args.now) if args.now else None
    real = os.environ.get("OPENAI_ADMIN_KEY") or os.environ.get("ANTHROPIC_ADMIN_KEY")
    if args.runaway and args.runaway not in VENDORS:
        raise ArgumentError(f"--runaway {args.runaway}: unknown vendor; one of " + ", ".join(VENDORS))
    args.pulse = isinstance(args.event_body, dict) and args.event_body.get("pulse") is True
    if args.runaway and args.runaway != "openai" and not args.pulse:
        raise ArgumentError(f"--runaway {args.runaway} needs --event events/pulse.json: the hourly check's DEMO "
                            "loop is OpenAI's")
    if real and args.runaway:
        raise ArgumentError("--runaway works with DEMO data only (unset OPENAI_ADMIN_KEY and ANTHROPIC_ADMIN_KEY)")
    if real and args.now:
        raise ArgumentError("--now works with DEMO data only: real vendors report real days")
    if args.contain and (real or args.runaway != "openai" or args.pulse):
        raise ArgumentError("--contain shows containment on the DEMO OpenAI retry loop: use it with --runaway and the "
                            "hourly check, without OPENAI_ADMIN_KEY or ANTHROPIC_ADMIN_KEY")
    return args


def main():
    try:
        args = parse_args(sys.argv[1:])
    except ArgumentError as e:
        print(f"bin/burnrate check: {e}\nRun bin/burnrate check --help for the options.", file=sys.stderr)
        sys.exit(2)
    if args.check_args:
        return
    event = args.event_path
    as_of = args.event_body.get("asOf") if isinstance(args.event_body, dict) else None

    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("alert-email-*.html"):
        old.unlink()
    ensure_moto()
    function = function_dir()

    real_keys = {vendor: os.environ[var] for vendor, var in
                 (("openai", "OPENAI_ADMIN_KEY"), ("anthropic", "ANTHROPIC_ADMIN_KEY")) if os.environ.get(var)}
    env = dict(os.environ)
    demo = None
    demo_today = None
    if real_keys:
        log("using real vendor admin keys from the environment: " + ", ".join(sorted(real_keys)))
        keys = real_keys
    else:
        sys.path.insert(0, str(Path(__file__).parent))
        import demo_vendors
        demo_now = args.now_at
        if as_of:
            # a replay needs a ledger filled as it was then: the DEMO serves that day, and a check at asOf fills it
            demo_now = parse_now(as_of)
        demo_today = demo_now.date() if demo_now else None
        pulse_at = (args.now_at or dt.datetime.now(dt.timezone.utc)).replace(microsecond=0) if args.pulse else None
        demo, base_url = demo_vendors.start(demo_today, demo_now, runaway=args.runaway,
                                            loop_since=pulse_at - dt.timedelta(minutes=demo_vendors.PULSE_LOOP_MINUTES)
                                            if pulse_at and args.runaway else None)
        keys = {"openai": "sk-admin-DEMO", "anthropic": "sk-ant-admin01-DEMO", "openrouter": "sk-or-DEMO",
                "azureClientSecret": "DEMO", "googleServiceAccount": demo_service_account(base_url)}
        for client in ("OPENAI", "ANTHROPIC", "OPENROUTER", "AZURE", "AZURE_LOGIN", "BIGQUERY", "MONITORING"):
            env[f"QUARKUS_REST_CLIENT_{client}_URL"] = base_url
        env.update({"BURNRATE_BEDROCK_ENABLED": "true", "BURNRATE_AZURE_SCOPE": "subscriptions/DEMO-subscription",
                    "BURNRATE_AZURE_TENANT_ID": "DEMO-tenant", "BURNRATE_AZURE_CLIENT_ID": "DEMO-client",
                    "BURNRATE_GOOGLE_BILLING_TABLE": "demo-project.billing.gcp_billing_export_v1_DEMO",
                    "BURNRATE_AZURE_OPENAI_ACCOUNTS": "/subscriptions/DEMO/resourceGroups/ai/providers/"
                                                      "Microsoft.CognitiveServices/accounts/DEMO-openai",
                    "BURNRATE_GOOGLE_MONITORING_PROJECT": "demo-project"})
        if args.pulse:
            env["BURNRATE_PULSE_ENABLED"] = "true"
        if args.contain:
            import secrets as random
            keys.update({"containmentSigningKey": random.token_urlsafe(32), "openaiContainKey": "sk-admin-DEMO-write"})
            env.update({"BURNRATE_CONTAINMENT_POLICIES": "openai=suggest", "BURNRATE_CONTAINMENT_STACK_NAME": STACK,
                        "BURNRATE_CONTAINMENT_APPROVE_URL": APPROVE_URL})
        log("no OPENAI_ADMIN_KEY or ANTHROPIC_ADMIN_KEY set: serving DEMO data for six vendors (not your spend) at "
            + base_url)

    budgets = args.budgets or f"total={args.budget}"
    moto = None
    endpoint = os.environ.get("BURNRATE_MOTO_ENDPOINT")
    if not endpoint:
        moto, endpoint = start_moto()
        log(f"moto (local AWS) started at {endpoint}")
    try:
        aws = clients(endpoint)
        topic, queue = create_resources(aws, keys)
        if demo:
            queue_demo_cost_explorer(endpoint, demo_today)
        env.update({
            "AWS_REGION": REGION, "AWS_ACCESS_KEY_ID": "local", "AWS_SECRET_ACCESS_KEY": "local",
            "BURNRATE_TABLE": TABLE,
            "BURNRATE_BUDGETS": budgets,
            "BURNRATE_SECRETS_SECRET_ID": SECRET,
            "BURNRATE_NOTIFY_SNS_TOPIC_ARN": topic,
            "BURNRATE_NOTIFY_EMAIL_FROM": SENDER,
            "BURNRATE_NOTIFY_EMAIL_TO": RECIPIENT,
            "BURNRATE_AWS_ENDPOINT_OVERRIDE": endpoint,
            "BURNRATE_AWS_REGION": REGION,
            "QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE": endpoint,
            "QUARKUS_DYNAMODB_AWS_REGION": REGION,
            "QUARKUS_LOG_CONSOLE_STDERR": "true",
            # EMF metric lines (BURNRATE_METRICS_ENABLED=true) go with the log, not into the report on stdout
            "QUARKUS_LOG_HANDLER_CONSOLE__EMF__STDERR": "true",
        })
        if args.now_at:
            env["BURNRATE_FIXED_NOW"] = iso(args.now_at)
        emails_before = 0
        if as_of and demo:
            fill = dict(env, BURNRATE_FIXED_NOW=iso(parse_now(as_of)))
            log(f"{args.event} replays the ledger as of {as_of}: first a scheduled check at that instant fills the "
                "local ledger with what the DEMO vendors reported then")
            status, stdout, stderr = invoke(function, ROOT / "events" / "scheduled.json", fill)
            if status != 0:
                fail(stdout, stderr)
            aws["sqs"].purge_queue(QueueUrl=queue)
            emails_before = len(json.load(urllib.request.urlopen(endpoint + "/moto-api/data.json"))
                                .get("ses", {}).get("Message", []))
            if not args.now_at:
                env["BURNRATE_FIXED_NOW"] = iso(parse_now(as_of) + dt.timedelta(days=1))
        if args.pulse and demo:
            # the pulse twice, five minutes apart (OpenRouter's running total is differenced from one to the next)
            put_demo_bedrock_minutes(aws, endpoint, pulse_at, demo_today)
            first = pulse_at - dt.timedelta(minutes=5)
            demo_vendors._Handler.now = first
            log(f"invoking the packaged function with {args.event} at {iso(first)}, then at {iso(pulse_at)}"
                + (f"; DEMO {args.runaway} loops at {demo_vendors.PULSE_LOOP}x since "
                   f"{iso(demo_vendors._Handler.loop_since)}" if args.runaway else ""))
            status, stdout, stderr = invoke(function, event, dict(env, BURNRATE_FIXED_NOW=iso(first)))
            if status != 0:
                fail(stdout, stderr)
            demo_vendors._Handler.now = pulse_at
            env["BURNRATE_FIXED_NOW"] = iso(pulse_at)
        else:
            log(f"invoking the packaged function with {args.event} (budgets: {budgets})")
        status, stdout, stderr = invoke(function, event, env)
        if status != 0:
            fail(stdout, stderr)
        report = json.loads(stdout, parse_float=decimal.Decimal)
        if demo:
            print("=== DEMO DATA: made-up spend of six AI vendors, not yours ===")
        print(stdout)
        messages = summarize(aws, queue, endpoint, report, emails_before)
        if args.contain:
            contain_end_to_end(function, env, aws, queue, messages)
    finally:
        if moto:
            moto.terminate()
        if demo:
            demo.shutdown()


def iso(at):
    return at.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def fail(stdout, stderr):
    """The function failed: its own error in one line (a configuration error names the key), the log's place."""
    if stdout:
        print(stdout)
    lines = stderr.strip().splitlines()
    reason = next((line for line in lines if "burnrate." in line and ("ERROR" in line or "Exception" in line)), None) \
        or next((line for line in reversed(lines) if "ERROR" in line), None) or (lines[-1] if lines else "no output")
    reason = reason.split(": ", 1)[-1] if "ERROR" in reason and ": " in reason else reason
    sys.exit(f"bin/burnrate check: the function failed: {reason.strip()}\n  its whole log: {OUT / 'function.log'}")


def sns_messages(aws, queue):
    """Every SNS message in the local inbox, oldest first; read once (they are deleted)."""
    messages = []
    while True:
        batch = aws["sqs"].receive_message(QueueUrl=queue, MaxNumberOfMessages=10).get("Messages", [])
        if not batch:
            return messages
        for message in batch:
            messages.append(json.loads(message["Body"]))
            aws["sqs"].delete_message(QueueUrl=queue, ReceiptHandle=message["ReceiptHandle"])


def contain_end_to_end(function, env, aws, queue, messages):
    """The proposal's link opened (a page that asks), approved (POST), then undone through the CLI's request."""
    import base64
    import re
    import urllib.parse
    sys.path.insert(0, str(Path(__file__).parent))
    import contain
    import demo_vendors
    print()
    print("=== Containment end to end (ContainmentPolicies openai=suggest; DEMO OpenAI's hard spend limits) ===")
    proposal = next((m for m in messages if m.get("Subject", "").startswith("[burnrate] Approve? Contain")), None)
    if proposal is None:
        sys.exit("bin/burnrate check --contain: the check proposed no containment; its report above says why")
    token = re.search(r"[?&]t=(v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)", proposal["Message"]).group(1)
    project = re.search(r"Contain OpenAI project (\S+)", proposal["Subject"]).group(1)

    def limit():
        cents = demo_vendors._Handler.spend_limits.get(project)
        return "none" if cents is None else f"${cents / 100:,.2f} a month"

    def run(name, event):
        path = OUT / f"event-{name}.json"
        path.write_text(json.dumps(event))
        status, stdout, stderr = invoke(function, path, env)
        if status != 0:
            fail(stdout, stderr)
        return json.loads(stdout)

    def link(method):
        event = json.loads((ROOT / "events" / "contain-approve-link.json").read_text())
        event["requestContext"]["http"]["method"] = method
        if method == "GET":
            event["rawQueryString"] = "t=" + token
            event["queryStringParameters"] = {"t": token}
        else:
            event["rawQueryString"] = ""
            event.pop("queryStringParameters", None)
            event["isBase64Encoded"] = True
            event["body"] = base64.b64encode(("t=" + urllib.parse.quote(token)).encode()).decode()
        answer = run("link-" + method.lower(), event)
        title = re.search(r"<h1[^>]*>(.*?)</h1>", answer["body"], re.S)
        return f"HTTP {answer['statusCode']}: {title.group(1).strip() if title else answer['body'][:80]}"

    def show(step):
        print(f"{step}; DEMO {project} hard spend limit: {limit()}")
        for message in sns_messages(aws, queue):
            print(f"  SNS message: {message.get('Subject')}")

    print(f"SNS message: {proposal['Subject']}")
    print(f"  its link: {APPROVE_URL}?t={token[:16]}...")
    show("1. proposed")
    show(f"2. GET the link (a page that asks once more; mail scanners that open links act on nothing): {link('GET')}")
    show(f"3. POST the page's button: {link('POST')}")
    action = re.search(r"contain approve (c[a-z2-7]{12})", proposal["Message"]).group(1)
    print(f"4. bin/burnrate contain undo {action} --stack {STACK} (here: its request to the function):")
    answer = run("contain-undo", contain.command_event("undo", action, "arn:aws:iam::123456789012:user/DEMO-operator"))
    lines, _ = contain.answer_lines(answer)
    print("\n".join("     " + line for line in lines))
    show("   undone")


def summarize(aws, queue, endpoint, report, emails_before=0):
    sys.path.insert(0, str(Path(__file__).parent))
    import status
    print()
    pulse = report.get("trigger") == "pulse"
    if pulse:
        print(f"Pulse at {report['runAt']} in {report['tookMs']} ms (minute-grain usage, vendors in parallel):")
        for vendor in report["vendors"]:
            runaway = vendor.get("runaway")
            print(f"  {vendor['vendor']}: {vendor['status']}"
                  + (f" - {vendor['error']}" if vendor.get("error") else
                     f"; ${vendor['last15MinUsd']} in the last 15 min, ${vendor['lastHourUsd']} in the hour before")
                  + (f"; RUNAWAY since {runaway['since']}" if runaway else ""))
    for budget in report.get("budgets", []):
        print(status.budget_line(budget, report["asOf"]))
    if pulse:
        pass
    elif report["asOf"] != report["runAt"]:
        print(f"Replayed the stored ledger as of {report['asOf']} (no vendor was called):")
    else:
        print(f"Collected in {report['collectMs']} ms (vendors in parallel):")
    for vendor in [] if pulse else report["vendors"]:
        usage, runaway = vendor.get("usage"), vendor.get("runaway")
        print(f"  {vendor['vendor']}: {vendor['status']}" + ("" if vendor["status"] == "stored" else f", {vendor['tookMs']} ms")
              + (f" - {vendor['error']}" if vendor.get("error") else "")
              + (f"; {usage['inputTokens']:,} input / {usage['outputTokens']:,} output tokens this month"
                 if usage else "")
              + (f"; usage not read: {vendor['usageError']}" if vendor.get("usageError") else "")
              + (f"; RUNAWAY since {runaway['since']}: ${runaway['lastHourUsd']} in the last hour "
                 f"(normally ${runaway['baselineUsd']})" if runaway else ""))
    messages = sns_messages(aws, queue)
    if pulse:
        # the first pulse's messages are in the queue too: say which pulse sent them
        print(f"(the SNS messages below are both pulses'; this one delivered {len(report['alerts'])} "
              "(one per alert and channel))")
    for body in messages:
        print(f"SNS message: {body.get('Subject')}")
    data = json.load(urllib.request.urlopen(endpoint + "/moto-api/data.json"))
    emails = data.get("ses", {}).get("Message", [])[emails_before:]
    for index, email in enumerate(emails, 1):
        path = OUT / f"alert-email-{index}.html"
        path.write_text(email["body"])
        print(f"E-mail to {', '.join(email['destinations'].get('ToAddresses', []))}: {email['subject']}")
        print(f"  open {path}")
    if not messages and not emails:
        print("No alert was sent (none was due, or this was a dry run).")
    if not pulse and report["asOf"] == report["runAt"]:
        stored, alerts, runaways = status.read(aws["dynamodb"], TABLE, None)
        run_at = dt.datetime.fromisoformat(report["runAt"].replace("Z", "+00:00"))
        print()
        print(f"bin/burnrate status --table {TABLE} (what a deployed stack shows; here the local moto's table):")
        print("\n".join("  " + line for line in status.status_lines(stored, alerts, runaways, run_at)))
    return messages


if __name__ == "__main__":
    main()
