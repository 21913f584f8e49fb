package io.recgate.gateway.config;

import java.util.List;

/**
 * Thrown by {@link ConfigLoader} with every problem found, one message each, so a bad deployment
 * is fixed in one round. Messages never contain secret values.
 */
public final class ConfigException extends IllegalArgumentException {

    private final List<String> errors;

    ConfigException(List<String> errors) {
        super("invalid configuration (" + errors.size() + " error" + (errors.size() == 1 ? "" : "s") + "):\n  - "
                + String.join("\n  - ", errors));
        this.errors = List.copyOf(errors);
    }

    /** One message per problem, in key order. */
    public List<String> errors() {
        return errors;
    }
}
