package io.github.mercurejakarta.hub.transport.file;

import io.github.mercurejakarta.hub.transport.DurableTransportContract;
import io.github.mercurejakarta.hub.transport.Transport;
import io.github.mercurejakarta.hub.transport.TransportSettings;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The transport contract on disk: each transport its own new directory; a new node reopens it. */
class FileTransportContractTest extends DurableTransportContract {

    @TempDir
    Path dirs;
    private int n;

    @Override
    protected Transport create(int reconciliationLength) {
        return FileTransport.open(dirs.resolve("history-" + n++), new TransportSettings(reconciliationLength));
    }

    /** The same directory (a kill -9 of the process itself is FileHistoryIT's). */
    @Override
    protected Transport reopen(Transport killed, int reconciliationLength) {
        return FileTransport.open(((FileTransport) killed).directory(), new TransportSettings(reconciliationLength));
    }
}
