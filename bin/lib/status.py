"""bin/burnrate status: what a deployed burnrate knows right now, read from its DynamoDB table.

Reads, with your AWS credentials (the usual AWS_PROFILE / AWS_REGION / environment), the table of a stack
(--stack, through its LedgerTableName output) or a table by name (--table), and prints each budget's month to
date, forecast and crossing day with a small chart of the month, each vendor's freshness, the open alerts and
the runaway episodes. It only reads: GetItem and Query on the table, DescribeStacks for --stack.
"""
import argparse
import datetime as dt
import decimal
import json
import math
import os
import sys

import aws_cli

BLOCKS = " ▁▂▃▄▅▆▇█"


StatusError = aws_cli.CliError
PROG = "bin/burnrate status"


def money(value):
    if value is None:
        return "-"
    return f"${decimal.Decimal(str(value)):,.2f}"


def ago(instant, now):
    if not instant:
        return "never"
    at = dt.datetime.fromisoformat(instant.replace("Z", "+00:00"))
    minutes = int((now - at).total_seconds() // 60)
    if minutes < 0:
        return at.strftime("%b %d %H:%M UTC")
    if minutes < 120:
        return f"{minutes} min ago"
    if minutes < 48 * 60:
        return f"{minutes // 60} h ago"
    return f"{minutes // (24 * 60)} days ago"


def chart(daily, budget_usd, days_in_month, p50):
    """Spend per day as blocks (tallest = the month's largest day); the days to come as dots, then a burn-up bar."""
    values = [decimal.Decimal(str(v)) for v in daily]
    top = max(values + [decimal.Decimal("0.01")])
    bars = "".join(BLOCKS[max(1, min(8, math.ceil(v / top * 8)))] if v > 0 else ("-" if v < 0 else "_")
                   for v in values)
    bars += "·" * max(0, days_in_month - len(values))
    width = days_in_month
    spent = sum(values)
    scale = max(decimal.Decimal(str(budget_usd)), decimal.Decimal(str(p50 or 0)), spent) or decimal.Decimal(1)
    filled = int(round(spent / scale * width))
    forecast = int(round(decimal.Decimal(str(p50)) / scale * width)) if p50 is not None else filled
    mark = min(width - 1, int(round(decimal.Decimal(str(budget_usd)) / scale * width)) - 1)
    burn = ["#" if i < filled else ("=" if i < forecast else " ") for i in range(width)]
    burn[max(0, mark)] = "|"
    return bars, "".join(burn)


def budget_line(budget, as_of):
    """One budget in a line: spend so far of the budget, the forecast, and when it was or will be crossed."""
    forecast = budget.get("forecast") or {}
    share = decimal.Decimal(str(budget["monthToDateUsd"])) / decimal.Decimal(str(budget["budgetUsd"])) * 100
    line = (f"{budget['name']} ({budget['id']}): {money(budget['monthToDateUsd'])} of "
            f"{money(budget['budgetUsd'])} ({share:.0f}%)")
    if forecast.get("p50Usd") is None:
        return line + "; no forecast yet" + (f" ({forecast['note']})" if forecast.get("note") else "")
    line += f"; forecast {money(forecast['p50Usd'])} (P90 {money(forecast['p90Usd'])})"
    crossing = forecast.get("crossingDate")
    if not crossing:
        return line + "; does not cross this month at this pace"
    return line + ("; crossed on " if crossing <= as_of[:10] else "; crosses on ") + crossing


def status_lines(item_status, alerts, runaways, now):
    status = json.loads(item_status, parse_float=decimal.Decimal)
    report = status["report"]
    month = report["month"]
    year, mon = (int(x) for x in month.split("-"))
    days_in_month = ((dt.date(year + mon // 12, mon % 12 + 1, 1)) - dt.date(year, mon, 1)).days
    out = [f"last check {report['runAt']} ({report['trigger']}{', dry run' if report.get('dryRun') else ''}), "
           f"{ago(report['runAt'], now)}", ""]
    for budget in report["budgets"]:
        forecast = budget.get("forecast") or {}
        out.append(budget_line(budget, report["asOf"]))
        bars, burn = chart(status["dailyUsd"].get(budget["id"], []), budget["budgetUsd"], days_in_month,
                           forecast.get("p50Usd"))
        out.append(f"  daily   {bars}")
        out.append(f"  burn-up {burn}  (# spent, = forecast to month end, | budget)")
    out += ["", "Vendors:"]
    for vendor in report["vendors"]:
        if vendor["status"] == "not_configured":
            continue
        flags = ", STALE" if vendor.get("stale") else ""
        out.append(f"  {vendor['vendor']:<11} {money(vendor.get('monthToDateUsd')):>12}  {vendor['status']}{flags}, "
                   f"figures fetched {ago(vendor.get('fetchedAt'), now)}"
                   + (f" - {vendor['error']}" if vendor.get("error") else ""))
        for note in vendor.get("notes") or []:
            out.append(f"      note: {note}")
    out += ["", f"Open alerts ({month}):"]
    if not alerts:
        out.append("  none")
    for alert in alerts:
        out.append(f"  {alert['kind']:<26} {alert['key']:<40} sent {alert.get('claimedAt') or '-'}")
    out += ["", "Runaway episodes:"]
    if not runaways:
        out.append("  none")
    for episode in runaways:
        out.append(f"  {episode['vendor']:<11} {episode['status']:<9} since {episode.get('startedAt', '-')}, "
                   f"about {money(episode.get('spentUsd'))} so far")
    return out


def attr(item, name):
    value = item.get(name)
    if value is None:
        return None
    return value.get("S") or value.get("N")


def read(dynamo, table, month):
    try:
        item = dynamo.get_item(TableName=table, Key={"pk": {"S": "STATUS"}, "sk": {"S": "latest"}}).get("Item")
    except dynamo.exceptions.ResourceNotFoundException:
        raise StatusError(f"table {table} does not exist in this account and region")
    if not item:
        raise StatusError(f"table {table} has no status yet: no check has run since this version was deployed "
                          "(invoke one with events/manual-check.json)")
    status = item["status"]["S"]
    month = month or json.loads(status)["report"]["month"]
    alerts = []
    for page in dynamo.get_paginator("query").paginate(
            TableName=table, KeyConditionExpression="pk = :pk", ExpressionAttributeValues={":pk": {"S": "ALERT#" + month}}):
        for alert in page["Items"]:
            if attr(alert, "status") == "SENT":
                alerts.append({"kind": attr(alert, "kind") or "", "key": alert["sk"]["S"],
                               "claimedAt": attr(alert, "claimedAt")})
    runaways = []
    for page in dynamo.get_paginator("query").paginate(
            TableName=table, KeyConditionExpression="pk = :pk", ExpressionAttributeValues={":pk": {"S": "RUNAWAY"}}):
        for episode in page["Items"]:
            if attr(episode, "status") == "OPEN":
                runaways.append({"vendor": episode["sk"]["S"], "status": "OPEN", "startedAt": attr(episode, "startedAt"),
                                 "spentUsd": attr(episode, "spentUsd")})
    return status, alerts, runaways


def table_of_stack(aws, stack, endpoint):
    outputs = aws_cli.stack_outputs(aws, stack, endpoint)
    if "LedgerTableName" not in outputs:
        raise StatusError(f"stack {stack} has no LedgerTableName output: is it a burnrate stack?")
    return outputs["LedgerTableName"]


def main(argv=None):
    parser = argparse.ArgumentParser(prog=PROG, description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--stack", help="the CloudFormation stack burnrate was deployed as (sam deploy's stack name)")
    where.add_argument("--table", help="the DynamoDB table (the stack's LedgerTableName output)")
    parser.add_argument("--region", help="AWS region (default: your AWS configuration's)")
    parser.add_argument("--month", help="the month of the alerts shown, YYYY-MM (default: the last check's)")
    parser.add_argument("--endpoint", help=argparse.SUPPRESS)  # a local moto, for bin/burnrate check and the tests
    args = parser.parse_args(argv)
    if args.month:
        try:
            dt.datetime.strptime(args.month, "%Y-%m")
        except ValueError:
            parser.error(f"--month '{args.month}' is not a month like 2026-11")
    aws = aws_cli.session(PROG, args.region)
    with aws_cli.refusals(PROG):
        table = args.table or table_of_stack(aws, args.stack, args.endpoint)
        status, alerts, runaways = read(aws.client("dynamodb", endpoint_url=args.endpoint), table, args.month)
    now = dt.datetime.now(dt.timezone.utc)
    if os.environ.get("BURNRATE_STATUS_NOW"):
        now = dt.datetime.fromisoformat(os.environ["BURNRATE_STATUS_NOW"].replace("Z", "+00:00"))
    print(f"burnrate status · table {table}")
    print("\n".join(status_lines(status, alerts, runaways, now)))


if __name__ == "__main__":
    main()
