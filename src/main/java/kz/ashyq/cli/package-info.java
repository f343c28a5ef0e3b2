/**
 * The command line: one picocli class per subcommand, and {@link kz.ashyq.cli.Main}.
 *
 * <p>May depend on every other package; nothing depends on it. Commands print messages, not
 * stack traces, and exit with 0 (done), 2 (bad input: a mapping or CSV that cannot be used) or
 * 1 (anything else).
 */
package kz.ashyq.cli;
