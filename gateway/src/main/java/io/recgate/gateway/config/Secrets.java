package io.recgate.gateway.config;

/** Keeps secrets out of logs and error messages. Stateless and thread-safe. */
public final class Secrets {

    private Secrets() {
    }

    /**
     * A connection URI with its user-info replaced by {@code ***}, e.g.
     * {@code postgresql://***@db:5432/recgate}; a string without {@code scheme://} or without
     * {@code @} is returned as is.
     *
     * <p>Everything between {@code ://} and the <em>last</em> {@code @} is masked: a password may
     * hold raw {@code @}, {@code :}, {@code /} or {@code ?}, and a host never holds {@code @}. The
     * price is that an {@code @} in the path or query (rare in a connection URI) masks too much,
     * never too little.
     */
    public static String redactUri(String uri) {
        int scheme = uri.indexOf("://");
        if (scheme <= 0 || !isScheme(uri, scheme)) {
            return uri;
        }
        int at = uri.lastIndexOf('@');
        if (at < scheme + 3) {
            return uri;
        }
        return uri.substring(0, scheme + 3) + "***" + uri.substring(at);
    }

    private static boolean isScheme(String s, int end) {
        if (!Character.isLetter(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < end; i++) {
            char c = s.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '+' || c == '.' || c == '-' || c == ':')) {
                return false;
            }
        }
        return true;
    }
}
