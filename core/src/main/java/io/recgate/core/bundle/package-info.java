/**
 * The bundle: the versioned, checksummed contract between the index builder (which writes it) and
 * the gateway (which verifies and serves it).
 *
 * <h2>Layout</h2>
 * <pre>
 * bundles/                  a {@link io.recgate.core.bundle.BundleRoot}
 *   current                 "v000002\n": the live version (a file, not a symlink; replaced atomically)
 *   v000001/                a published version, never modified after publish
 *   v000002/
 *     manifest.json         written last; lists every other file with size and SHA-256
 *     item_factors.f32      little-endian float32, row-major, shape in the manifest
 *     item_ids.txt          ...
 *   .staging-&lt;uuid&gt;/       a writer at work (or a dead one's leftovers); never a version
 *   .staging-&lt;uuid&gt;.lock   held by the live writer; the OS drops it when the writer dies
 *   .deleting-v000001-...   a version being removed by retention
 *   .lock                   serializes publish, set-current, retention and clean-up
 * </pre>
 * Names starting with '.' are never versions and never bundle files. Version names are
 * {@code v} + six or more digits; the next is one past the highest existing version or
 * {@code current}.
 *
 * <h2>manifest.json (format version 1)</h2>
 * <pre>
 * {
 *   "formatVersion" : 1,
 *   "bundleVersion" : "v000001",
 *   "createdAt" : "2026-11-29T18:31:13.590718417Z",
 *   "dims" : 2, "metric" : "inner_product", "userCount" : 0, "itemCount" : 3,
 *   "params" : { "lambda" : 0.05, "rank" : 2, "seed" : 42 },
 *   "metrics" : { "recall@10" : 0.21 },
 *   "files" : {
 *     "item_factors.f32" : { "kind" : "f32", "bytes" : 24, "sha256" : "9d90...", "rows" : 3, "cols" : 2 },
 *     "item_ids.txt" : { "kind" : "text", "bytes" : 6, "sha256" : "14c5...", "rows" : 3 }
 *   }
 * }
 * </pre>
 * Kinds: {@code f32}/{@code i32} (size = rows × cols × 4), {@code text} and {@code jsonl} (rows =
 * line count when known), {@code bytes} (opaque). Well-known names and shapes are in
 * {@link io.recgate.core.bundle.BundleFiles}.
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li>Publish: every file fsynced, manifest written last and fsynced, staging directory fsynced,
 *       atomic rename to the version name, root fsynced, then {@code current} replaced atomically.
 *       A crash (kill -9) at any point leaves {@code current} naming a complete version.</li>
 *   <li>Read: {@link io.recgate.core.bundle.Bundle#open} refuses a missing or unparsable manifest,
 *       another format version, well-known files whose shape disagrees with dims and counts,
 *       unlisted files (hidden names excepted), and any listed file that is missing, of the wrong
 *       size or checksum. Files are readable only after that, and only if listed.</li>
 *   <li>Retention keeps the newest N versions (default 5) and always the current one.</li>
 * </ul>
 */
package io.recgate.core.bundle;
