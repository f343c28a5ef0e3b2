/**
 * YARRRML, the everyday syntax, read into the mapping model with each part's line and column
 * ({@link kz.ashyq.mapping.yarrrml.YarrrmlReader}), with the predeclared prefixes. May use the
 * mapping model, {@code functions} (the functions' prefixes and names) and {@code source}
 * (portal exports as sources).
 */
package kz.ashyq.mapping.yarrrml;
