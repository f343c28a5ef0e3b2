package kz.ashyq.mapping.engine;

/** A run that found cells its mapping cannot use; the message lists them (file, row, column). */
public class BadDataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient MappingReport report;

    /** @param mapping the mapping file @param report the run's report, with its problems */
    public BadDataException(java.nio.file.Path mapping, MappingReport report) {
        super(mapping.getFileName() + ": " + report.problemSummary());
        this.report = report;
    }

    /** The run's report. */
    public MappingReport report() {
        return report;
    }
}
