package io.recgate.indexbuilder.io;

import io.recgate.core.ids.IdMap;
import java.util.List;
import java.util.Objects;

/**
 * Categorical side features of users or of items, as tokens of the form {@code name:value}
 * (e.g. {@code age:25-34}, {@code gender:F}, {@code genre:Comedy}, {@code year:1990s}), aligned with
 * the dense indices of an {@link IdMap}. An entity may have any number of tokens, including none.
 * This is the one shape the FM trainer consumes, whatever file the features came from.
 */
public record SideFeatures(IdMap ids, List<List<String>> tokens) {

    public SideFeatures {
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(tokens, "tokens");
        if (tokens.size() != ids.size()) {
            throw new IllegalArgumentException("tokens for " + tokens.size() + " entities but " + ids.size() + " ids");
        }
    }

    /** No features for any entity. */
    public static SideFeatures none(IdMap ids) {
        return new SideFeatures(ids, java.util.Collections.nCopies(ids.size(), List.of()));
    }

    /** Tokens of the entity at a dense index. */
    public List<String> of(int index) {
        return tokens.get(index);
    }
}
