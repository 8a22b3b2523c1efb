package coop.entraide.node.store;

import coop.entraide.node.config.ConfigException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on the data directory, held for the life of the process, so that a second node
 * started on the same directory stops at once instead of sharing (and corrupting) its database.
 * The operating system releases it if the process dies, so a crash never leaves it stale.
 */
public final class DataDirLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    public static DataDirLock acquire(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new ConfigException("--data-dir", "cannot create " + dataDir + " (" + e.getMessage() + ")");
        }
        if (!Files.isWritable(dataDir)) {
            throw new ConfigException("--data-dir", dataDir + " is not writable by this user");
        }
        Path file = dataDir.resolve("entraide.lock");
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                throw alreadyInUse(dataDir);
            }
            channel.truncate(0);
            channel.write(java.nio.ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
            return new DataDirLock(channel, lock);
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw alreadyInUse(dataDir);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new ConfigException("--data-dir", "cannot lock " + file + " (" + e.getMessage() + ")");
        }
    }

    private static ConfigException alreadyInUse(Path dataDir) {
        return new ConfigException("--data-dir", dataDir
                + " is already used by another running Entraide node; stop it first, or choose another --data-dir");
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing more to release
            }
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // the channel close below releases it too
        }
        closeQuietly(channel);
    }
}
