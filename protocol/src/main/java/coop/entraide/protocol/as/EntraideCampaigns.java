package coop.entraide.protocol.as;

/**
 * Entraide's crowdfunding terms, in the {@link Entraide#NS} namespace and declared inline in the
 * {@code @context} of the documents that use them (JSON-LD 1.1 §4.1 term definitions). Kept apart
 * from {@link Entraide} so that each capability owns its own vocabulary. Amounts are
 * {@code xsd:decimal} strings ("1250.00"): exact, never floating point.
 */
public final class EntraideCampaigns {
    /** The object type of a campaign; published as {@code ["Note", "Campaign"]} so that Mastodon shows it. */
    public static final String CAMPAIGN = "Campaign";
    /** The object type of a pledge, inside an {@code Offer} to a campaign. */
    public static final String PLEDGE = "Pledge";

    public static final String GOAL = "goal";
    /** Received and promised together. */
    public static final String RAISED = "raised";
    public static final String RECEIVED = "received";
    public static final String PROMISED = "promised";
    public static final String CONTRIBUTORS = "contributors";
    /** ISO 4217 code of every amount in the document. */
    public static final String CURRENCY = "currency";
    public static final String AMOUNT = "amount";
    /** A tip to the node's cooperative, apart from the amount given to the collective. */
    public static final String TIP = "tip";
    public static final String CAMPAIGN_STATE = "campaignState";
    public static final String CAMPAIGN_RULE = "campaignRule";
    public static final String PLEDGE_STATE = "pledgeState";
    /** The ISO 11649 reference a donor quotes on a bank transfer. */
    public static final String PAYMENT_REFERENCE = "paymentReference";

    /** XML Schema's decimal datatype, the {@code @type} of amount terms. */
    public static final String XSD_DECIMAL = "http://www.w3.org/2001/XMLSchema#decimal";
    public static final String XSD_NON_NEGATIVE_INTEGER = "http://www.w3.org/2001/XMLSchema#nonNegativeInteger";

    private EntraideCampaigns() {
    }
}
