package io.recgate.gateway.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void defaultsAreValid() {
        GatewayConfig c = ConfigLoader.load(Optional.empty(), Map.of(), Map.of());
        assertEquals(8080, c.http().port());
        assertEquals(Duration.ofSeconds(2), c.http().requestTimeout());
        assertEquals(1_048_576, c.http().maxBodyBytes());
        assertTrue(c.http().adminToken().isEmpty());
        assertTrue(c.store().postgresUrl().isEmpty());
        assertTrue(c.store().redisUrl().isEmpty());
        assertEquals(1.0, c.events().minRating());
        assertEquals(5.0, c.events().maxRating());
        assertTrue(c.bundlesDir().isEmpty());
    }

    @Test
    void fileThenEnvironmentThenFlagsOverride() throws IOException {
        Path file = dir.resolve("gateway.json");
        Files.writeString(file, """
                {"http": {"port": 9000, "maxInFlight": 10, "requestTimeout": "750ms"},
                 "store.recentPerUser": 7, "events": {"maxRating": 10}}
                """);
        Map<String, String> env = Map.of(
                "RECGATE_HTTP_PORT", "9100",
                "RECGATE_HTTP_MAX_IN_FLIGHT", "20",
                "RECGATE_TEST_PG_URL", "ignored: not a config key");
        Map<String, String> flags = Map.of("http.port", "9200", "bundles.dir", "/srv/bundles");
        GatewayConfig c = ConfigLoader.load(Optional.of(file), env, flags);
        assertEquals(9200, c.http().port(), "flag wins over env and file");
        assertEquals(20, c.http().maxInFlight(), "env wins over file");
        assertEquals(Duration.ofMillis(750), c.http().requestTimeout(), "file wins over default");
        assertEquals(7, c.store().recentPerUser());
        assertEquals(10.0, c.events().maxRating());
        assertEquals(Optional.of(Path.of("/srv/bundles")), c.bundlesDir());
    }

    @Test
    void envNamesAreUpperSnakeCase() {
        assertEquals("RECGATE_HTTP_MAX_BODY_BYTES", ConfigLoader.envName("http.maxBodyBytes"));
        assertEquals("RECGATE_STORE_REDIS_URL", ConfigLoader.envName("store.redisUrl"));
    }

    @Test
    void everyErrorIsReportedAtOnceWithItsSource() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Optional.empty(),
                Map.of("RECGATE_HTTP_REQUEST_TIMEOUT", "5"),
                Map.of("http.port", "http", "http.maxInFlight", "0", "http.maxK", "50", "http.maxCandidates", "10",
                        "store.redisUrl", "localhost:6379", "events.minRating", "5", "http.prot", "1")));
        assertEquals(7, e.errors().size(), e.getMessage());
        String m = e.getMessage();
        assertTrue(m.contains("http.port: 'http' is not an integer (from flag)"), m);
        assertTrue(m.contains("http.requestTimeout: '5' is not a duration with a unit"), m);
        assertTrue(m.contains("(from environment RECGATE_HTTP_REQUEST_TIMEOUT)"), m);
        assertTrue(m.contains("http.maxInFlight: '0' is out of range [1, 1000000]"), m);
        assertTrue(m.contains("http.maxCandidates (10) must be >= http.maxK (50)"), m);
        assertTrue(m.contains("store.redisUrl: 'localhost:6379' must start with redis://, rediss://"), m);
        assertTrue(m.contains("events.minRating (5.0) must be < events.maxRating (5.0)"), m);
        assertTrue(m.contains("unknown key 'http.prot' from flag"), m);
    }

    @Test
    void secretsNeverAppearInErrorsOrToString() {
        String token = "short-secret";
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Optional.empty(), Map.of(),
                Map.of("http.adminToken", token, "store.postgresUrl", "mysql://admin:hunter2@db/x")));
        assertTrue(e.getMessage().contains("http.adminToken: too short (12 chars < 16)"), e.getMessage());
        assertFalse(e.getMessage().contains(token), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        assertTrue(e.getMessage().contains("mysql://***@db/x"), e.getMessage());

        GatewayConfig c = ConfigLoader.load(Optional.empty(), Map.of(), Map.of(
                "http.adminToken", "a-long-enough-admin-token",
                "store.postgresUrl", "postgresql://app:hunter2@db:5432/recgate",
                "store.redisUrl", "redis://:pw123@cache:6379"));
        String shown = c.toString();
        assertFalse(shown.contains("a-long-enough-admin-token"), shown);
        assertFalse(shown.contains("hunter2"), shown);
        assertFalse(shown.contains("pw123"), shown);
        assertTrue(shown.contains("postgresql://***@db:5432/recgate"), shown);
    }

    @Test
    void recommendDefaultsAreCheckedAgainstTheHttpBounds() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Optional.empty(), Map.of(),
                Map.of("http.maxK", "5", "recommend.poolSize", "0", "bundles.pollInterval", "5")));
        assertEquals(3, e.errors().size(), e.getMessage());
        assertTrue(e.getMessage().contains("recommend.defaultK (10) must be <= http.maxK (5)"), e.getMessage());
        assertTrue(e.getMessage().contains("recommend.poolSize"), e.getMessage());
        assertTrue(e.getMessage().contains("bundles.pollInterval"), e.getMessage());
        GatewayConfig c = ConfigLoader.load(Optional.empty(), Map.of(), Map.of("bundles.pollInterval", "250ms"));
        assertEquals(java.time.Duration.ofMillis(250), c.recommend().pollInterval());
        assertEquals(10, c.recommend().defaultK());
    }

    @Test
    void badFileIsReportedWithOtherErrors() throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"http\": {\"port\": ");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Optional.of(file), Map.of(),
                Map.of("http.maxK", "-1")));
        assertEquals(2, e.errors().size(), e.getMessage());
        assertTrue(e.errors().get(0).startsWith("config file " + file + " is not a JSON object"), e.getMessage());

        ConfigException missing = assertThrows(ConfigException.class, () -> ConfigLoader.load(
                Optional.of(dir.resolve("absent.json")), Map.of(), Map.of()));
        assertTrue(missing.getMessage().contains("absent.json does not exist"), missing.getMessage());
    }

    @Test
    void durationsAcceptUnitsAndIso() {
        GatewayConfig c = ConfigLoader.load(Optional.empty(), Map.of(), Map.of(
                "http.requestTimeout", "PT0.5S", "store.recentTtl", "7d", "store.responseCacheTtl", "2m",
                "http.retryAfter", "1500ms"));
        assertEquals(Duration.ofMillis(500), c.http().requestTimeout());
        assertEquals(Duration.ofDays(7), c.store().recentTtl());
        assertEquals(Duration.ofMinutes(2), c.store().responseCacheTtl());
        assertEquals(2, c.http().retryAfterSeconds(), "Retry-After rounds up to whole seconds");
    }
}
