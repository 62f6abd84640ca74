"""DEMO vendor admin APIs for the local run: OpenAI's Costs and Usage APIs, Anthropic's cost and usage reports,
OpenRouter, Azure and Google, in the shapes the vendors document, serving a made-up but realistic spend history
for whatever window is asked. Token counts are the DEMO dollars at list price, spread over the day's hours.

Every project and workspace id carries "DEMO" so nobody mistakes these figures for real spend. The numbers
are deterministic (seeded by the day), weekday-heavy, and grow through the current month so that the
default local budget is crossed.
"""
import datetime as dt
import hashlib
import os
import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

UTC = dt.timezone.utc
# OpenAI's project hard spend limit (Admin API), which containment sets and undo restores
SPEND_LIMIT = re.compile(r"^/v1/organization/projects/([^/]+)/spend_limit$")


def _noise(day, salt):
    digest = hashlib.sha256(f"{day.isoformat()}:{salt}".encode()).digest()
    return 0.85 + (digest[0] / 255.0) * 0.3  # 0.85 .. 1.15


def _level(day, today):
    """Daily spend in USD for one vendor family: weekday-heavy, growing about 25% over the current month."""
    weekday = 1.0 if day.weekday() < 5 else 0.45
    months_back = (today.year - day.year) * 12 + today.month - day.month
    growth = 1.0 + 0.25 * (day.day / 30.0) if months_back == 0 else 0.9 - 0.05 * months_back
    return weekday * growth


# bench/scale only: OpenAI's day as this many cost lines and as many usage lines (the same dollars and tokens spread
# over projects and fine-tuned models); 0 keeps the five lines above
SCALE_LINES = int(os.environ.get("BURNRATE_DEMO_LINES", "0"))


def _spread(lines, count):
    """count lines that add up to the same amounts: lines[i % len] split evenly, 20 models a project."""
    if not count:
        return lines
    per = {}
    for i in range(count):
        per[i % len(lines)] = per.get(i % len(lines), 0) + 1
    return [(f"{lines[i % len(lines)][0]}_{i // 20}", f"{lines[i % len(lines)][1]} ft-{i}",
             lines[i % len(lines)][2] / per[i % len(lines)]) for i in range(count)]


def openai_lines(day, today):
    return _spread(_openai_lines(day, today), SCALE_LINES)


def _openai_lines(day, today):
    base = 92.0 * _level(day, today)
    return [
        ("proj_DEMO_chatbot", "gpt-5-2025-08-07, input", round(base * 0.38 * _noise(day, "oa1"), 4)),
        ("proj_DEMO_chatbot", "gpt-5-2025-08-07, output", round(base * 0.41 * _noise(day, "oa2"), 4)),
        ("proj_DEMO_chatbot", "gpt-5-2025-08-07, cached input", round(base * 0.03 * _noise(day, "oa3"), 4)),
        ("proj_DEMO_batch", "gpt-5-mini-2025-08-07, input", round(base * 0.09 * _noise(day, "oa4"), 4)),
        ("proj_DEMO_batch", "gpt-5-mini-2025-08-07, output", round(base * 0.09 * _noise(day, "oa5"), 4)),
    ]


def anthropic_lines(day, today):
    base_cents = 4300.0 * _level(day, today)
    return [
        ("wrkspc_DEMO_support", "Claude Sonnet 4.5 Usage - Input Tokens", base_cents * 0.35 * _noise(day, "an1")),
        ("wrkspc_DEMO_support", "Claude Sonnet 4.5 Usage - Output Tokens", base_cents * 0.45 * _noise(day, "an2")),
        (None, "Claude Haiku 4.5 Usage - Input Tokens", base_cents * 0.12 * _noise(day, "an3")),
        (None, "Web Search Usage", base_cents * 0.08 * _noise(day, "an4")),
    ]


# Tokens behind the DEMO dollars: (vendor, project, model, USD per million input, per million output, share of
# the day's dollars that is input). The usage endpoints serve these; the list prices match token-prices.csv.
USAGE_MODELS = {
    "openai": [("proj_DEMO_chatbot", "gpt-5-2025-08-07", 1.25, 10.0, 0.82, 0.48),
               ("proj_DEMO_batch", "gpt-5-mini-2025-08-07", 0.25, 2.0, 0.18, 0.5)],
    "anthropic": [("wrkspc_DEMO_support", "claude-sonnet-4-5-20250929", 3.0, 15.0, 0.8, 0.44),
                  (None, "claude-haiku-4-5-20251001", 1.0, 5.0, 0.12, 1.0)],
}
# Share of a day's use per UTC hour: busy 08-20, quiet at night
HOUR_WEIGHTS = [0.5 if h < 8 or h > 20 else 1.6 for h in range(24)]


def usage_results(vendor, day, today, hour=None):
    """(project, model, input tokens, output tokens, requests) for a day, or one hour of it."""
    day_usd = (92.0 if vendor == "openai" else 43.0) * _level(day, today)
    share = 1.0 if hour is None else HOUR_WEIGHTS[hour] / sum(HOUR_WEIGHTS)
    results = []
    for project, model, price_in, price_out, usd_share, input_share in USAGE_MODELS[vendor]:
        usd = day_usd * usd_share * share * _noise(day, model + str(hour))
        tokens_in = int(usd * input_share / price_in * 1_000_000)
        tokens_out = int(usd * (1 - input_share) / price_out * 1_000_000)
        results.append((project, model, tokens_in, tokens_out, max(1, tokens_in // 4000)))
    if vendor == "openai" and hour is None and SCALE_LINES:
        counts = [len(range(i, SCALE_LINES, len(results))) for i in range(len(results))]
        return [(f"{results[i % len(results)][0]}_{i // 20}", f"{results[i % len(results)][1]}:ft-{i}",
                 *(value // counts[i % len(results)] for value in results[i % len(results)][2:]))
                for i in range(SCALE_LINES)]
    return results


# The other vendors are smaller in the demo: USD per weekday (weekends at 45%)
SMALL_VENDORS = {"openrouter": 6.0, "azure": 9.0, "google": 7.0, "bedrock": 11.0}


def small_vendor_usd(vendor, day, today):
    return round(SMALL_VENDORS[vendor] * _level(day, today) * _noise(day, vendor), 4)


def bedrock_results(start, end, today):
    """Cost Explorer ResultsByTime for [start, end): Bedrock and a Marketplace model, and EC2 (not counted)."""
    results = []
    for day in _days(start, min(end, today + dt.timedelta(1))):
        usd = small_vendor_usd("bedrock", day, today)
        results.append({"TimePeriod": {"Start": day.isoformat(), "End": (day + dt.timedelta(1)).isoformat()},
                        "Total": {}, "Estimated": day >= today - dt.timedelta(1), "Groups": [
                            {"Keys": ["Amazon Bedrock", "USE1-DEMO-TitanText-input-tokens"],
                             "Metrics": {"UnblendedCost": {"Amount": f"{usd * 0.3:.4f}", "Unit": "USD"}}},
                            {"Keys": ["Claude Sonnet 4.5 (Amazon Bedrock Edition)", "USE1-MP:DEMO_InputTokenCount"],
                             "Metrics": {"UnblendedCost": {"Amount": f"{usd * 0.7:.4f}", "Unit": "USD"}}},
                            {"Keys": ["Amazon Elastic Compute Cloud - Compute", "USE1-BoxUsage:m7i.large"],
                             "Metrics": {"UnblendedCost": {"Amount": "48.00", "Unit": "USD"}}}]})
    return results


def _days(start, end):
    day = start
    while day < end:
        yield day
        day += dt.timedelta(days=1)


def _buckets(start, end, width, now):
    """Bucket starts in [start, end) of width 1d, 1h or 1m, none after now (a vendor reports no future)."""
    step = {"1h": dt.timedelta(hours=1), "1m": dt.timedelta(minutes=1)}.get(width, dt.timedelta(days=1))
    at = start
    while at < end and at <= now:
        yield at
        at += step


# The pulse's DEMO sources (Azure Monitor, Cloud Monitoring, CloudWatch): a model each, and its list price per
# million tokens (token-prices.csv), so the DEMO minutes are the small vendors' dollars spread evenly over the day.
PULSE_MODELS = {"azure": ("DEMO-deployment", "gpt-4o", 2.5, 10.0), "google": (None, "gemini-2.5-flash", 0.30, 2.50),
                "bedrock": (None, "anthropic.claude-sonnet-4-5-20250929-v1:0", 3.0, 15.0)}
# --runaway VENDOR with the pulse: a loop at this many times the usual rate for the last minutes before now
PULSE_LOOP = 30
PULSE_LOOP_MINUTES = 12


def pulse_tokens(vendor, at, minutes, today):
    """(input, output) tokens of a small vendor's DEMO model in the bucket of `minutes` from `at`."""
    _, _, price_in, price_out = PULSE_MODELS[vendor]
    usd = small_vendor_usd(vendor, at.date(), today) / 1440 * minutes * loop_factor(vendor, at, minutes)
    return int(usd * 0.6 / price_in * 1_000_000), int(usd * 0.4 / price_out * 1_000_000)


def loop_factor(vendor, at, minutes=1):
    """30 inside the pulse's DEMO loop (--runaway VENDOR with a pulse event), else 1."""
    since = _Handler.loop_since
    if _Handler.runaway != vendor or since is None or minutes != 1 or at < since:
        return 1
    return PULSE_LOOP


class _Handler(BaseHTTPRequestHandler):
    today = None
    now = None
    runaway = None
    loop_since = None

    spend_limits = {}   # project -> cents, while one is set (containment's DEMO switch)

    def log_message(self, fmt, *args):  # quiet
        pass

    @staticmethod
    def _limit(cents):
        return {"object": "project.spend_limit", "threshold_amount": cents, "currency": "USD", "interval": "month",
                "enforcement": {"status": "enforcing"}}

    def _no_limit(self, project):
        self._send(404, {"error": {"message": f"No hard spend limit is set for project {project}",
                                   "type": "invalid_request_error"}})

    def do_DELETE(self):
        limit = SPEND_LIMIT.match(urlparse(self.path).path)
        if not limit:
            self._send(404, {"error": {"message": f"DEMO server has no DELETE {self.path}", "type": "not_found"}})
        elif _Handler.spend_limits.pop(limit.group(1), None) is None:
            self._no_limit(limit.group(1))
        else:
            self._send(200, {"object": "project.spend_limit.deleted", "deleted": True})

    def _send(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _json_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        return raw

    def do_POST(self):
        url = urlparse(self.path)
        raw = self._json_body()
        today = self.today or dt.datetime.now(UTC).date()
        token = {"access_token": "DEMO-token", "expires_in": 3600, "token_type": "Bearer"}
        if url.path.endswith("/oauth2/v2.0/token") or url.path == "/token":
            self._send(200, token)
        elif SPEND_LIMIT.match(url.path):
            body = json.loads(raw or b"{}")
            cents = body.get("threshold_amount")
            if not isinstance(cents, int) or cents < 0 or body.get("currency") != "USD" \
                    or body.get("interval") != "month":
                self._send(400, {"error": {"message": "threshold_amount (integer cents), currency USD and interval "
                                                      "month are required", "type": "invalid_request_error"}})
            else:
                _Handler.spend_limits[SPEND_LIMIT.match(url.path).group(1)] = cents
                self._send(200, self._limit(cents))
        elif url.path.endswith("/providers/Microsoft.CostManagement/query"):
            body = json.loads(raw)
            start = dt.date.fromisoformat(body["timePeriod"]["from"][:10])
            end = dt.date.fromisoformat(body["timePeriod"]["to"][:10]) + dt.timedelta(1)
            rows = [[small_vendor_usd("azure", day, today), int(day.strftime("%Y%m%d")), "Azure OpenAI GPT5 (DEMO)",
                     "/subscriptions/DEMO/resourceGroups/ai/providers/Microsoft.CognitiveServices/accounts/DEMO-openai",
                     "USD"] for day in _days(start, min(end, today + dt.timedelta(1)))]
            columns = [{"name": n, "type": t} for n, t in (("Cost", "Number"), ("UsageDate", "Number"),
                       ("MeterSubCategory", "String"), ("ResourceId", "String"), ("Currency", "String"))]
            self._send(200, {"properties": {"nextLink": None, "columns": columns, "rows": rows}})
        elif url.path.startswith("/bigquery/v2/projects/") and url.path.endswith("/queries"):
            body = json.loads(raw)
            params = {p["name"]: p.get("parameterValue", {}).get("value") for p in body.get("queryParameters", [])}
            start, end = dt.date.fromisoformat(params["from"]), dt.date.fromisoformat(params["to"])
            rows = []
            for day in _days(start, min(end, today + dt.timedelta(1))):
                usd = small_vendor_usd("google", day, today)
                rows.append({"f": [{"v": day.isoformat()}, {"v": "Gemini API"}, {"v": "Gemini 2.5 Pro (DEMO)"},
                                   {"v": "DEMO-project"}, {"v": "USD"}, {"v": f"{usd:.4f}"}, {"v": "0"}]})
            fields = [{"name": n, "type": "STRING"} for n in ("day", "service", "sku", "project", "currency",
                                                              "cost", "credits")]
            self._send(200, {"jobReference": {"jobId": "DEMO-job", "location": "US"}, "jobComplete": True,
                             "schema": {"fields": fields}, "rows": rows})
        else:
            self._send(404, {"error": {"message": f"DEMO server has no POST {url.path}", "type": "not_found"}})

    def do_GET(self):
        url = urlparse(self.path)
        query = parse_qs(url.query)
        today = self.today or dt.datetime.now(UTC).date()
        try:
            if SPEND_LIMIT.match(url.path):
                project = SPEND_LIMIT.match(url.path).group(1)
                if project in _Handler.spend_limits:
                    self._send(200, self._limit(_Handler.spend_limits[project]))
                else:
                    self._no_limit(project)
            elif url.path == "/v1/organization/costs":
                start = dt.datetime.fromtimestamp(int(query["start_time"][0]), UTC).date()
                end = dt.datetime.fromtimestamp(int(query["end_time"][0]), UTC).date()
                buckets = [self._openai_bucket(day, today) for day in _days(start, min(end, today + dt.timedelta(1)))]
                self._send(200, self._page(buckets, query, openai=True))
            elif url.path == "/v1/organizations/cost_report":
                start = dt.datetime.fromisoformat(query["starting_at"][0].replace("Z", "+00:00")).date()
                end = dt.datetime.fromisoformat(query["ending_at"][0].replace("Z", "+00:00")).date()
                buckets = [self._anthropic_bucket(day, today)
                           for day in _days(start, min(end, today + dt.timedelta(1)))]
                self._send(200, self._page(buckets, query, openai=False))
            elif url.path.startswith("/v1/organization/usage/"):
                kind = url.path.rsplit("/", 1)[1]
                start = dt.datetime.fromtimestamp(int(query["start_time"][0]), UTC)
                end = dt.datetime.fromtimestamp(int(query["end_time"][0]), UTC)
                width = query.get("bucket_width", ["1d"])[0]
                buckets = [self._openai_usage_bucket(kind, at, width, today)
                           for at in _buckets(start, end, width, self._now(today))]
                self._send(200, self._page(buckets, query, openai=True))
            elif url.path == "/v1/organizations/usage_report/messages":
                start = dt.datetime.fromisoformat(query["starting_at"][0].replace("Z", "+00:00"))
                end = dt.datetime.fromisoformat(query["ending_at"][0].replace("Z", "+00:00"))
                width = query.get("bucket_width", ["1d"])[0]
                buckets = [self._anthropic_usage_bucket(at, width, today)
                           for at in _buckets(start, end, width, self._now(today))]
                self._send(200, self._page(buckets, query, openai=False))
            elif url.path.endswith("/providers/Microsoft.Insights/metrics"):
                start, end = (dt.datetime.fromisoformat(t.replace("Z", "+00:00"))
                              for t in query["timespan"][0].split("/"))
                minutes = 1 if query["interval"][0] == "PT1M" else 60
                deployment, model, _, _ = PULSE_MODELS["azure"]
                points = [(at, pulse_tokens("azure", at, minutes, today))
                          for at in _buckets(start, end, "1m" if minutes == 1 else "1h", self._now(today))]
                value = []
                for index, name in enumerate(("ProcessedPromptTokens", "GeneratedTokens")):
                    value.append({"name": {"value": name, "localizedValue": name}, "unit": "Count",
                                  "errorCode": "Success", "timeseries": [{"metadatavalues": [
                                      {"name": {"value": "modeldeploymentname"}, "value": deployment},
                                      {"name": {"value": "modelname"}, "value": model}],
                                      "data": [{"timeStamp": at.strftime("%Y-%m-%dT%H:%M:%SZ"),
                                                "total": float(tokens[index])} for at, tokens in points]}]})
                self._send(200, {"interval": query["interval"][0], "value": value})
            elif url.path.startswith("/v3/projects/") and url.path.endswith("/timeSeries"):
                start = dt.datetime.fromisoformat(query["interval.startTime"][0].replace("Z", "+00:00"))
                end = dt.datetime.fromisoformat(query["interval.endTime"][0].replace("Z", "+00:00"))
                minutes = int(query["aggregation.alignmentPeriod"][0].rstrip("s")) // 60
                _, model, _, _ = PULSE_MODELS["google"]
                points = [(at, pulse_tokens("google", at, minutes, today))
                          for at in _buckets(start, end, "1m" if minutes == 1 else "1h", self._now(today))]
                series = [{"metric": {"type": "aiplatform.googleapis.com/publisher/online_serving/token_count",
                                      "labels": {"type": kind}},
                           "resource": {"type": "aiplatform.googleapis.com/PublisherModel",
                                        "labels": {"model_user_id": model}},
                           "metricKind": "DELTA", "valueType": "INT64",
                           "points": [{"interval": {"startTime": at.strftime("%Y-%m-%dT%H:%M:%SZ"),
                                                    "endTime": (at + dt.timedelta(minutes=minutes))
                                                    .strftime("%Y-%m-%dT%H:%M:%SZ")},
                                       "value": {"int64Value": str(tokens[index])}} for at, tokens in points]}
                          for index, kind in enumerate(("input", "output"))]
                self._send(200, {"timeSeries": series})
            elif url.path == "/api/v1/activity":
                items = [{"date": day.isoformat(), "model": "meta-llama/llama-3.3-70b-instruct (DEMO)",
                          "model_permaslug": "meta-llama/llama-3.3-70b-instruct", "endpoint_id": "DEMO",
                          "provider_name": "DEMO", "usage": small_vendor_usd("openrouter", day, today),
                          "byok_usage_inference": 0, "requests": 100, "prompt_tokens": 90000,
                          "completion_tokens": 12000, "reasoning_tokens": 0, "workspace_id": "DEMO-workspace"}
                         for day in _days(today - dt.timedelta(30), today)]
                self._send(200, {"data": items})
            elif url.path == "/api/v1/credits":
                used = sum(small_vendor_usd("openrouter", day, today)
                           for day in _days(today.replace(day=1) - dt.timedelta(62), today))
                now = self._now(today)
                midnight = dt.datetime.combine(now.date(), dt.time(), UTC)
                used += small_vendor_usd("openrouter", now.date(), today) * (now - midnight).total_seconds() / 86400
                if _Handler.runaway == "openrouter" and _Handler.loop_since and now > _Handler.loop_since:
                    used += (small_vendor_usd("openrouter", now.date(), today) / 1440 * (PULSE_LOOP - 1)
                             * (now - _Handler.loop_since).total_seconds() / 60)
                self._send(200, {"data": {"total_credits": 1000.0, "total_usage": round(float(used), 4)}})
            else:
                self._send(404, {"error": {"message": f"DEMO server has no {url.path}", "type": "not_found"}})
        except (KeyError, ValueError) as e:
            self._send(400, {"error": {"message": f"DEMO server: bad query parameter {e}", "type": "invalid_request"}})

    @classmethod
    def _now(cls, today):
        now = dt.datetime.now(UTC)
        return cls.now or (now if today is None or now.date() == today else dt.datetime.combine(today, dt.time(12), UTC))

    @classmethod
    def last_hour(cls, today):
        return cls._now(today).replace(minute=0, second=0, microsecond=0) - dt.timedelta(hours=1)

    @staticmethod
    def _openai_usage_bucket(kind, at, width, today):
        hour = at.hour if width in ("1h", "1m") else None
        start = int(at.timestamp())
        results = []
        # --runaway: a retry loop burns 30 times the usual tokens in the last complete hour (the hourly check), or in
        # the last minutes (a pulse)
        loop = 30 if (_Handler.runaway == "openai" and _Handler.loop_since is None and hour is not None
                      and at == _Handler.last_hour(today)) else loop_factor("openai", at, 1 if width == "1m" else 60)
        per = 60 if width == "1m" else 1
        if kind == "completions":
            results = [{"object": "organization.usage.completions.result", "input_tokens": tokens_in,
                        "input_cached_tokens": tokens_in // 10, "input_cache_write_tokens": 0,
                        "output_tokens": tokens_out, "num_model_requests": requests,
                        "project_id": None if hour is not None else project, "user_id": None, "api_key_id": None,
                        "model": model, "batch": None, "service_tier": None}
                       for project, model, tokens_in, tokens_out, requests
                       in ((p, m, i * loop // per, o * loop // per, max(1, r * loop // per)) for p, m, i, o, r
                           in usage_results("openai", at.date(), today, hour))]
        seconds = {"1h": 3600, "1m": 60}.get(width, 86400)
        return {"object": "bucket", "start_time": start, "end_time": start + seconds, "results": results}

    @staticmethod
    def _anthropic_usage_bucket(at, width, today):
        hour = at.hour if width in ("1h", "1m") else None
        end = at + {"1h": dt.timedelta(hours=1), "1m": dt.timedelta(minutes=1)}.get(width, dt.timedelta(days=1))
        k, per = (loop_factor("anthropic", at), 60) if width == "1m" else (1, 1)
        return {"starting_at": at.strftime("%Y-%m-%dT%H:%M:%SZ"), "ending_at": end.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "results": [{"uncached_input_tokens": tokens_in - tokens_in // 5, "cache_read_input_tokens": tokens_in // 5,
                             "cache_creation": {"ephemeral_5m_input_tokens": 0, "ephemeral_1h_input_tokens": 0},
                             "output_tokens": tokens_out, "server_tool_use": {"web_search_requests": 0},
                             "model": model, "workspace_id": None if hour is not None else workspace,
                             "api_key_id": None, "service_tier": None}
                            for workspace, model, tokens_in, tokens_out in
                            ((w, m, i * k // per, o * k // per) for w, m, i, o, _ in
                             usage_results("anthropic", at.date(), today, hour))]}

    @staticmethod
    def _page(buckets, query, openai):
        limit = int(query.get("limit", ["7"])[0])
        offset = int(query.get("page", ["0"])[0].replace("DEMO_page_", "") or 0)
        chunk = buckets[offset:offset + limit]
        more = offset + limit < len(buckets)
        body = {"data": chunk, "has_more": more, "next_page": f"DEMO_page_{offset + limit}" if more else None}
        if openai:
            body = {"object": "page", **body}
        return body

    @staticmethod
    def _openai_bucket(day, today):
        start = int(dt.datetime.combine(day, dt.time(), UTC).timestamp())
        return {"object": "bucket", "start_time": start, "end_time": start + 86400, "results": [
            {"object": "organization.costs.result", "amount": {"value": amount, "currency": "usd"},
             "line_item": item, "project_id": project, "api_key_id": None, "quantity": None, "quantity_unit": None}
            for project, item, amount in openai_lines(day, today)]}

    @staticmethod
    def _anthropic_bucket(day, today):
        start = dt.datetime.combine(day, dt.time(), UTC)
        return {"starting_at": start.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "ending_at": (start + dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ"),
                "results": [{"amount": f"{cents:.4f}", "currency": "USD", "description": item, "cost_type": "tokens",
                             "model": None, "token_type": None, "service_tier": "standard",
                             "context_window": None, "inference_geo": None, "workspace_id": workspace}
                            for workspace, item, cents in anthropic_lines(day, today)]}


def bedrock_minutes(start, end, today):
    """(minute or hour start, seconds, input, output) of the DEMO Bedrock model for CloudWatch, one datum each."""
    points = []
    at = start
    while at < end:
        minutes = 60 if end - at > dt.timedelta(hours=3) and at.minute == 0 else 1
        tokens = pulse_tokens("bedrock", at, minutes, today)
        points.append((at, minutes, *tokens))
        at += dt.timedelta(minutes=minutes)
    return points


def start(today=None, now=None, runaway=None, loop_since=None):
    """Starts the DEMO vendors on a free loopback port; returns (server, base_url). `runaway` names the vendor
    that runs a loop: in the last complete hour (OpenAI, for an hourly check), or from `loop_since` (a pulse)."""
    _Handler.today = today
    _Handler.now = now
    _Handler.runaway = runaway
    _Handler.loop_since = loop_since
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"
