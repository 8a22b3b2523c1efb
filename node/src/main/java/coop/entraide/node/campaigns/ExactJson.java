package coop.entraide.node.campaigns;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import coop.entraide.node.http.ApiException;
import coop.entraide.node.http.JsonApi;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/**
 * Request bodies whose numbers are read exactly: {@code 12.10} arrives as the decimal 12.10, never
 * as the nearest double. Amounts may then be sent as JSON numbers or strings alike.
 */
final class ExactJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

    private ExactJson() {
    }

    static JsonObject body(RoutingContext ctx) {
        JsonApi.body(ctx);
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = MAPPER.readValue(ctx.body().buffer().getBytes(), Map.class);
            return new JsonObject(map);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("The request body is not valid JSON.");
        } catch (java.io.IOException e) {
            throw ApiException.badRequest("The request body cannot be read.");
        }
    }
}
