package coop.entraide.node.http;

import io.vertx.ext.web.Router;

/** A capability's HTTP surface: each package mounts its own routes, handlers stay thin. */
@FunctionalInterface
public interface Routes {
    void mount(Router router);
}
