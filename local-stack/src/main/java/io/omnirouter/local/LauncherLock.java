package io.omnirouter.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One launcher per data directory. An OS file lock rather than a pid check: it is released by the
 * kernel however the launcher dies, and cannot be fooled by pid reuse.
 */
final class LauncherLock {

    /** Held, never read: an unreachable channel would be closed by its cleaner, releasing the lock. */
    @SuppressWarnings({"unused", "FieldCanBeLocal"})
    private final FileLock lock;

    private LauncherLock(FileLock lock) {
        this.lock = lock;
    }

    static LauncherLock acquire(Path runDir) {
        Path lockFile = runDir.resolve("launcher.lock");
        Path pidFile = runDir.resolve("launcher.pid");
        try {
            Files.createDirectories(runDir);
            // Never closed: the lock lives as long as the launcher's JVM.
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                String holder = PidFiles.readPid(pidFile).map(pid -> " (launcher pid " + pid + ")").orElse("");
                throw new StackException("Omnirouter is already running with the data directory " + runDir.getParent() + holder
                        + ". Stop it first (Ctrl-C in its terminal), or choose another OMNIROUTER_DATA_DIR.");
            }
            Files.writeString(pidFile, Long.toString(ProcessHandle.current().pid()));
            return new LauncherLock(lock);
        } catch (IOException e) {
            throw new StackException("Cannot use the data directory " + runDir.getParent() + ": " + e.getMessage(), e);
        }
    }
}
