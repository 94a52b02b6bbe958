package io.nst.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The tool as a command line: one name per concept (old names still work and say the new one),
 * an honest version, bare {@code nst} as an error, every model listed, progress fitted to the
 * terminal.
 */
class CommandLineTest {

    @TempDir
    Path dir;

    /** What a call printed on stdout and stderr, and its exit code. */
    private record Printed(int exit, String out, String err) {}

    private static Printed capture(Supplier<Integer> call) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        try {
            int exit = call.get();
            return new Printed(exit, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void bareNstIsAnErrorThatShowsTheCommands() {
        Printed printed = capture(NstCli::execute);
        assertEquals(2, printed.exit());
        assertTrue(printed.err().contains("Usage: nst"), printed.err());
        assertTrue(printed.err().contains("nst: a command is required"), printed.err());
        assertEquals("", printed.out());
    }

    @Test
    void theVersionIsTheProjects() {
        Printed printed = capture(() -> NstCli.execute("--version"));
        assertEquals(0, printed.exit());
        assertEquals("nst " + System.getProperty("nst.version"), printed.out().strip());
    }

    @Test
    void oldOptionNamesAreTheNewOnesWithALineSayingSo() {
        StringWriter said = new StringWriter();
        CommandLine cli = new CommandLine(new NstCli()).setErr(new PrintWriter(said, true));
        String[] current = NstCli.withCurrentNames(
                cli, new String[] {"train", "--lr", "0.01", "--out-dir=x", "--in", "--", "--in"});
        assertArrayEquals(
                new String[] {"train", "--learning-rate", "0.01", "--out=x", "--content", "--", "--in"}, current);
        assertEquals(
                List.of(
                        "nst: --lr is now --learning-rate; the old name will go in a later version",
                        "nst: --out-dir is now --out; the old name will go in a later version",
                        "nst: --in is now --content; the old name will go in a later version"),
                said.toString().lines().toList());
        Path missing = dir.resolve("missing.jpg");
        Printed printed = capture(() -> NstCli.execute(
                "fast",
                "--model",
                "wave",
                "--in",
                missing.toString(),
                "--out",
                dir.resolve("o.png").toString()));
        assertEquals(1, printed.exit());
        assertEquals(
                List.of(
                        "nst: --in is now --content; the old name will go in a later version",
                        "nst: " + missing + ": no such file or folder"),
                printed.err().lines().toList());
    }

    @Test
    void modelsListsEveryModelWithItsSize() {
        Printed printed = capture(() -> NstCli.execute("models"));
        assertEquals(0, printed.exit());
        for (String model : new String[] {"wave", "matta", "magenta", "darknet-tiny", "vgg19"}) {
            assertTrue(printed.out().lines().anyMatch(l -> l.startsWith(model + " ") && l.contains(" MB ")), model);
        }
        assertTrue(printed.out().contains("magenta          arbitrary"), printed.out());
    }

    @Test
    void theProgressBarFitsTheTerminal() {
        for (int columns : new int[] {20, 40, 80, 200}) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            TerminalBar bar = new TerminalBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), true, columns);
            bar.show(3, 10, "iteration 3/10, loss 1.234e+05 (content 1.2e+04, style 1.1e+05, tv 2.3e+03), 12s left");
            bar.show(4, 10, "short");
            for (String line : bytes.toString(StandardCharsets.UTF_8).split("\r")) {
                assertTrue(line.length() < columns, columns + " columns: '" + line + "'");
            }
        }
        assertEquals(80, TerminalBar.columns(null));
        assertEquals(80, TerminalBar.columns("wide"));
        assertEquals(132, TerminalBar.columns("132\n"));
    }
}
