package io.recgate.indexbuilder.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DelimitedRecordReaderTest {

    @TempDir
    Path dir;

    private List<String> fields(DelimitedRecordReader in) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < in.fieldCount(); i++) {
            out.add(in.field(i));
        }
        return out;
    }

    private DelimitedRecordReader open(String content, String delimiter) throws IOException {
        Path file = dir.resolve("f.csv");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return new DelimitedRecordReader(file, StandardCharsets.UTF_8, delimiter, true, null);
    }

    @Test
    void splitsQuotedFieldsWithCommasQuotesAndNewlines() throws IOException {
        try (DelimitedRecordReader in = open("\uFEFFa,\"b, c\",\"say \"\"hi\"\"\"\r\n\n\"multi\nline\",,\"\"\nlast,\n", ",")) {
            assertTrue(in.next());
            assertEquals(List.of("a", "b, c", "say \"hi\""), fields(in));
            assertEquals(1, in.line());
            assertNull(in.problem());
            assertTrue(in.next());
            assertEquals(List.of("multi\nline", "", ""), fields(in));
            assertEquals(3, in.line());
            assertTrue(in.next());
            assertEquals(List.of("last", ""), fields(in));
            assertEquals(5, in.line());
            assertFalse(in.next());
        }
    }

    @Test
    void reportsUnterminatedQuoteAndStrayCharacters() throws IOException {
        try (DelimitedRecordReader in = open("\"ab\"c,d\nx\"y,z\n\"open,1\n", ",")) {
            assertTrue(in.next());
            assertEquals("unexpected character after closing quote", in.problem());
            assertTrue(in.next());
            assertEquals("quote inside an unquoted field", in.problem());
            assertTrue(in.next());
            assertEquals("unterminated quoted field", in.problem());
            assertEquals(3, in.line());
            assertFalse(in.next());
        }
    }

    @Test
    void takesQuotesInsideUnquotedTsvFieldsLiterally() throws IOException {
        try (DelimitedRecordReader in = open("a\t5'10\"\t\"x\ty\"\n", "\t")) {
            assertTrue(in.next());
            assertNull(in.problem());
            assertEquals(List.of("a", "5'10\"", "x\ty"), fields(in));
        }
    }

    @Test
    void splitsOnMultiCharacterDelimiter() throws IOException {
        try (DelimitedRecordReader in = open("1::Toy Story (1995)::Animation|Comedy\n", "::")) {
            assertTrue(in.next());
            assertEquals(List.of("1", "Toy Story (1995)", "Animation|Comedy"), fields(in));
        }
    }
}
