package io.recgate.indexbuilder.io;

import io.recgate.core.ids.IdMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Side information of users or items read from a metadata file, keyed by external id, until the
 * interactions fix the id maps; then {@link #features} and {@link #catalog} align it with them.
 * Ids of the metadata file that have no interactions are still known entities (cold users and
 * items, see {@link ReadSession#finish}); entities without metadata get no tokens, an empty title
 * and no categories. Equal token and category strings are shared to keep
 * memory small. Not thread-safe.
 */
final class EntityTable {

    /** In file order, so cold ids get deterministic indices. */
    private final Map<String, Long> lineById = new LinkedHashMap<>();
    private final Map<String, List<String>> tokens = new HashMap<>();
    private final Map<String, String> titles = new HashMap<>();
    private final Map<String, List<String>> categories = new HashMap<>();
    private final Map<String, String> pool = new HashMap<>();

    /**
     * Claims an id for the row on {@code line}.
     *
     * @return null when the id is new, otherwise the problem to report (a duplicate id)
     */
    String claim(String id, long line) {
        Long first = lineById.putIfAbsent(id, line);
        return first == null ? null : "duplicate id '" + id + "' (first on line " + first + ")";
    }

    /** Every id of the file, in file order. */
    Iterable<String> ids() {
        return lineById.keySet();
    }

    /** A shared {@code name:value} token. */
    String token(String name, String value) {
        return shared(name + ':' + value);
    }

    String shared(String s) {
        String existing = pool.putIfAbsent(s, s);
        return existing == null ? s : existing;
    }

    void tokens(String id, List<String> list) {
        tokens.put(id, List.copyOf(list));
    }

    void title(String id, String title) {
        titles.put(id, title);
    }

    void categories(String id, List<String> list) {
        List<String> sharedList = new ArrayList<>(list.size());
        for (String c : list) {
            sharedList.add(shared(c));
        }
        categories.put(id, List.copyOf(sharedList));
    }

    SideFeatures features(IdMap ids) {
        List<List<String>> aligned = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            aligned.add(tokens.getOrDefault(ids.id(i), List.of()));
        }
        return new SideFeatures(ids, List.copyOf(aligned));
    }

    ItemCatalog catalog(IdMap ids) {
        List<String> t = new ArrayList<>(ids.size());
        List<List<String>> c = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            t.add(titles.getOrDefault(ids.id(i), ""));
            c.add(categories.getOrDefault(ids.id(i), List.of()));
        }
        return new ItemCatalog(ids, List.copyOf(t), List.copyOf(c));
    }
}
