package io.recgate.gateway.config;

import java.util.regex.Pattern;

/** Keeps secrets out of logs and error messages. Stateless and thread-safe. */
public final class Secrets {

    private static final Pattern USER_INFO = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://)([^@/]*)@");

    private Secrets() {
    }

    /**
     * A connection URI with its user-info replaced by {@code ***}, e.g.
     * {@code postgresql://***@db:5432/recgate}; a string that is no URI is returned as is.
     */
    public static String redactUri(String uri) {
        return USER_INFO.matcher(uri).replaceFirst("$1***@");
    }
}
