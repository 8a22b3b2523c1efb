package coop.entraide.node.store;

import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Turns the database's expected failures into values the rest of the node understands. */
public final class SqlErrors {
    private static final String UNIQUE_VIOLATION = "23505";

    private SqlErrors() {
    }

    public static boolean isUniqueViolation(Throwable e) {
        return e instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState());
    }

    /** A failed insert whose unique key is taken becomes {@link AlreadyExistsException}. */
    public static <T> Future<T> uniqueViolation(Future<T> insert, String message) {
        return insert.recover(e -> Future.failedFuture(isUniqueViolation(e) ? new AlreadyExistsException(message) : e));
    }

    /** The first row mapped, or empty. */
    public static <T> Optional<T> first(RowSet<Row> rows, Function<Row, T> mapper) {
        var it = rows.iterator();
        return it.hasNext() ? Optional.of(mapper.apply(it.next())) : Optional.empty();
    }

    /** Every row mapped, in order, in a list the caller may change. */
    public static <T> List<T> all(RowSet<Row> rows, Function<Row, T> mapper) {
        List<T> list = new ArrayList<>(rows.size());
        rows.forEach(r -> list.add(mapper.apply(r)));
        return list;
    }

    /** The first row mapped, or a failed {@link NotFoundException}. */
    public static <T> Future<T> one(RowSet<Row> rows, Function<Row, T> mapper, String notFound) {
        return first(rows, mapper).map(Future::succeededFuture)
                .orElseGet(() -> Future.failedFuture(new NotFoundException(notFound)));
    }
}
