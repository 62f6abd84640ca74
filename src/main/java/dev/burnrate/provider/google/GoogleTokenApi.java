package dev.burnrate.provider.google;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.rest.client.reactive.Url;

/**
 * Google's OAuth token endpoint: the JWT-bearer grant (RFC 7523) a service account uses. The endpoint is the key's
 * own {@code token_uri}; the client's configured URL is only the default for a key without one.
 */
@RegisterRestClient(configKey = "google-token")
public interface GoogleTokenApi {

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    Response token(@Url String tokenUri, @FormParam("grant_type") String grantType,
            @FormParam("assertion") String assertion);
}
