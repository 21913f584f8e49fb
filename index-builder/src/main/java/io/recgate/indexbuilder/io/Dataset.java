package io.recgate.indexbuilder.io;

import java.util.Objects;

/**
 * Everything a reader produces: the interactions, whether their values are explicit ratings,
 * the item catalog and the side features of users and items (aligned with the interactions' id
 * maps). Readers of formats without metadata fill in empty catalogs and features.
 */
public record Dataset(Interactions interactions, boolean explicit, ItemCatalog catalog,
                      SideFeatures userFeatures, SideFeatures itemFeatures) {

    public Dataset {
        Objects.requireNonNull(interactions, "interactions");
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(userFeatures, "userFeatures");
        Objects.requireNonNull(itemFeatures, "itemFeatures");
        if (!catalog.items().equals(interactions.items()) || !itemFeatures.ids().equals(interactions.items())
                || !userFeatures.ids().equals(interactions.users())) {
            throw new IllegalArgumentException("catalog and side features must use the interactions' id maps");
        }
    }
}
