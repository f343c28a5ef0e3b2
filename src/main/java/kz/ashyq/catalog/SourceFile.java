package kz.ashyq.catalog;

/**
 * A CSV file that a release was made from.
 *
 * @param name the file name
 * @param bytes its size
 * @param sha256 its SHA-256, in hex
 * @param encoding the encoding it was read in
 * @param rows the data rows read from it
 */
public record SourceFile(String name, long bytes, String sha256, String encoding, long rows) {}
