package coop.entraide.node.config;

/**
 * A setting that cannot be used. The message names the setting and is shown to the operator as is,
 * on one line, so it must be readable without a stack trace.
 */
public final class ConfigException extends RuntimeException {
    private final String setting;

    public ConfigException(String setting, String message) {
        super(setting + ": " + message);
        this.setting = setting;
    }

    public ConfigException(String setting, String message, Throwable cause) {
        super(setting + ": " + message, cause);
        this.setting = setting;
    }

    /** The flag name, e.g. {@code --base-url}. */
    public String setting() {
        return setting;
    }
}
