package io.github.mercurejakarta.hub.transport;

/** The transport contract, in memory. */
class LocalTransportContractTest extends TransportContract {

    @Override
    protected Transport create(int reconciliationLength) {
        return new LocalTransport(reconciliationLength);
    }
}
