package coop.entraide.protocol.as;

/** ValueFlows and OM-2 terms used by FEP-0837 (Federated Marketplace). */
public final class Vf {

    public static final String NS = "https://w3id.org/valueflows/ont/vf#";
    public static final String OM2_NS = "http://www.ontology-of-units-of-measure.org/resource/om-2/";

    // Types
    public static final String PROPOSAL = "Proposal";
    public static final String INTENT = "Intent";
    public static final String AGREEMENT = "Agreement";
    public static final String COMMITMENT = "Commitment";

    // Properties
    public static final String PURPOSE = "purpose";
    public static final String PUBLISHES = "publishes";
    public static final String RECIPROCAL = "reciprocal";
    public static final String UNIT_BASED = "unitBased";
    public static final String ACTION = "action";
    public static final String RESOURCE_CONFORMS_TO = "resourceConformsTo";
    public static final String RESOURCE_QUANTITY = "resourceQuantity";
    public static final String AVAILABLE_QUANTITY = "availableQuantity";
    public static final String MINIMUM_QUANTITY = "minimumQuantity";
    public static final String STIPULATES = "stipulates";
    public static final String STIPULATES_RECIPROCAL = "stipulatesReciprocal";
    public static final String SATISFIES = "satisfies";
    public static final String HAS_UNIT = "hasUnit";
    public static final String HAS_NUMERICAL_VALUE = "hasNumericalValue";

    // Values
    public static final String PURPOSE_OFFER = "offer";
    public static final String PURPOSE_REQUEST = "request";
    public static final String ACTION_TRANSFER = "transfer";
    public static final String ACTION_DELIVER_SERVICE = "deliverService";
    /** OM-2 unit name for a plain count. */
    public static final String UNIT_ONE = "one";

    private Vf() {
    }
}
