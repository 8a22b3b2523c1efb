package coop.entraide.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * A node in its own JVM, started as an operator would ({@code Main serve}) with this JVM's class
 * path, on a database that outlives it. Its output goes to {@code node.log} in its data directory.
 * It can be stopped gently or killed outright ({@code kill -9}), and its memory read from
 * {@code /proc}.
 */
public final class NodeProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path dataDir;
    private final URI databaseUrl;
    private final int port;
    private final List<String> jvmOptions;
    private final List<String> nodeOptions;
    private Process process;

    private NodeProcess(Path dataDir, URI databaseUrl, int port, List<String> jvmOptions, List<String> nodeOptions) {
        this.dataDir = dataDir;
        this.databaseUrl = databaseUrl;
        this.port = port;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.nodeOptions = List.copyOf(nodeOptions);
    }

    /**
     * Prepares a node on a free loopback port, base URL {@code http://127.0.0.1:<port>}, private
     * network allowed (its peers are on loopback). Call {@link #start} to run it.
     */
    public static NodeProcess on(Path dataDir, URI databaseUrl, List<String> jvmOptions, List<String> nodeOptions) {
        return new NodeProcess(dataDir, databaseUrl, freePort(), jvmOptions, nodeOptions);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Starts the process and waits until it answers {@code /health/ready}. */
    public NodeProcess start(Duration within) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("coop.entraide.node.cli.Main");
        command.addAll(List.of("serve", "--base-url", baseUrl(), "--bind", "127.0.0.1", "--port", String.valueOf(port),
                "--data-dir", dataDir.toString(), "--database-url", databaseUrl.toString(), "--allow-private-network"));
        command.addAll(nodeOptions);
        try {
            Files.createDirectories(dataDir);
            ProcessBuilder builder = new ProcessBuilder(command);
            // Two malloc arenas instead of eight per core: a JVM's own allocator needs no more, and
            // each arena holds on to memory. What a container running the node would set too.
            builder.environment().put("MALLOC_ARENA_MAX", "2");
            process = builder
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("node.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long deadline = System.nanoTime() + within.toNanos();
        while (!ready()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the node exited with " + process.exitValue() + "; see " + log());
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("the node did not start within " + within + "; see " + log());
            }
            sleep(50);
        }
        return this;
    }

    private boolean ready() {
        try {
            HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public Path log() {
        return dataDir.resolve("node.log");
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    /** {@code kill -9}: no shutdown hook, no chance to finish anything. Waits until it is gone. */
    public void kill() {
        process.destroyForcibly();
        waitFor();
    }

    /** The peak resident set size so far ({@code VmHWM}), in KiB, while the process lives. */
    public OptionalLong peakRssKib() {
        return statusField("VmHWM:");
    }

    /** The resident set size now ({@code VmRSS}), in KiB. */
    public OptionalLong rssKib() {
        return statusField("VmRSS:");
    }

    /** CPU time the process has used so far (user and system), in milliseconds. */
    public OptionalLong cpuMillis() {
        return cpuMillisOf(pid());
    }

    /** CPU time used so far by process {@code pid}, from {@code /proc/<pid>/stat}, in milliseconds. */
    public static OptionalLong cpuMillisOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            // Fields after the command name, which is in parentheses and may hold spaces.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return OptionalLong.of(ticks * 10); // USER_HZ is 100 on Linux
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * CPU time used so far by the PostgreSQL server whose data directory is under {@code dataDir}:
     * the postmaster, its live backends, and the backends that have exited. In milliseconds.
     */
    public static OptionalLong cpuMillisOfPostgres(Path dataDir) {
        String needle = dataDir.toAbsolutePath().toString();
        try (var procs = Files.list(Path.of("/proc"))) {
            List<Path> all = procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList();
            for (Path p : all) {
                String cmd = readQuietly(p.resolve("cmdline")).replace('\0', ' ');
                if (cmd.contains("postgres") && cmd.contains(needle) && cmd.contains("-D")) {
                    long postmaster = Long.parseLong(p.getFileName().toString());
                    long total = statTicks(postmaster, true);
                    for (Path child : all) {
                        String stat = readQuietly(child.resolve("stat"));
                        if (!stat.isEmpty() && stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1].equals(String.valueOf(postmaster))) {
                            total += statTicks(Long.parseLong(child.getFileName().toString()), false);
                        }
                    }
                    return OptionalLong.of(total * 10);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not on Linux
        }
        return OptionalLong.empty();
    }

    private static long statTicks(long pid, boolean withReapedChildren) {
        String stat = readQuietly(Path.of("/proc", String.valueOf(pid), "stat"));
        if (stat.isEmpty()) {
            return 0;
        }
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return withReapedChildren ? ticks + Long.parseLong(f[13]) + Long.parseLong(f[14]) : ticks;
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private OptionalLong statusField(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid()), "status"))) {
                if (line.startsWith(name)) {
                    return OptionalLong.of(Long.parseLong(line.substring(name.length()).replace("kB", "").strip()));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not on Linux, or the process is gone
        }
        return OptionalLong.empty();
    }

    /** SIGTERM, as an operator stopping the service; the node closes cleanly. */
    @Override
    public void close() {
        if (alive()) {
            process.destroy();
            waitFor();
        }
    }

    private void waitFor() {
        try {
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
