package dev.burnrate.provider;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Reads every page of a cursor-paginated vendor endpoint ({@code has_more} / {@code next_page}, as OpenAI
 * and Anthropic paginate). There is no fixed page limit: pages are read until the vendor says there are no more
 * or the vendor's time budget ends ({@link VendorCalls} makes no request once it has); a cursor the vendor hands out twice
 * would loop for ever and fails at once.
 */
public final class CursorPages {

    /** A page that says whether another follows and how to ask for it. */
    public interface Page {
        Boolean hasMore();

        String nextPage();
    }

    private CursorPages() {
    }

    /**
     * Fetches the first page ({@code fetch} gets a null cursor), then each next page, handing every page to
     * {@code onPage} in order.
     *
     * @throws VendorException when {@code has_more} is true without a {@code next_page} or a cursor repeats
     */
    public static <P extends Page> void readAll(String vendor, String endpoint, Function<String, P> fetch,
            Consumer<P> onPage) {
        String cursor = null;
        Set<String> seen = new HashSet<>();
        for (int pages = 1;; pages++) {
            P page = fetch.apply(cursor);
            onPage.accept(page);
            if (!Boolean.TRUE.equals(page.hasMore())) {
                return;
            }
            cursor = VendorHttp.require(page.nextPage(), vendor, endpoint, "next_page (has_more is true)");
            if (!seen.add(cursor)) {
                throw new VendorException(vendor, endpoint, "next_page repeats an earlier cursor after " + pages
                        + " pages; giving up rather than reading the same pages again");
            }
        }
    }
}
