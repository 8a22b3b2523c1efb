package coop.entraide.node.cli;

import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Reads each option's default from the environment: {@code --data-dir} from
 * {@code ENTRAIDE_DATA_DIR}, and so on. Deployment scripts depend on these names.
 */
final class EnvironmentDefaults implements IDefaultValueProvider {
    private final Map<String, String> env;

    EnvironmentDefaults(Map<String, String> env) {
        this.env = env;
    }

    static String variableFor(String longName) {
        return "ENTRAIDE_" + longName.replaceFirst("^--", "").replace('-', '_').toUpperCase(Locale.ROOT);
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (argSpec instanceof OptionSpec option) {
            String value = env.get(variableFor(option.longestName()));
            if (value != null && !value.isEmpty()) {
                return value;
            }
        }
        return argSpec.defaultValue();
    }
}
