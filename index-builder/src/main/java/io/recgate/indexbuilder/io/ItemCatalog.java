package io.recgate.indexbuilder.io;

import io.recgate.core.ids.IdMap;
import java.util.List;
import java.util.Objects;

/**
 * Display metadata of items, aligned with the item {@link IdMap}: a title and a list of categories
 * per item (empty string and empty list when unknown). Published in the bundle for the gateway.
 */
public record ItemCatalog(IdMap items, List<String> titles, List<List<String>> categories) {

    public ItemCatalog {
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(titles, "titles");
        Objects.requireNonNull(categories, "categories");
        if (titles.size() != items.size() || categories.size() != items.size()) {
            throw new IllegalArgumentException("catalog sizes differ: " + items.size() + " items, "
                    + titles.size() + " titles, " + categories.size() + " category lists");
        }
    }

    /** A catalog with no titles or categories. */
    public static ItemCatalog empty(IdMap items) {
        return new ItemCatalog(items, java.util.Collections.nCopies(items.size(), ""),
                java.util.Collections.nCopies(items.size(), List.of()));
    }
}
