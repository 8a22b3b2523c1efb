package coop.entraide.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The web app as the build packaged it: every file under {@link #ROOT} on the classpath, and a
 * version derived from their content. The node serves the files under a path that contains the
 * version, so that browsers may cache them for a year and still never run a stale mix of old and
 * new modules after an upgrade.
 */
public final class UiBundle {
    /** Where the build puts the app's files, on the classpath. */
    public static final String ROOT = "META-INF/entraide-ui";
    /** The page every app address answers with; it names the assets through {@link #ASSETS_MARKER}. */
    public static final String INDEX = "index.html";
    /** Replaced in {@link #INDEX} by the versioned path of the assets, such as {@code /static/1a2b3c}. */
    public static final String ASSETS_MARKER = "%ASSETS%";

    private final SortedMap<String, byte[]> files;
    private final String version;

    private UiBundle(SortedMap<String, byte[]> files) {
        this.files = Collections.unmodifiableSortedMap(files);
        this.version = versionOf(files);
    }

    /** Reads the bundle from the class loader that loaded this class (a directory or a jar). */
    public static UiBundle load() {
        URL index = UiBundle.class.getClassLoader().getResource(ROOT + "/" + INDEX);
        if (index == null) {
            throw new IllegalStateException("the web app is missing from the classpath (" + ROOT + "/" + INDEX + ")");
        }
        try {
            URI uri = index.toURI();
            if (uri.getScheme().equals("jar")) {
                return fromJar(uri);
            }
            return fromDirectory(Path.of(uri).getParent());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot read the web app at " + index, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the web app at " + index, e);
        }
    }

    /** A bundle made of the files under a directory, for tests and development. */
    public static UiBundle fromDirectory(Path root) throws IOException {
        SortedMap<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths.filter(Files::isRegularFile)::iterator) {
                files.put(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        }
        return new UiBundle(files);
    }

    private static UiBundle fromJar(URI indexUri) throws IOException {
        String jar = indexUri.toString().substring(0, indexUri.toString().indexOf("!/"));
        URI jarUri = URI.create(jar);
        FileSystem fs;
        boolean ours = false;
        try {
            fs = FileSystems.getFileSystem(jarUri);
        } catch (FileSystemNotFoundException e) {
            fs = FileSystems.newFileSystem(jarUri, Map.of());
            ours = true;
        }
        try {
            return fromDirectory(fs.getPath("/" + ROOT));
        } finally {
            if (ours) {
                fs.close();
            }
        }
    }

    /** Short, content-derived, safe in a URL path. */
    private static String versionOf(SortedMap<String, byte[]> files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                sha.update(e.getKey().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(e.getValue());
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Changes whenever any file of the app changes. */
    public String version() {
        return version;
    }

    /** Paths relative to {@link #ROOT}, with forward slashes, sorted. */
    public SortedMap<String, byte[]> files() {
        return files;
    }

    /** The index page with its asset paths filled in. */
    public String indexPage(String assetsPath) {
        byte[] index = files.get(INDEX);
        if (index == null) {
            throw new IllegalStateException("the web app has no " + INDEX);
        }
        return new String(index, StandardCharsets.UTF_8).replace(ASSETS_MARKER, assetsPath);
    }
}
