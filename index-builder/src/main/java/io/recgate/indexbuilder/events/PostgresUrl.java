package io.recgate.indexbuilder.events;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Properties;

/**
 * Where the gateway's PostgreSQL is, parsed from the URL the gateway itself reads
 * ({@code store.postgresUrl}): {@code postgresql://user:password@host:port/db?param=value},
 * {@code postgres://...}, or a JDBC URL {@code jdbc:postgresql://host:port/db?user=...&password=...}.
 * The password comes from the URL or, when the URL has none, from the caller (e.g. {@code PGPASSWORD}).
 *
 * <p>{@link #toString()} and {@link #redacted()} never show the password; the JDBC URL handed to
 * the driver carries no credentials (they go in {@link #properties()}). Immutable, thread-safe.
 */
public final class PostgresUrl {

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final String redacted;

    private PostgresUrl(String jdbcUrl, String user, String password, String redacted) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.redacted = redacted;
    }

    /**
     * Parses a URL.
     *
     * @param url              a {@code postgresql://}, {@code postgres://} or {@code jdbc:postgresql://} URL
     * @param fallbackPassword the password when the URL holds none; may be null
     * @throws IllegalArgumentException for anything else; the message shows the URL without its credentials
     */
    public static PostgresUrl parse(String url, String fallbackPassword) {
        Objects.requireNonNull(url, "url");
        String shown = redact(url);
        String rest;
        if (url.startsWith("jdbc:postgresql://")) {
            rest = url.substring("jdbc:".length());
        } else if (url.startsWith("postgresql://") || url.startsWith("postgres://")) {
            rest = url;
        } else {
            throw new IllegalArgumentException("not a PostgreSQL URL: '" + shown
                    + "' (expected postgresql://user:password@host:port/db or jdbc:postgresql://host:port/db)");
        }
        URI uri;
        try {
            uri = new URI(rest);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("malformed PostgreSQL URL '" + shown + "'");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("PostgreSQL URL '" + shown + "' names no host");
        }
        String db = uri.getRawPath() == null || uri.getRawPath().length() <= 1 ? "" : uri.getRawPath().substring(1);
        if (db.isEmpty() || db.contains("/")) {
            throw new IllegalArgumentException("PostgreSQL URL '" + shown + "' names no database (.../DBNAME)");
        }
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String info = uri.getRawUserInfo();
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            password = colon < 0 ? null : decode(info.substring(colon + 1));
        }
        StringBuilder query = new StringBuilder();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                if (key.equals("user")) {
                    user = value;
                } else if (key.equals("password")) {
                    password = value;
                } else {
                    query.append(query.isEmpty() ? '?' : '&').append(pair);
                }
            }
        }
        if (user == null || user.isEmpty()) {
            throw new IllegalArgumentException("PostgreSQL URL '" + shown + "' names no user");
        }
        if (password == null || password.isEmpty()) {
            password = fallbackPassword == null || fallbackPassword.isEmpty() ? null : fallbackPassword;
        }
        String hostPort = (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host)
                + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        String jdbc = "jdbc:postgresql://" + hostPort + "/" + db + query;
        String redacted = "postgresql://" + user + (password == null ? "" : ":***") + "@" + hostPort + "/" + db;
        return new PostgresUrl(jdbc, user, password, redacted);
    }

    /**
     * A URL with any user-info and {@code password=} parameter masked, for messages about an unparsed URL.
     * Everything between {@code ://} and the <em>last</em> {@code @} is masked, since a password may hold
     * raw {@code @}, {@code :} or {@code /} and a host never holds {@code @} (an {@code @} in the query
     * masks too much, never too little).
     */
    static String redact(String url) {
        String masked = url;
        int scheme = url.indexOf("://");
        int at = url.lastIndexOf('@');
        if (scheme > 0 && at >= scheme + 3 && url.substring(0, scheme).matches("[a-zA-Z][a-zA-Z0-9+.:-]*")) {
            masked = url.substring(0, scheme + 3) + "***" + url.substring(at);
        }
        return masked.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The JDBC URL without credentials. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** The user name. */
    public String user() {
        return user;
    }

    /** Whether a password is known (from the URL or the fallback). */
    public boolean hasPassword() {
        return password != null;
    }

    /**
     * Driver properties: user, password (when known), and the given connect timeout.
     *
     * @param connectTimeoutSeconds the driver's {@code connectTimeout}, at least 1
     */
    public Properties properties(int connectTimeoutSeconds) {
        if (connectTimeoutSeconds < 1) {
            throw new IllegalArgumentException("connectTimeoutSeconds " + connectTimeoutSeconds + " must be >= 1");
        }
        Properties p = new Properties();
        p.setProperty("user", user);
        if (password != null) {
            p.setProperty("password", password);
        }
        p.setProperty("connectTimeout", Integer.toString(connectTimeoutSeconds));
        p.setProperty("ApplicationName", "recgate export-events");
        return p;
    }

    /** Masks the password wherever it occurs in a message (driver messages are not trusted to omit it). */
    public String mask(String message) {
        if (message == null || password == null || password.length() < 3) {
            return message;
        }
        return message.replace(password, "***");
    }

    /** {@code postgresql://user:***@host:port/db}. */
    public String redacted() {
        return redacted;
    }

    @Override
    public String toString() {
        return redacted;
    }
}
