package io.github.mercurejakarta.it.broken;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Deliberately broken: nothing implements {@link Missing}, so a war holding this bean fails to deploy. */
@ApplicationScoped
public class UnsatisfiedBean {

    /** Has no implementation anywhere. */
    public interface Missing {
    }

    @Inject
    Missing missing;
}
