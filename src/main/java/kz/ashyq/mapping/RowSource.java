package kz.ashyq.mapping;

import java.nio.charset.Charset;
import java.util.Iterator;

/**
 * The rows of an open source, one at a time. References are resolved to cell positions before
 * the first row, so that per row there is no lookup by name.
 */
public interface RowSource extends AutoCloseable, Iterator<RowSource.Row> {

    /**
     * One record: its 1-based number, the physical line it starts on (0 when the format has no
     * lines), its cells, and for formats with typed values the XSD datatype of each cell (null
     * for CSV, where every cell is a string).
     */
    record Row(long number, long line, String[] cells, String[] types) {}

    /**
     * The position of a reference in every row's cells.
     *
     * @throws MappingException when the reference cannot be resolved against this source
     */
    int column(String reference, Location where);

    /** The encoding the file is read in. */
    Charset charset();

    /** Whether the encoding was detected rather than given. */
    boolean encodingDetected();

    @Override
    void close();
}
