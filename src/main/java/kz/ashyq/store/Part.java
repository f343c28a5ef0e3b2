package kz.ashyq.store;

import java.util.Locale;

/** The store's two TDB2 datasets, each with its own transactions: what is served, and the archive of releases. */
public enum Part {
    /** The served dataset: one named graph per dataset, the catalogue, the vocabulary. */
    DATA,
    /** The archive of releases (see {@link Store#archiveGraph()}). */
    ARCHIVE;

    /** The lower-case name, as in file names and record headers. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The part of a label; an unknown one is an {@link IllegalArgumentException}. */
    public static Part of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
