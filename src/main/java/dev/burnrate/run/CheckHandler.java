package dev.burnrate.run;

import jakarta.inject.Named;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;

/** The Lambda entry point: reads the event and hands it to {@link CheckService}. */
@Named("check")
public class CheckHandler implements RequestHandler<JsonNode, CheckReport> {

    private final CheckService service;

    CheckHandler(CheckService service) {
        this.service = service;
    }

    @Override
    public CheckReport handleRequest(JsonNode event, Context context) {
        return service.run(CheckEvent.parse(event), context == null ? "local" : context.getAwsRequestId());
    }
}
