package io.nst.cli;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The one line a mistyped command line gets: an unknown option or command named as such, with the
 * nearest name the command knows, before any other complaint (a typo of a required option is
 * otherwise reported as that option missing).
 */
final class UnknownOptions {

    private UnknownOptions() {}

    static String describe(CommandLine.ParameterException e) {
        CommandLine command = e.getCommandLine();
        List<String> unmatched = e instanceof CommandLine.UnmatchedArgumentException u
                ? u.getUnmatched()
                : command.getUnmatchedArguments();
        if (unmatched.isEmpty()) {
            return e.getMessage();
        }
        String first = unmatched.get(0);
        CommandSpec spec = command.getCommandSpec();
        String help = " (see nst " + (spec.parent() == null ? "" : spec.name() + " ") + "--help)";
        if (first.startsWith("-")) {
            String name = first.split("=", 2)[0];
            List<String> names = spec.options().stream()
                    .filter(o -> !o.hidden())
                    .map(OptionSpec::longestName)
                    .toList();
            return "unknown option " + name
                    + nearest(name, names).map(n -> "; did you mean " + n + "?").orElse("") + help;
        }
        if (!spec.subcommands().isEmpty()) {
            return "unknown command " + first
                    + nearest(first, List.copyOf(spec.subcommands().keySet()))
                            .map(n -> "; did you mean " + n + "?")
                            .orElse("")
                    + help;
        }
        return "unexpected argument " + first + help;
    }

    /** The known name closest to {@code typed}, if one is close enough to be what was meant. */
    static Optional<String> nearest(String typed, List<String> known) {
        return known.stream()
                .filter(k -> k.startsWith(typed) || distance(typed, k) <= 2 + typed.length() / 8)
                .min(Comparator.comparingInt((String k) -> distance(typed, k)).thenComparing(k -> k));
    }

    /** Edits (insert, delete, replace, swap two neighbours) that turn {@code a} into {@code b}. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            for (int j = 0; j <= b.length(); j++) {
                if (i == 0 || j == 0) {
                    d[i][j] = i + j;
                    continue;
                }
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
