package dev.burnrate.run;

import jakarta.inject.Named;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The Lambda entry point: reads the event and hands it on. An hourly check answers a {@link CheckReport}, a pulse a
 * {@link PulseReport} ({@link CheckService}); a request to the containment approval endpoint (a function URL event)
 * an HTML page, and the CLI's {@code {"contain": ...}} its answer ({@link ContainEndpoint}).
 */
@Named("check")
public class CheckHandler implements RequestHandler<JsonNode, Object> {

    private final CheckService service;
    private final ContainEndpoint contain;

    CheckHandler(CheckService service, ContainEndpoint contain) {
        this.service = service;
        this.contain = contain;
    }

    @Override
    public Object handleRequest(JsonNode event, Context context) {
        String requestId = context == null ? "local" : context.getAwsRequestId();
        if (event != null && event.path("requestContext").has("http")) {
            return contain.http(event, requestId);
        }
        if (event != null && event.has("contain")) {
            return contain.command(event, requestId);
        }
        CheckEvent parsed = CheckEvent.parse(event);
        return parsed.pulse() ? service.pulse(parsed, requestId) : service.run(parsed, requestId);
    }
}
