package io.recgate.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AdminApiTest {

    @Test
    void swapsTheLiveVersionWithTheNewestOther() {
        AdminApi.Versions v = new AdminApi.Versions("v000002", List.of("v000001", "v000002", "v000003"));
        assertEquals(List.of("v000002", "v000003"), AdminApi.swapPair(v, List.of()));
        AdminApi.Versions newestLive = new AdminApi.Versions("v000003", List.of("v000001", "v000002", "v000003"));
        assertEquals(List.of("v000003", "v000002"), AdminApi.swapPair(newestLive, List.of()));
    }

    @Test
    void chosenVersionsMustBeLoadable() {
        AdminApi.Versions v = new AdminApi.Versions("v000002", List.of("v000001", "v000002"));
        assertEquals(List.of("v000001", "v000002"), AdminApi.swapPair(v, List.of("v000001", "v000002")));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> AdminApi.swapPair(v, List.of("v000001", "v000009")));
        assertEquals("swap.versions names v000009, which the gateway cannot load; loadable: [v000001, v000002]",
                e.getMessage());
    }

    @Test
    void oneVersionIsNotEnough() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> AdminApi.swapPair(new AdminApi.Versions("v000001", List.of("v000001")), List.of()));
        assertTrue(e.getMessage().startsWith("SwapUnderLoad needs two loadable bundle versions"), e.getMessage());
        assertEquals("the gateway has no live bundle yet", assertThrows(IllegalStateException.class,
                () -> AdminApi.swapPair(new AdminApi.Versions(null, List.of("v1", "v2")), List.of())).getMessage());
    }
}
