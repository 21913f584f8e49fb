package io.recgate.indexbuilder.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventWeightsTest {

    @Test
    void defaultsWeighStrongerSignalsMoreAndARatingByItsValue() {
        EventWeights w = EventWeights.defaults();
        assertEquals(1.0, w.weight("view", null));
        assertEquals(2.0, w.weight("click", 3.0), "a fixed weight ignores the value");
        assertEquals(4.0, w.weight("like", null));
        assertEquals(8.0, w.weight("purchase", null));
        assertEquals(4.5, w.weight("rate", 4.5));
        assertTrue(Double.isNaN(w.weight("rate", null)), "a rate without value counts for nothing");
        assertTrue(Double.isNaN(w.weight("rate", -1.0)), "nor a rating at or below 0");
        assertTrue(Double.isNaN(w.weight("share", null)), "nor an unknown type");
        assertEquals("view=1,click=2,like=4,rate=value,purchase=8", w.toString());
    }

    @Test
    void overridesChangeTypesAndZeroDropsOne() {
        EventWeights w = EventWeights.parse(Map.of("VIEW", "0", "rate", "3", "click", "value"));
        assertTrue(Double.isNaN(w.weight("view", null)));
        assertEquals(3.0, w.weight("rate", 1.0));
        assertEquals(7.0, w.weight("click", 7.0));
        assertEquals("view=0,click=value,like=4,rate=3,purchase=8", w.toString());
    }

    @Test
    void everyBadOverrideIsReportedAtOnce() {
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("share", "1");
        bad.put("view", "-1");
        bad.put("like", "lots");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EventWeights.parse(bad));
        assertEquals("unknown event type 'share' (known: view, click, like, rate, purchase); weight of view -1 must be"
                + " finite and >= 0; weight of like 'lots' is not a number or 'value'", e.getMessage());
    }
}
