package io.recgate.indexbuilder.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PostgresUrlTest {

    @Test
    void theGatewaysUrlBecomesAJdbcUrlWithoutCredentials() {
        PostgresUrl u = PostgresUrl.parse("postgresql://recgate:s3cr%40t@db.internal:5433/events?sslmode=require", null);
        assertEquals("jdbc:postgresql://db.internal:5433/events?sslmode=require", u.jdbcUrl());
        assertEquals("recgate", u.user());
        assertEquals("s3cr@t", u.properties(5).getProperty("password"));
        assertEquals("5", u.properties(5).getProperty("connectTimeout"));
        assertEquals("postgresql://recgate:***@db.internal:5433/events", u.redacted());
        assertFalse(u.toString().contains("s3cr"), u.toString());
    }

    @Test
    void jdbcUrlsAndPostgresSchemeAreAcceptedWithCredentialsInTheQuery() {
        PostgresUrl u = PostgresUrl.parse("jdbc:postgresql://h/db?user=a&password=pw1&ssl=true", null);
        assertEquals("jdbc:postgresql://h/db?ssl=true", u.jdbcUrl());
        assertEquals("a", u.user());
        assertEquals("pw1", u.properties(1).getProperty("password"));
        assertEquals("jdbc:postgresql://h:1/d", PostgresUrl.parse("postgres://u@h:1/d", null).jdbcUrl());
    }

    @Test
    void aUrlWithoutPasswordTakesTheFallbackAndTheUrlsPasswordWins() {
        assertEquals("fromenv", PostgresUrl.parse("postgresql://u@h/d", "fromenv").properties(1).getProperty("password"));
        assertEquals("inurl", PostgresUrl.parse("postgresql://u:inurl@h/d", "fromenv").properties(1).getProperty("password"));
        PostgresUrl none = PostgresUrl.parse("postgresql://u@h/d", null);
        assertFalse(none.hasPassword());
        assertEquals(null, none.properties(1).getProperty("password"));
        assertEquals("postgresql://u@h/d", none.redacted());
    }

    @Test
    void badUrlsAreRefusedWithoutEchoingThePassword() {
        IllegalArgumentException scheme = assertThrows(IllegalArgumentException.class,
                () -> PostgresUrl.parse("mysql://u:hunter22@h/d", null));
        assertEquals("not a PostgreSQL URL: 'mysql://***@h/d' (expected postgresql://user:password@host:port/db"
                + " or jdbc:postgresql://host:port/db)", scheme.getMessage());
        IllegalArgumentException noDb = assertThrows(IllegalArgumentException.class,
                () -> PostgresUrl.parse("postgresql://u:hunter22@h:5432", null));
        assertEquals("PostgreSQL URL 'postgresql://***@h:5432' names no database (.../DBNAME)", noDb.getMessage());
        IllegalArgumentException noUser = assertThrows(IllegalArgumentException.class,
                () -> PostgresUrl.parse("jdbc:postgresql://h/d?password=hunter22", null));
        assertEquals("PostgreSQL URL 'jdbc:postgresql://h/d?password=***' names no user", noUser.getMessage());
        IllegalArgumentException noHost = assertThrows(IllegalArgumentException.class,
                () -> PostgresUrl.parse("postgresql:///d", null));
        assertTrue(noHost.getMessage().contains("names no host"), noHost.getMessage());
    }

    @Test
    void maskHidesThePasswordInDriverMessages() {
        PostgresUrl u = PostgresUrl.parse("postgresql://u:hunter22@h/d", null);
        assertEquals("auth with *** failed", u.mask("auth with hunter22 failed"));
        assertThrows(IllegalArgumentException.class, () -> u.properties(0));
    }
    @Test
    void redactMasksUpToTheLastAtWhenThePasswordHoldsAtColonAndSlash() {
        String url = "postgresql://app:LE@K:pa/ss@LEAK@db.internal:5432/events";
        assertEquals("postgresql://***@db.internal:5432/events", PostgresUrl.redact(url));
        assertEquals("jdbc:postgresql://***@h/d?password=***", PostgresUrl.redact("jdbc:postgresql://u:a@b/c@h/d?password=xy"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PostgresUrl.parse(url, null));
        assertFalse(e.getMessage().contains("LE"), e.getMessage());
        assertFalse(e.getMessage().contains("pa/ss"), e.getMessage());
        assertTrue(e.getMessage().contains("postgresql://***@db.internal:5432/events"), e.getMessage());
    }
}
