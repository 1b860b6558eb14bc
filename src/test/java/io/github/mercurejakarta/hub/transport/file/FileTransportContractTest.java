package io.github.mercurejakarta.hub.transport.file;

import io.github.mercurejakarta.hub.transport.Transport;
import io.github.mercurejakarta.hub.transport.TransportContract;
import io.github.mercurejakarta.hub.transport.TransportSettings;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The transport contract on disk: each transport its own new directory. */
class FileTransportContractTest extends TransportContract {

    @TempDir
    Path dirs;
    private int n;

    @Override
    protected Transport create(int reconciliationLength) {
        return FileTransport.open(dirs.resolve("history-" + n++), new TransportSettings(reconciliationLength));
    }
}
