package coop.entraide.node.cli;

import coop.entraide.node.Blocking;
import coop.entraide.node.Node;
import coop.entraide.node.config.ConfigException;
import coop.entraide.node.config.NodeConfig;
import coop.entraide.node.config.Settings;
import coop.entraide.node.demo.DemoNeighbourhood;
import coop.entraide.node.demo.DemoSeeder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Two neighbourhood nodes on this machine, federating with each other, each with its own embedded
 * PostgreSQL, seeded with a collective, members and sample content.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start two federating demo nodes on this machine (loopback only) and print their logins.")
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--ports", paramLabel = "A,B", defaultValue = "8080,8081", split = ",",
            description = "Ports of the two nodes. Default: ${DEFAULT-VALUE}.")
    List<Integer> ports;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "./demo-data",
            description = "Where the demo nodes keep their data, one folder per port. Default: ${DEFAULT-VALUE}.")
    String dataDir;

    @Override
    public Integer call() throws InterruptedException {
        if (ports.size() != 2 || ports.get(0).equals(ports.get(1))) {
            throw new ConfigException("--ports", "give two different ports, as in --ports 8080,8081");
        }
        PrintWriter out = spec.commandLine().getOut();
        List<DemoNeighbourhood> neighbourhoods = DemoNeighbourhood.both();
        List<Node> nodes = new ArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAll(nodes), "entraide-demo-shutdown"));
        try {
            for (int i = 0; i < 2; i++) {
                out.println("Starting " + neighbourhoods.get(i).nodeName() + " on port " + ports.get(i) + "…");
                out.flush();
                Node node = Node.start(configFor(ports.get(i)));
                nodes.add(node);
                Blocking.await(new DemoSeeder(node.context()).seed(neighbourhoods.get(i)), 120, "seeding the demo");
            }
        } catch (RuntimeException e) {
            stopAll(nodes);
            throw e;
        }
        DemoSeeder.contentOnce(nodes.get(0).context(), nodes.get(0).config().baseUrl(), nodes.get(1).config().baseUrl(), out);
        printWelcome(out, nodes, neighbourhoods);
        new CountDownLatch(1).await();
        return 0;
    }

    private NodeConfig configFor(int port) {
        Path dir = Path.of(dataDir).resolve(String.valueOf(port));
        // Demo nodes only talk to each other on loopback, hence private network allowed.
        return Settings.parse(null, "127.0.0.1", port, dir.toString(), null, true);
    }

    private static void printWelcome(PrintWriter out, List<Node> nodes, List<DemoNeighbourhood> neighbourhoods) {
        out.println();
        out.println("Entraide demo: two neighbourhoods, federating on this machine.");
        for (int i = 0; i < nodes.size(); i++) {
            Node node = nodes.get(i);
            DemoNeighbourhood n = neighbourhoods.get(i);
            String authority = node.config().authority();
            out.println();
            out.println("  " + n.nodeName() + "  " + node.config().baseUrl());
            out.println("    collective  @" + n.collective() + "@" + authority + "  (" + n.collectiveName() + ")");
            for (DemoNeighbourhood.Person p : n.members()) {
                out.printf("    %-10s  @%s@%s  password: %s%n", p.role().name().toLowerCase(java.util.Locale.ROOT),
                        p.username(), authority, p.password());
            }
        }
        out.println();
        out.println("Open " + nodes.get(0).config().baseUrl() + "/ in a browser and sign in as alice (password entraide-alice);");
        out.println("the same accounts work on the JSON API: POST /api/v1/sessions {\"username\":…,\"password\":…}.");
        out.println("Press Ctrl-C to stop both nodes.");
        out.flush();
    }

    private static synchronized void stopAll(List<Node> nodes) {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).close();
        }
        nodes.clear();
    }
}
