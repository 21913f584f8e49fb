package io.recgate.indexbuilder.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ValuesTest {

    @Test
    void parsesEpochSecondsAndIsoTimestamps() throws Values.Problem {
        assertEquals(978300760L, Values.timestamp("978300760"));
        assertEquals(-5L, Values.timestamp("-5"));
        assertEquals(978307200L, Values.timestamp("2001-01-01"));
        assertEquals(978307200L, Values.timestamp("2001-01-01T00:00:00Z"));
        assertEquals(978307200L, Values.timestamp("2001-01-01T00:00:00"));
        assertEquals(978307200L, Values.timestamp("2001-01-01 00:00:00"));
        assertEquals(978300000L, Values.timestamp("2001-01-01T00:00:00+02:00"));
        assertEquals(978310800L, Values.timestamp("2001-01-01T00:00:00-01:00"));
        assertEquals(978307200L, Values.timestamp("2001-01-01T00:00:00.750Z"));
    }

    @Test
    void shortDecimalFastPathMatchesParseFloat() throws Values.Problem {
        java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        for (int k = 0; k < 200_000; k++) {
            int digits = 1 + random.nextInt(7);
            StringBuilder sb = new StringBuilder(random.nextBoolean() ? "-" : "");
            int dot = random.nextInt(digits + 1);
            for (int d = 0; d < digits; d++) {
                if (d == dot) {
                    sb.append('.');
                }
                sb.append((char) ('0' + random.nextInt(10)));
            }
            String s = sb.toString();
            assertEquals(Float.parseFloat(s), Values.shortDecimal(s), s);
            assertEquals(Float.parseFloat(s), Values.rating(s), s);
        }
        assertEquals(Float.parseFloat("-0"), Values.shortDecimal("-0"));
        assertEquals(3.5f, Values.rating("3.5"));
        assertEquals(5f, Values.rating("+5."));
        assertEquals(0.5f, Values.rating(".5"));
        assertEquals(1.5e-3f, Values.rating("1.5e-3"));
        assertEquals(123456789f, Values.rating("123456789"));
    }

    @Test
    void refusesMalformedValuesWithTheProblem() {
        assertEquals("timestamp is neither epoch seconds nor ISO-8601",
                assertThrows(Values.Problem.class, () -> Values.timestamp("978300760.5")).getMessage());
        assertEquals("timestamp out of range",
                assertThrows(Values.Problem.class, () -> Values.timestamp("99999999999999999999")).getMessage());
        assertEquals("empty timestamp", assertThrows(Values.Problem.class, () -> Values.timestamp(" ")).getMessage());
        assertEquals("rating is not a number", assertThrows(Values.Problem.class, () -> Values.rating("4f")).getMessage());
        assertEquals("rating is not a number", assertThrows(Values.Problem.class, () -> Values.rating("0x1p2")).getMessage());
        assertEquals("rating is not a number", assertThrows(Values.Problem.class, () -> Values.rating(".")).getMessage());
        assertEquals("rating is not a number", assertThrows(Values.Problem.class, () -> Values.rating("-")).getMessage());
        assertEquals("rating is not a number", assertThrows(Values.Problem.class, () -> Values.rating("1.2.3")).getMessage());
        assertEquals("empty rating", assertThrows(Values.Problem.class, () -> Values.rating("")).getMessage());
        assertEquals("weight is not finite", assertThrows(Values.Problem.class, () -> Values.weight("NaN")).getMessage());
        assertEquals("negative weight -0.5",
                assertThrows(Values.Problem.class, () -> Values.weight(" -0.5")).getMessage());
        assertEquals("empty item id", assertThrows(Values.Problem.class, () -> Values.id(" ", "item")).getMessage());
    }
}
