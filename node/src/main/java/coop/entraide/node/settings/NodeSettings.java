package coop.entraide.node.settings;

import coop.entraide.node.store.NodeSettingsRepository;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.SqlClient;
import java.util.List;
import java.util.Optional;

/**
 * The node's profile in {@code node_settings}, one key per setting, under the keys NodeInfo and
 * campaigns already read ({@code node_name}, {@code node_description}, {@code open_registrations},
 * {@code default_tip_percent}).
 */
public final class NodeSettings {
    static final String RULES = "node_rules";
    static final String LANGUAGES = "node_languages";
    static final String REGISTRATIONS = "registrations";
    /** Read by campaigns for the tip they suggest. */
    static final String DEFAULT_TIP_PERCENT = "default_tip_percent";

    private final NodeSettingsRepository settings = new NodeSettingsRepository();
    private final String authority;

    public NodeSettings(String authority) {
        this.authority = authority;
    }

    public Future<NodeProfile> read(SqlClient client) {
        NodeProfile d = NodeProfile.defaults(authority);
        Future<Optional<Object>> name = settings.get(client, NodeSettingsRepository.NODE_NAME);
        Future<Optional<Object>> description = settings.get(client, NodeSettingsRepository.NODE_DESCRIPTION);
        Future<Optional<Object>> rules = settings.get(client, RULES);
        Future<Optional<Object>> tip = settings.get(client, DEFAULT_TIP_PERCENT);
        Future<Optional<Object>> languages = settings.get(client, LANGUAGES);
        Future<Optional<Object>> registrations = settings.get(client, REGISTRATIONS);
        Future<Optional<Object>> open = settings.get(client, NodeSettingsRepository.OPEN_REGISTRATIONS);
        return Future.all(List.of(name, description, rules, tip, languages, registrations, open)).map(all -> new NodeProfile(
                string(name.result()).orElse(d.name()),
                string(description.result()).orElse(d.description()),
                string(rules.result()).orElse(d.rules()),
                tip.result().filter(Number.class::isInstance).map(n -> ((Number) n).intValue()).orElse(d.defaultTipPercent()),
                languages.result().filter(JsonArray.class::isInstance)
                        .map(a -> ((JsonArray) a).stream().map(String::valueOf).toList()).orElse(d.languages()),
                registrations.result().flatMap(Registrations::parse)
                        // A node set up before this setting existed may have said "open" the NodeInfo way.
                        .orElse(open.result().map(Boolean.TRUE::equals).orElse(false) ? Registrations.OPEN : d.registrations())));
    }

    /** Stores every setting, and NodeInfo's {@code open_registrations} to match. */
    public Future<Void> write(SqlClient tx, NodeProfile p) {
        return settings.put(tx, NodeSettingsRepository.NODE_NAME, p.name())
                .compose(v -> settings.put(tx, NodeSettingsRepository.NODE_DESCRIPTION, p.description()))
                .compose(v -> settings.put(tx, RULES, p.rules()))
                .compose(v -> settings.put(tx, DEFAULT_TIP_PERCENT, p.defaultTipPercent()))
                .compose(v -> settings.put(tx, LANGUAGES, new JsonArray(p.languages())))
                .compose(v -> settings.put(tx, REGISTRATIONS, p.registrations().value()))
                .compose(v -> settings.put(tx, NodeSettingsRepository.OPEN_REGISTRATIONS, p.registrations().openForNodeInfo()));
    }

    private static Optional<String> string(Optional<Object> value) {
        return value.filter(String.class::isInstance).map(String.class::cast);
    }
}
