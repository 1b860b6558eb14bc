package io.github.mercurejakarta.cdi;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.UserTransaction;
import org.jboss.weld.transaction.spi.TransactionServices;

import java.util.ArrayList;
import java.util.List;

/**
 * The smallest transaction manager Weld's transactional observers need: one transaction at a time
 * (tests are single-threaded), synchronizations run at commit or rollback as a JTA manager runs them.
 */
final class TestTransactions implements TransactionServices {

    private final List<Synchronization> synchronizations = new ArrayList<>();
    private boolean active;

    void begin() {
        if (active) {
            throw new IllegalStateException("a transaction is already active");
        }
        active = true;
    }

    void commit() {
        end(Status.STATUS_COMMITTED);
    }

    void rollback() {
        end(Status.STATUS_ROLLEDBACK);
    }

    private void end(int status) {
        List<Synchronization> run = List.copyOf(synchronizations);
        synchronizations.clear();
        if (status == Status.STATUS_COMMITTED) {
            run.forEach(Synchronization::beforeCompletion);
        }
        active = false;
        run.forEach(s -> s.afterCompletion(status));
    }

    @Override
    public void registerSynchronization(Synchronization synchronization) {
        if (!active) {
            throw new IllegalStateException("no transaction");
        }
        synchronizations.add(synchronization);
    }

    @Override
    public boolean isTransactionActive() {
        return active;
    }

    @Override
    public UserTransaction getUserTransaction() {
        return null;
    }

    @Override
    public void cleanup() {
        synchronizations.clear();
        active = false;
    }
}
