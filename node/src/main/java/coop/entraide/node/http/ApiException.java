package coop.entraide.node.http;

import java.util.List;

/**
 * An expected failure of a request, carrying what may be shown to the client. The cause, if any, is
 * logged by the failure handler and never sent.
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final String title;
    private final List<FieldError> errors;

    /** One invalid field of a request body, named by its JSON pointer or parameter name. */
    public record FieldError(String field, String message) {
    }

    public ApiException(int status, String title, String detail) {
        this(status, title, detail, List.of(), null);
    }

    public ApiException(int status, String title, String detail, List<FieldError> errors, Throwable cause) {
        super(detail, cause, false, false);
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(400, "Bad request", detail);
    }

    public static ApiException invalid(List<FieldError> errors) {
        return new ApiException(422, "Invalid fields", "Some fields are not valid; see errors.", errors, null);
    }

    public static ApiException unauthorized(String detail) {
        return new ApiException(401, "Unauthorized", detail);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(403, "Forbidden", detail);
    }

    public static ApiException notFound(String detail) {
        return new ApiException(404, "Not found", detail);
    }

    public static ApiException conflict(String detail) {
        return new ApiException(409, "Conflict", detail);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public List<FieldError> errors() {
        return errors;
    }
}
