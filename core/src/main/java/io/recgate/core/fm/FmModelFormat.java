package io.recgate.core.fm;

import io.recgate.core.ids.IdMap;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The FM model file, little-endian throughout:
 * <pre>
 * int    magic 0x4D464752 ("RGFM" read as bytes), int version (1)
 * int    k, int flags (bit 0: implicit group on)
 * ids    users, items, user vocabulary, item vocabulary: int count, then per id int byteLength + UTF-8
 * int[]  user token offsets, user tokens, item token offsets, item tokens, rated offsets, rated items
 *        (each: int length, then the ints)
 * float  w0
 * float[] w, v (each: int length, then the floats)
 * int    CRC32C of every preceding byte
 * </pre>
 */
final class FmModelFormat {

    static final int MAGIC = 0x4D464752;
    static final int VERSION = 1;
    private static final int FLAG_IMPLICIT = 1;
    private static final int BUFFER_BYTES = 1 << 16;

    private FmModelFormat() {
    }

    static void write(FmModel model, WritableByteChannel channel) throws IOException {
        FeatureSpace space = model.space();
        Out out = new Out(channel);
        out.putInt(MAGIC);
        out.putInt(VERSION);
        out.putInt(model.k());
        out.putInt(space.implicit() ? FLAG_IMPLICIT : 0);
        out.putIds(space.users());
        out.putIds(space.items());
        out.putIds(space.userVocabulary());
        out.putIds(space.itemVocabulary());
        out.putInts(space.userTokenOffsets());
        out.putInts(space.userTokens());
        out.putInts(space.itemTokenOffsets());
        out.putInts(space.itemTokens());
        out.putInts(space.ratedOffsets());
        out.putInts(space.rated());
        out.putFloat(model.w0());
        out.putFloats(model.w());
        out.putFloats(model.v());
        out.finish();
    }

    static FmModel read(ReadableByteChannel channel, String source) throws IOException {
        byte[] bytes = Channels.newInputStream(channel).readAllBytes();
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        try {
            return parse(in, source);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("FM model " + source + " is truncated: " + bytes.length
                    + " bytes end before the model does");
        }
    }

    private static FmModel parse(ByteBuffer in, String source) {
        int total = in.remaining();
        if (total < 8) {
            throw new IllegalArgumentException("FM model " + source + " is truncated: " + total
                    + " bytes, shorter than the header");
        }
        int magic = in.getInt();
        if (magic != MAGIC) {
            throw new IllegalArgumentException("FM model " + source + " has bad magic 0x"
                    + Integer.toHexString(magic) + ", expected 0x" + Integer.toHexString(MAGIC)
                    + " (not an FM model file)");
        }
        int version = in.getInt();
        if (version != VERSION) {
            throw new IllegalArgumentException("FM model " + source + " has unsupported version " + version
                    + ", this reader supports " + VERSION);
        }
        int k = in.getInt();
        int flags = in.getInt();
        if (k <= 0) {
            throw new IllegalArgumentException("FM model " + source + " has k " + k + ", must be > 0");
        }
        if ((flags & ~FLAG_IMPLICIT) != 0) {
            throw new IllegalArgumentException("FM model " + source + " has unknown flags 0x"
                    + Integer.toHexString(flags));
        }
        IdMap users = ids(in, source, "user ids");
        IdMap items = ids(in, source, "item ids");
        IdMap userVocabulary = ids(in, source, "user vocabulary");
        IdMap itemVocabulary = ids(in, source, "item vocabulary");
        int[] userTokenOffsets = ints(in, source, "user token offsets");
        int[] userTokens = ints(in, source, "user tokens");
        int[] itemTokenOffsets = ints(in, source, "item token offsets");
        int[] itemTokens = ints(in, source, "item tokens");
        int[] ratedOffsets = ints(in, source, "rated offsets");
        int[] rated = ints(in, source, "rated items");
        float w0 = in.getFloat();
        float[] w = floats(in, source, "w");
        float[] v = floats(in, source, "v");
        int crcEnd = in.position();
        int storedCrc = in.getInt();
        if (in.hasRemaining()) {
            throw new IllegalArgumentException("FM model " + source + " has " + in.remaining()
                    + " unexpected bytes after the checksum");
        }
        CRC32C crc = new CRC32C();
        crc.update(in.duplicate().position(0).limit(crcEnd));
        if ((int) crc.getValue() != storedCrc) {
            throw new IllegalArgumentException("FM model " + source + " is corrupt: checksum 0x"
                    + Integer.toHexString((int) crc.getValue()) + " != stored 0x" + Integer.toHexString(storedCrc));
        }
        try {
            FeatureSpace space = new FeatureSpace(users, items, userVocabulary, itemVocabulary,
                    (flags & FLAG_IMPLICIT) != 0, userTokenOffsets, userTokens, itemTokenOffsets, itemTokens,
                    ratedOffsets, rated);
            return new FmModel(space, k, w0, w, v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("FM model " + source + " is invalid: " + e.getMessage(), e);
        }
    }

    private static int length(ByteBuffer in, String source, String what, int elementBytes) {
        int n = in.getInt();
        if (n < 0 || (long) n * elementBytes > in.remaining()) {
            throw new IllegalArgumentException("FM model " + source + " is truncated or corrupt: " + what
                    + " claims " + n + " entries of " + elementBytes + " bytes but " + in.remaining()
                    + " bytes remain");
        }
        return n;
    }

    private static IdMap ids(ByteBuffer in, String source, String what) {
        int n = length(in, source, what, 4);
        List<String> ids = new ArrayList<>(n);
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        for (int i = 0; i < n; i++) {
            int len = length(in, source, what + " entry " + i, 1);
            ByteBuffer slice = in.slice(in.position(), len);
            in.position(in.position() + len);
            try {
                ids.add(decoder.decode(slice).toString());
            } catch (CharacterCodingException e) {
                throw new IllegalArgumentException("FM model " + source + ": " + what + " entry " + i
                        + " is not valid UTF-8");
            }
        }
        try {
            return IdMap.of(ids);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("FM model " + source + ": " + what + ": " + e.getMessage(), e);
        }
    }

    private static int[] ints(ByteBuffer in, String source, String what) {
        int[] a = new int[length(in, source, what, Integer.BYTES)];
        in.asIntBuffer().get(a);
        in.position(in.position() + a.length * Integer.BYTES);
        return a;
    }

    private static float[] floats(ByteBuffer in, String source, String what) {
        float[] a = new float[length(in, source, what, Float.BYTES)];
        in.asFloatBuffer().get(a);
        in.position(in.position() + a.length * Float.BYTES);
        return a;
    }

    /** Buffered little-endian writer that keeps a running CRC32C of what it wrote. */
    private static final class Out {
        private final WritableByteChannel channel;
        private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        private final CRC32C crc = new CRC32C();

        Out(WritableByteChannel channel) {
            this.channel = channel;
        }

        void putInt(int value) throws IOException {
            room(Integer.BYTES);
            buffer.putInt(value);
        }

        void putFloat(float value) throws IOException {
            room(Float.BYTES);
            buffer.putFloat(value);
        }

        void putInts(int[] a) throws IOException {
            putInt(a.length);
            for (int value : a) {
                putInt(value);
            }
        }

        void putFloats(float[] a) throws IOException {
            putInt(a.length);
            for (float value : a) {
                putFloat(value);
            }
        }

        void putIds(IdMap ids) throws IOException {
            putInt(ids.size());
            for (int i = 0; i < ids.size(); i++) {
                byte[] utf8 = ids.id(i).getBytes(StandardCharsets.UTF_8);
                putInt(utf8.length);
                for (int from = 0; from < utf8.length; ) {
                    room(1);
                    int n = Math.min(buffer.remaining(), utf8.length - from);
                    buffer.put(utf8, from, n);
                    from += n;
                }
            }
        }

        void finish() throws IOException {
            drain();
            buffer.putInt((int) crc.getValue());
            buffer.flip();
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            buffer.clear();
        }

        private void room(int bytes) throws IOException {
            if (buffer.remaining() < bytes) {
                drain();
            }
        }

        private void drain() throws IOException {
            buffer.flip();
            crc.update(buffer.duplicate());
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            buffer.clear();
        }
    }
}
