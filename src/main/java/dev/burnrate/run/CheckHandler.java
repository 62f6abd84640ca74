package dev.burnrate.run;

import jakarta.inject.Named;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The Lambda entry point: reads the event and hands it to {@link CheckService}: an hourly check answers a
 * {@link CheckReport}, a pulse a {@link PulseReport}.
 */
@Named("check")
public class CheckHandler implements RequestHandler<JsonNode, Object> {

    private final CheckService service;

    CheckHandler(CheckService service) {
        this.service = service;
    }

    @Override
    public Object handleRequest(JsonNode event, Context context) {
        CheckEvent parsed = CheckEvent.parse(event);
        String requestId = context == null ? "local" : context.getAwsRequestId();
        return parsed.pulse() ? service.pulse(parsed, requestId) : service.run(parsed, requestId);
    }
}
