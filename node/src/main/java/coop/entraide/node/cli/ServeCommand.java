package coop.entraide.node.cli;

import coop.entraide.node.Node;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the node until stopped (Ctrl-C or SIGTERM). This is the default command.")
final class ServeCommand implements Callable<Integer> {
    @Mixin
    NodeOptions options;

    @Override
    public Integer call() throws InterruptedException {
        Node node = Node.start(options.toConfig());
        System.out.println("Entraide is running at " + node.config().baseUrl() + " (Ctrl-C to stop)");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping Entraide…");
            node.close();
            stopped.countDown();
        }, "entraide-shutdown"));
        stopped.await();
        return 0;
    }
}
