package io.recgate.core.fm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recgate.core.ids.IdMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureSpaceTest {

    private static final IdMap USERS = IdMap.of(List.of("alice", "bob"));
    private static final IdMap ITEMS = IdMap.of(List.of("m1", "m2", "m3"));

    private static FeatureSpace space() {
        return FeatureSpace.of(USERS, ITEMS,
                List.of(List.of("gender:F", "age:25-34"), List.of("gender:M")),
                List.of(List.of("genre:Comedy", "genre:Drama", "year:1990s"), List.of(), List.of("genre:Drama")),
                new int[][] {{2, 0, 2, 1, 0}, {}});
    }

    @Test
    void laysOutGroupsInOrder() {
        FeatureSpace space = space();
        assertEquals(0, space.offset(FeatureGroup.USER_ID));
        assertEquals(2, space.offset(FeatureGroup.ITEM_ID));
        assertEquals(5, space.offset(FeatureGroup.USER_TOKEN));
        assertEquals(3, space.size(FeatureGroup.USER_TOKEN));
        assertEquals(8, space.offset(FeatureGroup.ITEM_TOKEN));
        assertEquals(3, space.size(FeatureGroup.ITEM_TOKEN));
        assertEquals(11, space.offset(FeatureGroup.IMPLICIT));
        assertEquals(14, space.numFeatures());
        assertEquals(FeatureGroup.ITEM_TOKEN, space.groupOf(10));
        assertEquals("rated=m3", space.featureName(13));
        assertEquals("user=bob", space.featureName(1));
        assertEquals("age:25-34", space.featureName(5));
    }

    @Test
    void normalisesMultiHotFieldsAndImplicitItems() {
        FeatureSpace space = space();
        SparseFeatures item0 = space.itemFeatures(0);
        // genre:Comedy and genre:Drama share the name "genre": 1/2 each; year is alone: 1.
        assertArrayEquals(new int[] {2, 8, 9, 10}, item0.indices());
        assertArrayEquals(new float[] {1f, 0.5f, 0.5f, 1f}, item0.values());
        SparseFeatures alice = space.userFeatures(0);
        float r = (float) (1 / Math.sqrt(3));
        assertArrayEquals(new int[] {0, 5, 6, 11, 12, 13}, alice.indices());
        assertArrayEquals(new float[] {1f, 1f, 1f, r, r, r}, alice.values());
        assertArrayEquals(new int[] {1, 7}, space.userFeatures(1).indices());
    }

    @Test
    void encodesNewUsersIgnoringUnknownTokens() {
        FeatureSpace space = space();
        SparseFeatures x = space.encodeUser(-1, List.of("gender:M", "zip:99"), new int[] {1});
        assertArrayEquals(new int[] {7, 12}, x.indices());
        assertArrayEquals(new float[] {1f, 1f}, x.values());
        assertEquals("rated item 3 outside [0, 3)", assertThrows(IllegalArgumentException.class,
                () -> space.encodeUser(0, List.of(), new int[] {3})).getMessage());
    }

    @Test
    void reencodingAStoredUserGivesTheStoredRow() {
        FeatureSpace space = space();
        assertEquals(List.of("age:25-34", "gender:F"), space.userTokens(0));
        assertArrayEquals(new int[] {0, 1, 2}, space.ratedItems(0));
        assertEquals(space.userFeatures(0), space.encodeUser(0, space.userTokens(0), space.ratedItems(0)));
        assertEquals("user 2 outside [0, 2)",
                assertThrows(IllegalArgumentException.class, () -> space.ratedItems(2)).getMessage());
    }

    @Test
    void groupsCanBeSwitchedOff() {
        FeatureSpace space = FeatureSpace.of(USERS, ITEMS, null, null, null);
        assertEquals(5, space.numFeatures());
        assertFalse(space.implicit());
        assertEquals(0, space.size(FeatureGroup.IMPLICIT));
        assertArrayEquals(new int[] {1}, space.userFeatures(1).indices());
        assertTrue(space.encodeUser(-1, List.of("gender:F"), new int[] {0}).size() == 0);
    }

    @Test
    void refusesMisalignedInput() {
        assertEquals("user tokens for 1 entities but 2 ids", assertThrows(IllegalArgumentException.class,
                () -> FeatureSpace.of(USERS, ITEMS, List.of(List.of()), null, null)).getMessage());
        assertEquals("rated items for 1 users but 2 user ids", assertThrows(IllegalArgumentException.class,
                () -> FeatureSpace.of(USERS, ITEMS, null, null, new int[][] {{}})).getMessage());
        assertEquals("rated items of user bob outside [0, 3): [5]", assertThrows(IllegalArgumentException.class,
                () -> FeatureSpace.of(USERS, ITEMS, null, null, new int[][] {{}, {5}})).getMessage());
        assertEquals("empty item token at entity 1", assertThrows(IllegalArgumentException.class,
                () -> FeatureSpace.of(USERS, ITEMS, null, List.of(List.of(), List.of(""), List.of()), null))
                .getMessage());
    }
}
