package coop.entraide.node.media;

import coop.entraide.node.accounts.Authenticator;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Reads a request body only for a signed-in member: anonymous uploads are refused before a byte
 * of them is read or written to disk. Vert.x runs body handlers before any other handler of a
 * route, so the sign-in check has to live inside this one.
 */
final class SignedInBodyHandler implements BodyHandler {
    private final Authenticator auth;
    private final BodyHandler body;

    SignedInBodyHandler(Authenticator auth, BodyHandler body) {
        this.auth = auth;
        this.body = body;
    }

    @Override
    public void handle(RoutingContext ctx) {
        // Hold the body back while the session is looked up; the body handler resumes it.
        ctx.request().pause();
        auth.authenticate(ctx, signedIn -> body.handle(ctx));
    }

    @Override
    public BodyHandler setHandleFileUploads(boolean handleFileUploads) {
        body.setHandleFileUploads(handleFileUploads);
        return this;
    }

    @Override
    public BodyHandler setBodyLimit(long bodyLimit) {
        body.setBodyLimit(bodyLimit);
        return this;
    }

    @Override
    public BodyHandler setUploadsDirectory(String uploadsDirectory) {
        body.setUploadsDirectory(uploadsDirectory);
        return this;
    }

    @Override
    public BodyHandler setMergeFormAttributes(boolean mergeFormAttributes) {
        body.setMergeFormAttributes(mergeFormAttributes);
        return this;
    }

    @Override
    public BodyHandler setDeleteUploadedFilesOnEnd(boolean deleteUploadedFilesOnEnd) {
        body.setDeleteUploadedFilesOnEnd(deleteUploadedFilesOnEnd);
        return this;
    }

    @Override
    public BodyHandler setPreallocateBodyBuffer(boolean preallocateBodyBuffer) {
        body.setPreallocateBodyBuffer(preallocateBodyBuffer);
        return this;
    }
}
