package coop.entraide.node.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coop.entraide.node.config.ConfigException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirLockTest {

    @Test
    void aSecondLockOnTheSameDirectoryFailsUntilTheFirstIsReleased(@TempDir Path dir) {
        try (DataDirLock first = DataDirLock.acquire(dir)) {
            ConfigException e = assertThrows(ConfigException.class, () -> DataDirLock.acquire(dir));
            assertEquals("--data-dir", e.setting());
            assertTrue(e.getMessage().contains("already used by another running Entraide node"), e.getMessage());
        }
        DataDirLock.acquire(dir).close();
    }

    @Test
    void createsAMissingDirectory(@TempDir Path dir) {
        Path nested = dir.resolve("a/b/c");
        DataDirLock.acquire(nested).close();
        assertTrue(nested.resolve("entraide.lock").toFile().exists());
    }

    @Test
    void aPathThatIsAFileIsReported(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("file");
        java.nio.file.Files.writeString(file, "x");
        ConfigException e = assertThrows(ConfigException.class, () -> DataDirLock.acquire(file));
        assertEquals("--data-dir", e.setting());
    }
}
