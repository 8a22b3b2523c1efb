package coop.entraide.protocol.as;

/** Misskey's extension terms (Misskey and forks: Sharkey, Firefish, Iceshrimp…). */
public final class Misskey {

    public static final String NS = "https://misskey-hub.net/ns#";

    /** The MFM source of a note, beside its rendered HTML {@code content}. */
    public static final String CONTENT = "_misskey_content";
    public static final String QUOTE = "_misskey_quote";
    public static final String REACTION = "_misskey_reaction";
    /** Quote link in the as: namespace, also sent by Pleroma and Akkoma. */
    public static final String QUOTE_URL = "quoteUrl";
    public static final String IS_CAT = "isCat";
    /** Media type Misskey gives its {@code source}: Misskey Flavoured Markdown. */
    public static final String MFM_MEDIA_TYPE = "text/x.misskeymarkdown";

    private Misskey() {
    }
}
