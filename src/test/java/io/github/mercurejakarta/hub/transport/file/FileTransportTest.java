package io.github.mercurejakarta.hub.transport.file;

import io.github.mercurejakarta.Update;
import io.github.mercurejakarta.config.MercureConfig;
import io.github.mercurejakarta.hub.transport.EncodedUpdate;
import io.github.mercurejakarta.hub.transport.History;
import io.github.mercurejakarta.hub.transport.Transport;
import io.github.mercurejakarta.hub.transport.TransportException;
import io.github.mercurejakarta.hub.transport.TransportSettings;
import io.github.mercurejakarta.protocol.Dialect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** What the file transport does beyond the contract: a history that outlives the process, and its guards. */
class FileTransportTest {

    @TempDir
    Path tmp;
    private final List<Transport> opened = new ArrayList<>();

    @AfterEach
    void closeAll() {
        opened.forEach(Transport::close);
    }

    private FileTransport open(Path dir, int length) {
        return open(dir, new TransportSettings(length));
    }

    private FileTransport open(Path dir, TransportSettings settings) {
        FileTransport t = FileTransport.open(dir, settings);
        opened.add(t);
        t.start(u -> { });
        return t;
    }

    private static EncodedUpdate publish(Transport t, String id) {
        return t.dispatch(EncodedUpdate.of(Update.builder().topic("https://example.com/t").id(id).data("data of " + id).build()));
    }

    private static List<String> ids(History h) {
        return h.updates().stream().map(EncodedUpdate::id).toList();
    }

    @Test
    void theHistoryOutlivesTheTransportAndPositionsKeepGrowing() {
        Path dir = tmp.resolve("h");
        FileTransport first = open(dir, 500);
        publish(first, "a");
        EncodedUpdate b = publish(first, "b");
        first.close();
        FileTransport second = open(dir, 500);
        assertEquals(List.of("b"), ids(second.history("a")), "the cursor is found after a restart");
        assertEquals("b", second.lastEventId(), "the last id is read back");
        assertTrue(publish(second, "c").position() > b.position(), "positions go on from the stored ones");
        assertEquals(List.of("a", "b", "c"), ids(second.history(Dialect.EARLIEST)), "old and new updates, in order");
    }

    @Test
    void aMissingDirectoryIsCreated() {
        Path dir = tmp.resolve("a/b/c");
        publish(open(dir, 10), "x");
        assertTrue(Files.isRegularFile(dir.resolve(FileTransport.DATABASE)), "the directory and the database are made");
    }

    @Test
    void aDirectoryInUseByAnotherHubIsRefusedWithOneLineNamingIt() {
        Path dir = tmp.resolve("shared");
        open(dir, 10);
        TransportException e = assertThrows(TransportException.class, () -> open(dir, 10));
        assertTrue(e.getMessage().startsWith("MERCURE0802E") && e.getMessage().contains(dir.toString())
                && e.getMessage().contains("pid " + ProcessHandle.current().pid()) && !e.getMessage().contains("\n"),
                "one line: the id, the directory and who holds it; got " + e.getMessage());
    }

    @Test
    void theLockIsReleasedAtClose() {
        Path dir = tmp.resolve("again");
        open(dir, 10).close();
        assertDoesNotThrow(() -> open(dir, 10), "a closed hub's directory can be used again");
    }

    @Test
    void aStoreOfAnotherFormatVersionIsRefusedNamingTheDirectory() throws Exception {
        Path dir = tmp.resolve("newer");
        open(dir, 10).close();
        sql(dir.resolve(FileTransport.DATABASE), "PRAGMA user_version=" + (FileTransport.FORMAT_VERSION + 1));
        TransportException e = assertThrows(TransportException.class, () -> open(dir, 10));
        assertTrue(e.getMessage().startsWith("MERCURE0803E") && e.getMessage().contains(dir.toString())
                        && e.getMessage().contains("version " + (FileTransport.FORMAT_VERSION + 1)) && !e.getMessage().contains("\n"),
                "one line: the id, the directory and the version found; got " + e.getMessage());
        TransportException again = assertThrows(TransportException.class, () -> open(dir, 10));
        assertTrue(again.getMessage().startsWith("MERCURE0803E"), "the refused open released the directory's lock: "
                + "a second try is refused for the version again, not for a lock; got " + again.getMessage());
    }

    @Test
    void aDatabaseThatIsNotAHistoryIsRefused() throws Exception {
        Path dir = tmp.resolve("foreign");
        Files.createDirectories(dir);
        sql(dir.resolve(FileTransport.DATABASE), "CREATE TABLE t (x)");
        TransportException e = assertThrows(TransportException.class, () -> open(dir, 10));
        assertTrue(e.getMessage().startsWith("MERCURE0808E") && e.getMessage().contains("not a mercure history"), e.getMessage());
    }

    @Test
    void aDirectoryThatCannotBeMadeIsReported() throws IOException {
        Path file = Files.writeString(tmp.resolve("plain-file"), "x");
        TransportException e = assertThrows(TransportException.class, () -> open(file.resolve("sub"), 10));
        assertTrue(e.getMessage().startsWith("MERCURE0801E") && e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void updatesOlderThanTheMaximumAgeLeaveTheHistoryWhileIdle() throws InterruptedException {
        FileTransport t = open(tmp.resolve("aged"), new TransportSettings(500, Duration.ofSeconds(1)));
        publish(t, "old");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!t.history(Dialect.EARLIEST).updates().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(List.of(), ids(t.history(Dialect.EARLIEST)), "an update older than max.age is trimmed without a new publish");
        assertFalse(t.history("old").cursorFound(), "its id is no longer known");
        publish(t, "new");
        assertEquals(List.of("new"), ids(t.history(Dialect.EARLIEST)), "new updates are kept");
    }

    @Test
    void theStoreStaysWithinItsBoundAfterTenTimesTheReconciliationLength() throws IOException {
        Path dir = tmp.resolve("bounded");
        FileTransport t = open(dir, 1000);
        for (int i = 0; i < 1000; i++) {
            publish(t, "warm-" + i);
        }
        t.close();
        long afterOne = Files.size(dir.resolve(FileTransport.DATABASE));
        t = open(dir, 1000);
        for (int i = 0; i < 10_000; i++) {
            publish(t, "u-" + i);
        }
        assertEquals(1000, t.history(Dialect.EARLIEST).updates().size(), "the history keeps the reconciliation length");
        t.close();
        long afterTen = Files.size(dir.resolve(FileTransport.DATABASE));
        assertTrue(afterTen <= afterOne * 2, "freed pages are reused: " + afterOne + " bytes after 1x, " + afterTen + " after 10x");
    }

    @Test
    void fileUrlsNameTheirDirectory() {
        assertEquals(Path.of("data/history"), FileTransport.directory("file:data/history"));
        assertEquals(Path.of("/var/lib/mercure"), FileTransport.directory("file:/var/lib/mercure"));
        assertEquals(Path.of("/var/lib/mercure"), FileTransport.directory("file:///var/lib/mercure"));
        assertThrows(IllegalArgumentException.class, () -> FileTransport.directory("file:"));
    }

    @Test
    void theConfigurationMakesAFileTransport() {
        Path dir = tmp.resolve("configured");
        Transport t = Transport.fromConfig(MercureConfig.of(Map.of(
                "mercure.hub.transport", "file:" + dir, "mercure.hub.history.max.age", "7d")));
        opened.add(t);
        assertEquals(dir, ((FileTransport) t).directory(), "file:DIR names the directory");
        assertTrue(t.health().data().get("transport").toString().contains(dir.toString()), "health names the directory");
    }

    /**
     * A torn last write: the history's files are copied as a crash would leave them (the hub still
     * running, nothing closed), then the write-ahead log is cut at a random point, with or without
     * garbage after the cut (a write that reached the disk only in part). The copy must open, and hold
     * exactly the updates whose commit ended before the cut: every one acknowledged before the last
     * sync that the cut spares, none half-written.
     */
    @Test
    void aTornLastWriteLosesNoAcknowledgedUpdateAndTheHubStarts() throws Exception {
        Random random = new Random(20261207);
        for (int trial = 0; trial < 25; trial++) {
            Path dir = tmp.resolve("torn-" + trial);
            FileTransport t = FileTransport.open(dir, new TransportSettings(1000), 0);
            opened.add(t);
            t.start(u -> { });
            int count = 1 + random.nextInt(40);
            long[] logEnd = new long[count];
            Path wal = dir.resolve(FileTransport.DATABASE + "-wal");
            for (int i = 0; i < count; i++) {
                // one at a time: when dispatch returns its commit is synced and nothing else is being written
                publish(t, "t" + trial + "-" + i);
                logEnd[i] = Files.size(wal);
            }
            Path crashed = tmp.resolve("crashed-" + trial);
            Files.createDirectories(crashed);
            Files.copy(dir.resolve(FileTransport.DATABASE), crashed.resolve(FileTransport.DATABASE));
            Files.copy(wal, crashed.resolve(FileTransport.DATABASE + "-wal"));
            long cut = (long) (random.nextDouble() * (logEnd[count - 1] + 1));
            boolean garbage = random.nextBoolean();
            tear(crashed.resolve(FileTransport.DATABASE + "-wal"), cut, garbage ? logEnd[count - 1] : cut, random);

            List<String> expected = new ArrayList<>();
            for (int i = 0; i < count && logEnd[i] <= cut; i++) {
                expected.add("t" + trial + "-" + i);
            }
            FileTransport reopened = open(crashed, 1000);
            assertEquals(expected, ids(reopened.history(Dialect.EARLIEST)),
                    "trial " + trial + ": log cut at " + cut + (garbage ? " (garbage after)" : "") + ", commits ended at "
                            + java.util.Arrays.toString(logEnd));
            String next = "after-" + trial;
            publish(reopened, next);
            assertEquals(next, reopened.lastEventId(), "the recovered hub takes new updates");
        }
    }

    /** Keeps the first {@code cut} bytes, then random bytes up to {@code end}. */
    private static void tear(Path file, long cut, long end, Random random) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(cut);
            if (end > cut) {
                byte[] junk = new byte[(int) (end - cut)];
                random.nextBytes(junk);
                ch.write(java.nio.ByteBuffer.wrap(junk), cut);
            }
        }
    }

    private static void sql(Path db, String statement) throws SQLException {
        try (Connection c = new SQLiteConfig().createConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            st.execute(statement);
        }
    }
}
