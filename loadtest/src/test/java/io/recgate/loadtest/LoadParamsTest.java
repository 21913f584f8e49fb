package io.recgate.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class LoadParamsTest {

    private static Properties props(String... pairs) {
        Properties p = new Properties();
        for (int i = 0; i < pairs.length; i += 2) {
            p.setProperty(pairs[i], pairs[i + 1]);
        }
        return p;
    }

    @Test
    void defaultsWhenNothingIsGiven() {
        LoadParams p = LoadParams.from(new Properties());
        assertEquals(URI.create("http://localhost:8080"), p.gatewayUrl());
        assertEquals(50, p.rate());
        assertEquals(Duration.ofSeconds(60), p.duration());
        assertEquals(Duration.ofSeconds(10), p.warmup());
        assertEquals(20, p.p99Millis());
        assertEquals(0, p.maxErrorPercent());
        assertEquals(Optional.empty(), p.adminToken());
        assertEquals(Optional.empty(), p.bundleDir());
        assertEquals(10, p.k());
        assertEquals(100, p.candidates());
        assertEquals(0.05, p.unknownShare());
        assertEquals(50, p.rampStart());
        assertEquals(50, p.rampStep());
        assertEquals(List.of(), p.swapVersions());
    }

    @Test
    void readsEveryPropertyWithUnits() {
        LoadParams p = LoadParams.from(props("gateway.url", "http://127.0.0.1:18080/", "rate", "250.5",
                "duration", "2m", "p99.ms", "35", "max.error.pct", "0.5", "admin.token", "secret-token-123456",
                "bundle.dir", "/tmp/b", "k", "5", "candidates", "50", "ramp.start", "100", "ramp.step", "25",
                "ramp.levels", "4", "ramp.level", "500ms", "swap.interval", "7", "swap.versions", "v000001, v000002"));
        assertEquals("http://127.0.0.1:18080", p.baseUrl());
        assertEquals(250.5, p.rate());
        assertEquals(Duration.ofMinutes(2), p.duration());
        assertEquals(35, p.p99Millis());
        assertEquals(0.5, p.maxErrorPercent());
        assertEquals(Optional.of("secret-token-123456"), p.adminToken());
        assertEquals(Optional.of(Path.of("/tmp/b")), p.bundleDir());
        assertEquals(175, p.rampRate(3));
        assertEquals(Duration.ofMillis(500), p.rampLevel());
        assertEquals(Duration.ofSeconds(7), p.swapInterval());
        assertEquals(List.of("v000001", "v000002"), p.swapVersions());
    }

    @Test
    void reportsEveryInvalidValueAtOnce() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LoadParams.from(props(
                "gateway.url", "ftp://x", "rate", "-3", "duration", "0s", "p99.ms", "abc", "max.error.pct", "101",
                "unknown.share", "1.5", "swap.versions", "v1", "sample.users", "10001")));
        String m = e.getMessage();
        for (String expected : new String[] {"gateway.url 'ftp://x' must be an http(s) URL with a host",
                "rate '-3' must be a positive number", "duration '0s' must be a positive duration",
                "p99.ms 'abc' must be a number", "max.error.pct '101' must be in [0, 100]",
                "unknown.share '1.5' must be in [0, 1]", "swap.versions 'v1' must name two different versions",
                "sample.users '10001' must be in [1, 10000]"}) {
            assertTrue(m.contains(expected), "missing '" + expected + "' in: " + m);
        }
    }

    @Test
    void refusesMoreResultsThanCandidates() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LoadParams.from(props("k", "20", "candidates", "10")));
        assertEquals("invalid load test parameters: k 20 > candidates 10", e.getMessage());
    }

    @Test
    void adminTokenIsRequiredWhereNeededWithTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LoadParams.from(props("admin.token", " ")).requireAdminToken("SwapUnderLoad"));
        assertEquals("-Dadmin.token is required for SwapUnderLoad (the gateway's http.adminToken)", e.getMessage());
    }

    @Test
    void bareDurationsAreSeconds() {
        assertEquals(Duration.ofSeconds(15), LoadParams.duration("15"));
        assertEquals(Duration.ZERO, LoadParams.from(props("warmup", "0")).warmup());
        assertEquals(Duration.ZERO, LoadParams.from(props("warmup", "0s")).warmup());
        assertEquals(Duration.ofHours(1), LoadParams.duration("1h"));
    }
}
