package io.recgate.core.fm;

import io.recgate.core.ids.IdMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The FM feature layout and the features of every known user and item.
 *
 * <p>Feature indices are laid out group after group, in {@link FeatureGroup} order: one-hot user
 * ids, one-hot item ids, user token vocabulary, item token vocabulary, and (when enabled) one
 * implicit feature per item. Values:
 * <ul>
 *   <li>ids: 1;</li>
 *   <li>tokens {@code name:value}: {@code 1/c}, where {@code c} is the number of the entity's
 *       tokens with the same {@code name} (the part before the first {@code ':'}, or the whole token),
 *       so a multi-hot field such as {@code genre} sums to 1 and a single-valued one is 1;</li>
 *   <li>implicit: {@code 1/sqrt(|N(u)|)} for each item in the user's rated set {@code N(u)}.</li>
 * </ul>
 *
 * <p>Besides the layout, the space stores each known user's tokens and rated set and each item's
 * tokens, so a model file is self-contained: {@link #userFeatures(int)} and
 * {@link #itemFeatures(int)} rebuild the exact rows the model was trained on. Immutable and
 * thread-safe.
 */
public final class FeatureSpace {

    private final IdMap users;
    private final IdMap items;
    private final IdMap userVocabulary;
    private final IdMap itemVocabulary;
    private final boolean implicit;
    // CSR rows, each row strictly increasing: user -> user vocabulary indices, item -> item
    // vocabulary indices, user -> rated item indices (empty when implicit is off).
    private final int[] userTokenOffsets;
    private final int[] userTokens;
    private final int[] itemTokenOffsets;
    private final int[] itemTokens;
    private final int[] ratedOffsets;
    private final int[] rated;
    // Per vocabulary token, the id of its name (prefix), to normalise multi-hot fields.
    private final int[] userTokenName;
    private final int[] itemTokenName;
    private final int[] groupOffset;

    FeatureSpace(IdMap users, IdMap items, IdMap userVocabulary, IdMap itemVocabulary, boolean implicit,
                 int[] userTokenOffsets, int[] userTokens, int[] itemTokenOffsets, int[] itemTokens,
                 int[] ratedOffsets, int[] rated) {
        this.users = Objects.requireNonNull(users, "users");
        this.items = Objects.requireNonNull(items, "items");
        this.userVocabulary = Objects.requireNonNull(userVocabulary, "userVocabulary");
        this.itemVocabulary = Objects.requireNonNull(itemVocabulary, "itemVocabulary");
        this.implicit = implicit;
        checkRows("user tokens", userTokenOffsets, userTokens, users.size(), userVocabulary.size());
        checkRows("item tokens", itemTokenOffsets, itemTokens, items.size(), itemVocabulary.size());
        checkRows("rated items", ratedOffsets, rated, users.size(), items.size());
        if (!implicit && rated.length != 0) {
            throw new IllegalArgumentException("rated items given (" + rated.length
                    + ") but the implicit group is off");
        }
        this.userTokenOffsets = userTokenOffsets;
        this.userTokens = userTokens;
        this.itemTokenOffsets = itemTokenOffsets;
        this.itemTokens = itemTokens;
        this.ratedOffsets = ratedOffsets;
        this.rated = rated;
        this.userTokenName = nameIds(userVocabulary);
        this.itemTokenName = nameIds(itemVocabulary);
        FeatureGroup[] groups = FeatureGroup.values();
        this.groupOffset = new int[groups.length + 1];
        for (int g = 0; g < groups.length; g++) {
            groupOffset[g + 1] = Math.addExact(groupOffset[g], sizeOf(groups[g]));
        }
    }

    /**
     * Builds a space from per-entity data.
     *
     * @param users       user ids
     * @param items       item ids
     * @param userTokens  tokens per user (aligned with {@code users}), or null for no user token group
     * @param itemTokens  tokens per item (aligned with {@code items}), or null for no item token group
     * @param ratedItems  item indices each user rated (aligned with {@code users}), or null to switch
     *                    the implicit group off; duplicates are ignored
     * @throws IllegalArgumentException on misaligned lists, empty tokens or item indices out of range
     */
    public static FeatureSpace of(IdMap users, IdMap items, List<List<String>> userTokens,
                                  List<List<String>> itemTokens, int[][] ratedItems) {
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(items, "items");
        IdMap userVocabulary = vocabulary("user", userTokens, users.size());
        IdMap itemVocabulary = vocabulary("item", itemTokens, items.size());
        int[][] userRows = tokenRows(userTokens, userVocabulary, users.size());
        int[][] itemRows = tokenRows(itemTokens, itemVocabulary, items.size());
        int[][] ratedRows = new int[users.size()][];
        if (ratedItems != null) {
            if (ratedItems.length != users.size()) {
                throw new IllegalArgumentException("rated items for " + ratedItems.length + " users but "
                        + users.size() + " user ids");
            }
            for (int u = 0; u < ratedRows.length; u++) {
                int[] row = Arrays.stream(ratedItems[u]).sorted().distinct().toArray();
                if (row.length > 0 && (row[0] < 0 || row[row.length - 1] >= items.size())) {
                    throw new IllegalArgumentException("rated items of user " + users.id(u) + " outside [0, "
                            + items.size() + "): " + Arrays.toString(ratedItems[u]));
                }
                ratedRows[u] = row;
            }
        } else {
            Arrays.fill(ratedRows, new int[0]);
        }
        int[] uOff = offsets(userRows);
        int[] iOff = offsets(itemRows);
        int[] rOff = offsets(ratedRows);
        return new FeatureSpace(users, items, userVocabulary, itemVocabulary, ratedItems != null,
                uOff, flatten(userRows, uOff), iOff, flatten(itemRows, iOff), rOff, flatten(ratedRows, rOff));
    }

    /** Total number of features. */
    public int numFeatures() {
        return groupOffset[groupOffset.length - 1];
    }

    /** First feature index of a group. */
    public int offset(FeatureGroup group) {
        return groupOffset[group.ordinal()];
    }

    /** Number of features in a group (0 for a group that is off). */
    public int size(FeatureGroup group) {
        return groupOffset[group.ordinal() + 1] - groupOffset[group.ordinal()];
    }

    /**
     * The group of a feature index.
     *
     * @throws IllegalArgumentException when the index is outside [0, numFeatures)
     */
    public FeatureGroup groupOf(int feature) {
        if (feature < 0 || feature >= numFeatures()) {
            throw new IllegalArgumentException("feature " + feature + " outside [0, " + numFeatures() + ")");
        }
        FeatureGroup[] groups = FeatureGroup.values();
        for (int g = groups.length - 1; g > 0; g--) {
            if (feature >= groupOffset[g]) {
                return groups[g];
            }
        }
        return groups[0];
    }

    /**
     * A readable name for a feature: {@code user=<id>}, {@code item=<id>}, the token itself, or
     * {@code rated=<item id>}.
     */
    public String featureName(int feature) {
        FeatureGroup group = groupOf(feature);
        int local = feature - offset(group);
        return switch (group) {
            case USER_ID -> "user=" + users.id(local);
            case ITEM_ID -> "item=" + items.id(local);
            case USER_TOKEN -> userVocabulary.id(local);
            case ITEM_TOKEN -> itemVocabulary.id(local);
            case IMPLICIT -> "rated=" + items.id(local);
            case RETRIEVAL -> throw new IllegalStateException("the retrieval group has no sparse features");
        };
    }

    public IdMap users() {
        return users;
    }

    public IdMap items() {
        return items;
    }

    /** The user token vocabulary (empty when the group is off). */
    public IdMap userVocabulary() {
        return userVocabulary;
    }

    /** The item token vocabulary (empty when the group is off). */
    public IdMap itemVocabulary() {
        return itemVocabulary;
    }

    /** True when the implicit (rated items) group is on. */
    public boolean implicit() {
        return implicit;
    }

    /**
     * The user-side features of a known user: id, tokens and rated set as stored.
     *
     * @throws IllegalArgumentException when the index is outside [0, users)
     */
    public SparseFeatures userFeatures(int user) {
        checkIndex("user", user, users.size());
        return userSide(user, userTokens, userTokenOffsets[user], userTokenOffsets[user + 1],
                rated, ratedOffsets[user], ratedOffsets[user + 1]);
    }

    /**
     * The stored tokens of a known user, e.g. to re-encode the user with fresher rated items via
     * {@link #encodeUser(int, List, int[])}.
     *
     * @throws IllegalArgumentException when the index is outside [0, users)
     */
    public List<String> userTokens(int user) {
        checkIndex("user", user, users.size());
        List<String> tokens = new ArrayList<>(userTokenOffsets[user + 1] - userTokenOffsets[user]);
        for (int p = userTokenOffsets[user]; p < userTokenOffsets[user + 1]; p++) {
            tokens.add(userVocabulary.id(userTokens[p]));
        }
        return List.copyOf(tokens);
    }

    /**
     * The stored rated items of a known user (ascending item indices; empty when the implicit group
     * is off). A fresh array each call.
     *
     * @throws IllegalArgumentException when the index is outside [0, users)
     */
    public int[] ratedItems(int user) {
        checkIndex("user", user, users.size());
        return Arrays.copyOfRange(rated, ratedOffsets[user], ratedOffsets[user + 1]);
    }

    /**
     * The item-side features of an item: id and tokens.
     *
     * @throws IllegalArgumentException when the index is outside [0, items)
     */
    public SparseFeatures itemFeatures(int item) {
        checkIndex("item", item, items.size());
        int from = itemTokenOffsets[item];
        int to = itemTokenOffsets[item + 1];
        int[] idx = new int[1 + to - from];
        float[] val = new float[idx.length];
        idx[0] = offset(FeatureGroup.ITEM_ID) + item;
        val[0] = 1f;
        tokens(itemTokens, from, to, itemTokenName, offset(FeatureGroup.ITEM_TOKEN), idx, val, 1);
        return new SparseFeatures(idx, val);
    }

    /**
     * The user-side features of a request: for a user unknown to the model, or to use fresher
     * tokens or rated items than the stored ones. Unknown tokens are ignored (the model has no
     * weights for them); rated items are ignored when the implicit group is off.
     *
     * @param user        the user index, or -1 for a user without an id feature
     * @param tokens      the user's tokens
     * @param ratedItems  item indices the user rated; duplicates are ignored
     * @throws IllegalArgumentException when the user or an item index is out of range
     */
    public SparseFeatures encodeUser(int user, List<String> tokens, int[] ratedItems) {
        if (user != -1) {
            checkIndex("user", user, users.size());
        }
        TreeSet<Integer> known = new TreeSet<>();
        for (String token : tokens) {
            int t = userVocabulary.indexOf(token);
            if (t >= 0) {
                known.add(t);
            }
        }
        int[] tok = known.stream().mapToInt(Integer::intValue).toArray();
        int[] items = new int[0];
        if (implicit) {
            for (int item : ratedItems) {
                checkIndex("rated item", item, this.items.size());
            }
            items = Arrays.stream(ratedItems).sorted().distinct().toArray();
        }
        return userSide(user, tok, 0, tok.length, items, 0, items.length);
    }

    private SparseFeatures userSide(int user, int[] tok, int tokFrom, int tokTo, int[] ratedItems, int rFrom, int rTo) {
        int idCount = user >= 0 ? 1 : 0;
        int n = idCount + (tokTo - tokFrom) + (rTo - rFrom);
        int[] idx = new int[n];
        float[] val = new float[n];
        if (idCount == 1) {
            idx[0] = offset(FeatureGroup.USER_ID) + user;
            val[0] = 1f;
        }
        tokens(tok, tokFrom, tokTo, userTokenName, offset(FeatureGroup.USER_TOKEN), idx, val, idCount);
        int at = idCount + tokTo - tokFrom;
        if (rTo > rFrom) {
            float x = (float) (1.0 / Math.sqrt(rTo - rFrom));
            int base = offset(FeatureGroup.IMPLICIT);
            for (int r = rFrom; r < rTo; r++, at++) {
                idx[at] = base + ratedItems[r];
                val[at] = x;
            }
        }
        return new SparseFeatures(idx, val);
    }

    private static void tokens(int[] tok, int from, int to, int[] nameOf, int base, int[] idx, float[] val, int at) {
        for (int t = from; t < to; t++) {
            int sameName = 0;
            for (int s = from; s < to; s++) {
                if (nameOf[tok[s]] == nameOf[tok[t]]) {
                    sameName++;
                }
            }
            idx[at + t - from] = base + tok[t];
            val[at + t - from] = 1f / sameName;
        }
    }

    // Package-private views for the file codec; do not modify.

    int[] userTokenOffsets() {
        return userTokenOffsets;
    }

    int[] userTokens() {
        return userTokens;
    }

    int[] itemTokenOffsets() {
        return itemTokenOffsets;
    }

    int[] itemTokens() {
        return itemTokens;
    }

    int[] ratedOffsets() {
        return ratedOffsets;
    }

    int[] rated() {
        return rated;
    }

    private int sizeOf(FeatureGroup group) {
        return switch (group) {
            case USER_ID -> users.size();
            case ITEM_ID -> items.size();
            case USER_TOKEN -> userVocabulary.size();
            case ITEM_TOKEN -> itemVocabulary.size();
            case IMPLICIT -> implicit ? items.size() : 0;
            case RETRIEVAL -> 0;
        };
    }

    private static void checkIndex(String what, int index, int size) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException(what + " " + index + " outside [0, " + size + ")");
        }
    }

    private static void checkRows(String what, int[] offsets, int[] values, int rows, int bound) {
        Objects.requireNonNull(offsets, what + " offsets");
        Objects.requireNonNull(values, what);
        if (offsets.length != rows + 1 || offsets[0] != 0 || offsets[rows] != values.length) {
            throw new IllegalArgumentException(what + ": " + offsets.length + " offsets for " + rows
                    + " rows, first " + (offsets.length > 0 ? offsets[0] : "none") + ", last "
                    + (offsets.length > 0 ? offsets[offsets.length - 1] : "none") + ", " + values.length + " values");
        }
        for (int r = 0; r < rows; r++) {
            if (offsets[r + 1] < offsets[r]) {
                throw new IllegalArgumentException(what + ": offsets decrease at row " + r + ": "
                        + offsets[r] + " > " + offsets[r + 1]);
            }
            for (int p = offsets[r]; p < offsets[r + 1]; p++) {
                if (values[p] < 0 || values[p] >= bound) {
                    throw new IllegalArgumentException(what + ": row " + r + " has index " + values[p]
                            + " outside [0, " + bound + ")");
                }
                if (p > offsets[r] && values[p] <= values[p - 1]) {
                    throw new IllegalArgumentException(what + ": row " + r + " is not strictly increasing at "
                            + values[p - 1] + ", " + values[p]);
                }
            }
        }
    }

    private static int[] nameIds(IdMap vocabulary) {
        Map<String, Integer> names = new HashMap<>();
        int[] nameOf = new int[vocabulary.size()];
        for (int t = 0; t < nameOf.length; t++) {
            String token = vocabulary.id(t);
            int colon = token.indexOf(':');
            String name = colon < 0 ? token : token.substring(0, colon);
            Integer id = names.putIfAbsent(name, names.size());
            nameOf[t] = id == null ? names.size() - 1 : id;
        }
        return nameOf;
    }

    private static IdMap vocabulary(String side, List<List<String>> tokens, int entities) {
        if (tokens == null) {
            return IdMap.of(List.of());
        }
        if (tokens.size() != entities) {
            throw new IllegalArgumentException(side + " tokens for " + tokens.size() + " entities but "
                    + entities + " ids");
        }
        TreeSet<String> all = new TreeSet<>();
        for (int e = 0; e < entities; e++) {
            for (String token : tokens.get(e)) {
                if (token == null || token.isEmpty()) {
                    throw new IllegalArgumentException("empty " + side + " token at entity " + e);
                }
                all.add(token);
            }
        }
        return IdMap.of(new ArrayList<>(all));
    }

    private static int[][] tokenRows(List<List<String>> tokens, IdMap vocabulary, int entities) {
        int[][] rows = new int[entities][];
        for (int e = 0; e < entities; e++) {
            if (tokens == null) {
                rows[e] = new int[0];
                continue;
            }
            rows[e] = tokens.get(e).stream().mapToInt(vocabulary::indexOf).sorted().distinct().toArray();
        }
        return rows;
    }

    private static int[] offsets(int[][] rows) {
        int[] off = new int[rows.length + 1];
        for (int r = 0; r < rows.length; r++) {
            off[r + 1] = Math.addExact(off[r], rows[r].length);
        }
        return off;
    }

    private static int[] flatten(int[][] rows, int[] off) {
        int[] flat = new int[off[rows.length]];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, flat, off[r], rows[r].length);
        }
        return flat;
    }
}
