package io.nst.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Every option of every command says what it does, and shows its default when it has one. */
class HelpTest {

    @Test
    void everyOptionIsDescribedAndEveryDefaultShown() {
        List<String> missing = new ArrayList<>();
        for (CommandLine command : NstCli.commandLine().getSubcommands().values()) {
            CommandSpec spec = command.getCommandSpec();
            for (OptionSpec option : spec.options()) {
                if (option.usageHelp() || option.versionHelp()) {
                    continue;
                }
                String name = spec.name() + " " + option.longestName();
                if (option.description().length == 0 || option.description()[0].isBlank()) {
                    missing.add(name + ": no description");
                }
                if (option.defaultValue() != null
                        && !spec.usageMessage().showDefaultValues()
                        && !String.join(" ", option.description()).contains("${DEFAULT-VALUE}")) {
                    missing.add(name + ": default " + option.defaultValue() + " not shown");
                }
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void aRunReadsTheOptionsOfItsOwnCommandOnlyButTheUsageNamesEveryOne() {
        assertEquals(
                List.of("fast"),
                List.copyOf(NstCli.commandLine("fast").getSubcommands().keySet()));
        assertEquals("fast", NstCli.commandName("--verbose", "fast", "--content", "a.jpg"), "an option before it");
        assertEquals(null, NstCli.commandName("--help"));
        List<String> all = List.copyOf(NstCli.commandLine().getSubcommands().keySet());
        assertEquals(11, all.size(), all.toString());
        assertEquals(
                all, List.copyOf(NstCli.commandLine("fsat").getSubcommands().keySet()), "a mistyped command");
        assertEquals(all, List.copyOf(NstCli.commandLine(null).getSubcommands().keySet()), "no command");
        assertEquals(
                NstCli.commandLine()
                        .getSubcommands()
                        .get("video")
                        .getCommandSpec()
                        .optionsMap()
                        .keySet(),
                NstCli.commandLine("video")
                        .getCommandSpec()
                        .subcommands()
                        .get("video")
                        .getCommandSpec()
                        .optionsMap()
                        .keySet(),
                "a command alone has its inherited options too");
    }
}
