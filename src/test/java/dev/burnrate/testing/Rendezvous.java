package dev.burnrate.testing;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * Proves that requests are in flight together, without timing anything: once {@link #arm armed}, the first request
 * to each path under a prefix (and each {@code bucket_width}) is held until {@code parties} of them are held at
 * once, then all are answered as stubbed. Requests made one after another never meet: the first is answered HTTP
 * 400 after {@link #WAIT_SECONDS} with a body that says so. Applies to every stub; idle until armed.
 */
public final class Rendezvous implements ResponseTransformerV2 {

    static final int WAIT_SECONDS = 2;
    private static volatile java.util.List<String> prefixes;
    private static volatile CyclicBarrier barrier;
    private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

    /** Holds the first request to each path under {@code pathPrefix} until {@code parties} are in flight. */
    public static void arm(String pathPrefix, int parties) {
        arm(parties, pathPrefix);
    }

    /** Holds the first request to each path under any of {@code pathPrefixes} until {@code parties} are in flight. */
    public static void arm(int parties, String... pathPrefixes) {
        SEEN.clear();
        barrier = new CyclicBarrier(parties);
        prefixes = java.util.List.of(pathPrefixes);
    }

    public static void disarm() {
        prefixes = null;
        barrier = null;
        SEEN.clear();
    }

    @Override
    public String getName() {
        return "rendezvous";
    }

    @Override
    public Response transform(Response response, ServeEvent serveEvent) {
        java.util.List<String> armed = prefixes;
        CyclicBarrier meeting = barrier;
        String url = serveEvent.getRequest().getUrl();
        String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
        if (armed == null || meeting == null || armed.stream().noneMatch(path::startsWith)) {
            return response;
        }
        String width = url.contains("bucket_width=1h") ? "1h" : "1d";
        if (!SEEN.add(path + " " + width)) {
            return response;
        }
        try {
            meeting.await(WAIT_SECONDS, TimeUnit.SECONDS);
            return response;
        } catch (Exception e) {
            return Response.Builder.like(response).but().status(400)
                    .body("{\"error\": {\"message\": \"rendezvous: this request was not in flight with "
                            + (meeting.getParties() - 1) + " others\"}}").build();
        }
    }
}
