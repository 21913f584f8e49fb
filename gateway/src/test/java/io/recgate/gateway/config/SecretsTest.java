package io.recgate.gateway.config;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretsTest {

    @Test
    void redactUriMasksUpToTheLastAtWhenThePasswordHoldsAtColonAndSlash() {
        assertEquals("postgresql://***@db:5432/recgate",
                Secrets.redactUri("postgresql://app:LE@K:pa/ss@LEAK@db:5432/recgate"));
        assertEquals("redis://***@cache:6379/0", Secrets.redactUri("redis://:p@ss:w/rd@cache:6379/0"));
        assertEquals("rediss://***@cache:6380", Secrets.redactUri("rediss://user:a@b@cache:6380"));
    }

    @Test
    void redactUriLeavesUrisWithoutUserInfoAlone() {
        assertEquals("redis://cache:6379", Secrets.redactUri("redis://cache:6379"));
        assertEquals("not a uri @ all", Secrets.redactUri("not a uri @ all"));
        assertEquals("postgresql://db/x", Secrets.redactUri("postgresql://db/x"));
    }

    @Test
    void configToStringHidesPasswordsHoldingAt() {
        GatewayConfig c = ConfigLoader.load(Optional.empty(), Map.of(), Map.of(
                "store.postgresUrl", "postgresql://app:LE@K:pa/ss@LEAK@db:5432/recgate",
                "store.redisUrl", "redis://:r3@d:i/s@cache:6379"));
        String shown = c.toString();
        assertFalse(shown.contains("LEAK"), shown);
        assertFalse(shown.contains("pa/ss"), shown);
        assertFalse(shown.contains("r3"), shown);
        assertTrue(shown.contains("postgresql://***@db:5432/recgate"), shown);
        assertTrue(shown.contains("redis://***@cache:6379"), shown);
    }
}
