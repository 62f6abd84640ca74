package dev.burnrate.run;

import java.math.BigDecimal;
import java.util.List;

import dev.burnrate.config.Redaction;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What one pulse returns (the Lambda's JSON response): each vendor's fast read and the runaway alerts it sent.
 * Money is USD with two decimals (estimates at list price); instants are ISO-8601 UTC strings.
 *
 * @param trigger  {@code pulse}
 * @param vendors  one entry per vendor the pulse reads
 * @param alerts   what this pulse sent, one entry per alert and channel
 * @param tookMs   wall time of the whole pulse
 */
@RegisterForReflection
public record PulseReport(String runAt, String trigger, boolean dryRun, List<VendorPulse> vendors,
        List<CheckReport.SentAlert> alerts, long tookMs, List<ContainmentService.Line> containment) {

    /**
     * @param status          {@code ok} or {@code failed}
     * @param error           why the fast source could not be read, for {@code failed}
     * @param unreadSince     since when it has not been read, for {@code failed}
     * @param lastHourUsd     the previous complete hour, estimated
     * @param last15MinUsd    the last 15 minutes, estimated
     * @param runaway         the runaway in progress at this vendor after this pulse, or null
     * @param notes           what a person should know about this read
     */
    @RegisterForReflection
    public record VendorPulse(String vendor, String status, String error, String unreadSince, BigDecimal lastHourUsd,
            BigDecimal last15MinUsd, CheckReport.RunawayView runaway, List<String> notes) {

        /** What a vendor said goes out only through {@link Redaction}. */
        public VendorPulse {
            error = Redaction.scrub(error);
            notes = notes == null ? List.of() : List.copyOf(notes);
        }
    }
}
