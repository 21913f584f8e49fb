/**
 * Train/test splits of interactions: {@link io.recgate.indexbuilder.split.Splits#withTestSet given
 * test data} (MovieLens {@code u1.test}, a CSV test file), {@link
 * io.recgate.indexbuilder.split.Splits#random seeded random}, {@link
 * io.recgate.indexbuilder.split.Splits#byTime by time} and {@link
 * io.recgate.indexbuilder.split.Splits#leaveLastN leave-last-n per user}. Both sides of a
 * {@link io.recgate.indexbuilder.split.Split} share the id maps. Test rows whose user or item has
 * no training row are refused or dropped per {@link io.recgate.indexbuilder.split.UnknownTestRows}
 * for given test data, and through {@link io.recgate.indexbuilder.split.Splits#requireKnown} for
 * the others.
 */
package io.recgate.indexbuilder.split;
