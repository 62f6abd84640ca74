package dev.burnrate.config;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * Everything burnrate reads from configuration, under the prefix {@code burnrate}. In the Lambda each
 * value comes from an environment variable set by template.yaml ({@code BURNRATE_TABLE},
 * {@code BURNRATE_BUDGET_MONTHLY_USD}, ...). A missing required value fails start-up with its name. Each vendor's
 * own settings ({@code burnrate.openai.*}, {@code burnrate.azure.*}, ...) are a mapping in the vendor's package.
 */
@ConfigMapping(prefix = "burnrate")
public interface BurnrateConfig {

    /** Name of the DynamoDB table that holds snapshots, alert state and the run log. */
    String table();

    /**
     * The monthly budgets, in one line: {@code total=5000; openai=3000; openai/proj_abc=500 chatbot}. SCOPE is
     * {@code total}, a vendor id, or vendor/project-or-workspace-id; an optional name follows the amount.
     */
    String budgets();

    /** When alerts fire, in percent of each budget. */
    Thresholds thresholds();

    /** Where the vendors' admin keys come from. */
    SecretConfig secrets();

    /** How far back each run pulls vendor data, and how long a vendor may take. */
    Collect collect();

    /** Notification channels; each one is optional. Named {@code notify} in configuration. */
    @WithName("notify")
    Notify channels();

    /** How runaway episodes go on and end. */
    Runaway runaway();

    /** The pulse: a second schedule that reads minute-grain usage for fast runaways. */
    Pulse pulse();

    /** Containment: stopping a runaway through the vendor's own API; off unless policies are set. */
    Containment containment();

    /** AWS client settings shared by the SNS, SES and Secrets Manager clients. */
    Aws aws();

    /** Money billed in currencies other than the US dollar. */
    Currency currency();

    /** Spend as CloudWatch metrics, written on the log in the Embedded Metric Format. */
    Metrics metrics();

    /**
     * Freeze the clock at this instant. For tests and demos only; never set in a deployment.
     */
    Optional<Instant> fixedNow();

    interface Thresholds {
        /** Levels on month-to-date spend. */
        @WithDefault("50,80,100")
        List<Integer> actual();

        /** Levels on the month-end forecast. */
        @WithDefault("100")
        List<Integer> forecast();

        /** Which forecast the forecast levels compare: p50 (fewer false alarms) or p90 (earlier warnings). */
        @WithDefault("p50")
        dev.burnrate.budget.Thresholds.Basis forecastBasis();

        /**
         * On how many days in a row a forecast must be over a level before its alert goes out, when the crossing is
         * more than a week away and the forecast less than 10% over (1 to 14; 1 alerts at the first check). Unset:
         * {@link dev.burnrate.budget.Thresholds#DEFAULT_CONFIRM_DAYS}.
         */
        Optional<Integer> forecastConfirmDays();

        /** The thresholds as the alert engine takes them; a bad value fails with its key named. */
        default dev.burnrate.budget.Thresholds toThresholds() {
            try {
                return new dev.burnrate.budget.Thresholds(actual(), forecast(), forecastBasis(),
                        forecastConfirmDays().orElse(dev.burnrate.budget.Thresholds.DEFAULT_CONFIRM_DAYS));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("burnrate.thresholds: " + e.getMessage(), e);
            }
        }
    }

    interface SecretConfig {
        /**
         * Name or ARN of the Secrets Manager secret holding burnrate's secrets as one JSON object: the vendors'
         * admin keys by vendor id ({@code {"openai": "sk-admin-...", "anthropic": "sk-ant-admin01-..."}}) and,
         * optionally, {@code slackWebhookUrl}, {@code webhookUrl}, {@code webhookAuthorization} and
         * {@code smtpPassword}. Without it every vendor is reported as not configured.
         */
        Optional<String> secretId();

        /**
         * Where {@link #secretId()} lives: {@code secrets-manager} (a secret, $0.40 a month) or {@code ssm} (an SSM
         * Parameter Store SecureString parameter of the same JSON, no monthly fee; {@code secret-id} is its name).
         */
        @WithDefault("secrets-manager")
        String source();

        /**
         * How long a warm function uses the secret it read before reading it again ({@code 0s}: every check reads
         * it). A vendor that refuses its key (HTTP 401/403) makes the next check read it at once, so a rotated key
         * is picked up by the check after the first refusal.
         */
        @WithDefault("10m")
        java.time.Duration cacheTtl();
    }

    interface Collect {
        /** Days before today that every run pulls again, because vendors revise recent days. */
        @WithDefault("3")
        int trailingDays();

        /** Whole months before the current one that a vendor's first run pulls, so the forecast has history. */
        @WithDefault("2")
        int historyMonths();

        /** Longest time one vendor may take in one run; the other vendors go on regardless. */
        @WithDefault("60s")
        Duration vendorTimeout();

        /** Days before today whose figures are still provisional (the vendor may revise them). */
        @WithDefault("1")
        int provisionalDays();

        /**
         * A re-pulled day that comes back lower than stored by more than this share of it (or at zero or below) is
         * held: the stored figure stands, the report and messages say so, and a later read must confirm the drop.
         */
        @WithDefault("0.5")
        double dropShare();

        /**
         * How long after the first lower read a held day's drop must still be reported to be believed; shorter
         * glitches never lower a stored figure.
         */
        @WithDefault("6h")
        Duration dropConfirmAfter();

        /** Tries per vendor request, the first included: 429, 5xx and timeouts are retried. */
        @WithDefault("3")
        int maxAttempts();

        /** First back-off before a retry; it doubles each time, with jitter. */
        @WithDefault("1s")
        Duration retryBackoff();

        /**
         * A vendor whose last successful collection is older than this is stale: its figures are marked so,
         * and one {@code stale_data} alert goes out.
         */
        @WithDefault("12h")
        Duration staleAfter();
    }

    interface Notify {
        /** ARN of the SNS topic that receives every alert. Without it, no SNS message is sent. */
        Optional<String> snsTopicArn();

        /** E-mail through SES v2. */
        Email email();

        /** E-mail through an SMTP server, for teams without SES. The password is {@code smtpPassword} in the secret. */
        Smtp smtp();

        /**
         * Hour of the day (UTC, 0-23) at which one digest of the month so far is sent every day; unset for none.
         */
        Optional<Integer> digestHourUtc();

        /**
         * How long one run holds a queued message while it delivers it. A run that dies leaves it to the next run
         * after this; keep it longer than the function's timeout.
         */
        @WithDefault("5m")
        Duration deliveryLease();

        /** A message that some channel still has not taken after this long is given up (and logged as an error). */
        @WithDefault("24h")
        Duration giveUpAfter();

        /** PagerDuty Events API v2; the routing key is {@code pagerDutyRoutingKey} in the secret. */
        PagerDuty pagerduty();

        interface PagerDuty {
            /** The Events API v2 endpoint (EU accounts may use https://events.eu.pagerduty.com/v2/enqueue). */
            @WithDefault("https://events.pagerduty.com/v2/enqueue")
            URI url();

            /** The least severe alert that triggers an incident: info, warning or critical. Recoveries always resolve. */
            @WithDefault("warning")
            dev.burnrate.alert.Severity minSeverity();
        }

        interface Email {
            /** Verified SES sender address. E-mail is sent only when this and {@link #to()} are set. */
            Optional<String> from();

            /** Recipients of alert e-mails. */
            Optional<List<String>> to();

            /** Optional SES configuration set name, for delivery tracking. */
            Optional<String> configurationSet();
        }
    }

    interface Smtp {
        /** SMTP server host; SMTP is used only when this, {@link #from()} and {@link #to()} are set. */
        Optional<String> host();

        /** SMTP port: 587 for STARTTLS, 465 for TLS. */
        @WithDefault("587")
        int port();

        /** {@code starttls} (upgrade, required), {@code tls} (TLS from the start) or {@code none} (tests only). */
        @WithDefault("starttls")
        String security();

        /** Login name; the password comes from {@code smtpPassword} in the secret. */
        Optional<String> username();

        /** Sender address. */
        Optional<String> from();

        /** Recipients. */
        Optional<List<String>> to();
    }



    interface Runaway {
        /** Hours without a raised hour after which a runaway episode is over (one "runaway over" message). */
        @WithDefault("3")
        int quietHours();

        /** How often a runaway that is still running says so, with the spend so far. */
        @WithDefault("24h")
        Duration reminderEvery();

        /**
         * When set, a runaway that has run this long is taken as the new normal, with one message saying so;
         * unset, it stays a runaway (with its daily reminder) until it ends.
         */
        Optional<Duration> acceptAfter();
    }



    interface Containment {
        /**
         * The policies, one line: {@code openai/proj_abc=auto; openai=suggest; bedrock/app-role=suggest} (see
         * {@code contain.Policies}). Unset: burnrate never acts on a vendor.
         */
        Optional<String> policies();

        /** An {@code auto} policy acts at once on a runaway spending more than this many dollars an hour. */
        @WithDefault("50")
        java.math.BigDecimal autoAboveUsdPerHour();

        /** An {@code auto} policy acts at once on a vendor or project budget whose spend passed this percentage. */
        @WithDefault("150")
        java.math.BigDecimal autoAboveBudgetPercent();

        /**
         * The approval endpoint (the template's ContainFunction URL); messages carry approve and undo links to it.
         * Unset, they carry the command only.
         */
        Optional<URI> approveUrl();

        /** How long an approval or undo link works. */
        @WithDefault("24h")
        Duration linkTtl();

        /** How long an approved action may stay unfinished before another run takes it over (its run died). */
        @WithDefault("5m")
        Duration actLease();

        /** The stack's name, for the command in messages ({@code bin/burnrate contain approve ID --stack NAME}). */
        Optional<String> stackName();

        /**
         * The ARNs of the IAM roles the template lets the functions change (ContainmentBedrockRoleArns): every role
         * a {@code bedrock/ROLE} policy names must be one of them.
         */
        Optional<List<String>> bedrockRoleArns();
    }

    interface Pulse {
        /**
         * True when the pulse schedule runs: vendors it reads then have their runaway episodes moved by the pulse
         * alone, and the hourly check leaves them to it.
         */
        @WithDefault("false")
        boolean enabled();

        /** How long a vendor's fast source may go unread before one "pulse unread" alert says its alarm is off. */
        @WithDefault("30m")
        Duration unreadAfter();

        /** How long one pulse may spend on one vendor before it counts as failed. */
        @WithDefault("60s")
        Duration vendorTimeout();
    }

    interface Currency {
        /**
         * Dollars for one unit of each other currency, {@code EUR=1.08, JPY=0.0066}: they count the lines a vendor
         * bills in that currency without giving its own dollar figure (Azure's CostUSD and Google's conversion rate
         * always win). A line with neither is not counted, and every report and budget message says how much.
         */
        Optional<String> usdRates();
    }

    interface Metrics {
        /**
         * Write each check's spend, forecasts, budgets, freshness and collection errors as CloudWatch metrics (EMF
         * lines on the log). Off by default: each metric is a billed CloudWatch custom metric.
         */
        @WithDefault("false")
        boolean enabled();

        /** The CloudWatch namespace of the metrics; the template sets burnrate/STACK-NAME. */
        @WithDefault("burnrate")
        String namespace();
    }

    interface Aws {
        /** Region for SNS, SES, Secrets Manager and SSM; defaults to the Lambda's own region (AWS_REGION). */
        Optional<String> region();

        /**
         * Endpoint override for SNS, SES, Secrets Manager, SSM and (unless burnrate.bedrock.endpoint-override is
         * set) Cost Explorer: a local moto server; unset in AWS.
         */
        Optional<URI> endpointOverride();
    }
}
