package dev.burnrate.vendor;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Reads every page of a cursor-paginated vendor endpoint ({@code has_more} / {@code next_page}, as OpenAI
 * and Anthropic paginate).
 */
public final class CursorPages {

    /** Stops a vendor that keeps saying {@code has_more} from looping for ever. */
    static final int MAX_PAGES = 100;

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
     * @throws VendorException when {@code has_more} is true without a {@code next_page}, or after
     *                         {@value #MAX_PAGES} pages
     */
    public static <P extends Page> void readAll(String vendor, String endpoint, Function<String, P> fetch,
            Consumer<P> onPage) {
        String cursor = null;
        for (int pages = 1;; pages++) {
            P page = fetch.apply(cursor);
            onPage.accept(page);
            if (!Boolean.TRUE.equals(page.hasMore())) {
                return;
            }
            if (pages >= MAX_PAGES) {
                throw new VendorException(vendor, endpoint, "still has_more after " + MAX_PAGES + " pages; giving up");
            }
            cursor = VendorHttp.require(page.nextPage(), vendor, endpoint, "next_page (has_more is true)");
        }
    }
}
