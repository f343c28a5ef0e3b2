/**
 * The functions a mapping may call ({@link kz.ashyq.mapping.functions.Functions}), checked when
 * a mapping is compiled ({@link kz.ashyq.mapping.functions.FunctionChecks}), and what they read:
 * lookup tables and the index of place names. May use the mapping model and {@code source} (a
 * lookup table is a CSV file).
 */
package kz.ashyq.mapping.functions;
