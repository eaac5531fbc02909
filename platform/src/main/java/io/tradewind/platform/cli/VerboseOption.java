package io.tradewind.platform.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code --verbose}: an error prints its stack trace after its one line. A mixin of every command line's top command,
 * inherited by its subcommands, so it may be given before or after a subcommand's name.
 */
public final class VerboseOption {
    /** The option's one spelling, which {@link CommandLines} looks for when something goes wrong. */
    public static final String NAME = "--verbose";

    @Option(
            names = NAME,
            scope = ScopeType.INHERIT,
            description = "On an error, print its stack trace after the one line that says what went wrong.")
    boolean verbose;
}
