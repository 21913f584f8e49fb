package io.recgate.indexbuilder.fm;

import io.recgate.core.fm.FeatureSpace;
import io.recgate.core.fm.SparseFeatures;

/**
 * One side (users or items) of the relational design matrix: every training case is
 * (user row, item row), so instead of one sparse row per case we keep one row per entity, the
 * entity's cases, and the transpose (feature → entities having it). The Gibbs sampler then visits
 * each non-zero of an entity row once per parameter, not once per case: with the implicit group a
 * user row has |N(u)| entries, and repeating it for each of the user's |N(u)| cases would cost
 * Σ_u |N(u)|² per sweep.
 */
final class Side {

    final int entities;
    /** Cases per entity. */
    final int[] count;
    /** Entity → case ids, CSR. */
    final int[] caseOffsets;
    final int[] cases;
    /** Entity → (feature, value), CSR. */
    final int[] rowOffsets;
    final int[] rowFeatures;
    final double[] rowValues;
    /** Features of this side that occur in at least one case, ascending. */
    final int[] features;
    /** Position in {@link #features} → (entity, value) for entities with cases, CSR. */
    final int[] columnOffsets;
    final int[] columnEntities;
    final double[] columnValues;

    private Side(int entities, int[] count, int[] caseOffsets, int[] cases, int[] rowOffsets, int[] rowFeatures,
                 double[] rowValues, int[] features, int[] columnOffsets, int[] columnEntities, double[] columnValues) {
        this.entities = entities;
        this.count = count;
        this.caseOffsets = caseOffsets;
        this.cases = cases;
        this.rowOffsets = rowOffsets;
        this.rowFeatures = rowFeatures;
        this.rowValues = rowValues;
        this.features = features;
        this.columnOffsets = columnOffsets;
        this.columnEntities = columnEntities;
        this.columnValues = columnValues;
    }

    /**
     * @param caseEntity the entity of each training case
     * @param userSide   true for users (rows from {@link FeatureSpace#userFeatures}), false for items
     */
    static Side of(FeatureSpace space, boolean userSide, int[] caseEntity) {
        int entities = userSide ? space.users().size() : space.items().size();
        int[] count = new int[entities];
        for (int e : caseEntity) {
            count[e]++;
        }
        int[] caseOffsets = prefixSums(count);
        int[] cases = new int[caseEntity.length];
        int[] fill = caseOffsets.clone();
        for (int c = 0; c < caseEntity.length; c++) {
            cases[fill[caseEntity[c]]++] = c;
        }
        SparseFeatures[] rows = new SparseFeatures[entities];
        int[] rowLength = new int[entities];
        for (int e = 0; e < entities; e++) {
            rows[e] = userSide ? space.userFeatures(e) : space.itemFeatures(e);
            rowLength[e] = rows[e].size();
        }
        int[] rowOffsets = prefixSums(rowLength);
        int[] rowFeatures = new int[rowOffsets[entities]];
        double[] rowValues = new double[rowOffsets[entities]];
        int[] columnLength = new int[space.numFeatures()];
        for (int e = 0; e < entities; e++) {
            int[] idx = rows[e].indices();
            float[] val = rows[e].values();
            for (int p = 0; p < idx.length; p++) {
                rowFeatures[rowOffsets[e] + p] = idx[p];
                rowValues[rowOffsets[e] + p] = val[p];
                if (count[e] > 0) {
                    columnLength[idx[p]]++;
                }
            }
        }
        int active = 0;
        for (int length : columnLength) {
            active += length > 0 ? 1 : 0;
        }
        int[] features = new int[active];
        int[] positionOf = new int[space.numFeatures()];
        int[] activeLength = new int[active];
        for (int j = 0, a = 0; j < columnLength.length; j++) {
            if (columnLength[j] > 0) {
                features[a] = j;
                positionOf[j] = a;
                activeLength[a++] = columnLength[j];
            }
        }
        int[] columnOffsets = prefixSums(activeLength);
        int[] columnEntities = new int[columnOffsets[active]];
        double[] columnValues = new double[columnOffsets[active]];
        int[] at = columnOffsets.clone();
        for (int e = 0; e < entities; e++) {
            if (count[e] == 0) {
                continue;
            }
            for (int p = rowOffsets[e]; p < rowOffsets[e + 1]; p++) {
                int a = positionOf[rowFeatures[p]];
                columnEntities[at[a]] = e;
                columnValues[at[a]++] = rowValues[p];
            }
        }
        return new Side(entities, count, caseOffsets, cases, rowOffsets, rowFeatures, rowValues, features,
                columnOffsets, columnEntities, columnValues);
    }

    private static int[] prefixSums(int[] lengths) {
        int[] offsets = new int[lengths.length + 1];
        for (int i = 0; i < lengths.length; i++) {
            offsets[i + 1] = Math.addExact(offsets[i], lengths[i]);
        }
        return offsets;
    }
}
