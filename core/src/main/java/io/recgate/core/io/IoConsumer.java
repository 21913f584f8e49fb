package io.recgate.core.io;

import java.io.IOException;

/**
 * A consumer that may throw {@link IOException}, for callbacks that write to a stream the caller
 * owns (for example {@code BundleWriter.addFile(name, out -> ...)}).
 *
 * @param <T> what is consumed, typically an {@link java.io.OutputStream}
 */
@FunctionalInterface
public interface IoConsumer<T> {

    /** Consumes {@code value}; may throw {@link IOException}, which the caller reports. */
    void accept(T value) throws IOException;
}
