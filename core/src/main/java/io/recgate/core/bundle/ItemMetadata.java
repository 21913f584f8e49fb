package io.recgate.core.bundle;

import java.util.List;
import java.util.Objects;

/**
 * One line of {@link BundleFiles#ITEMS}: what the gateway shows for an item.
 *
 * @param id         the external item id
 * @param title      display title, empty when unknown
 * @param categories category names, empty when unknown
 */
public record ItemMetadata(String id, String title, List<String> categories) {

    public ItemMetadata {
        Objects.requireNonNull(id, "id");
        title = title == null ? "" : title;
        categories = categories == null ? List.of() : List.copyOf(categories);
    }
}
