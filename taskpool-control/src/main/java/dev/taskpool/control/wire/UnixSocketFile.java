package dev.taskpool.control.wire;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file of a listening UNIX domain socket, created so that only its owner can ever connect
 * (mode 0600), and removed again when the server closes.
 *
 * <p>{@link #bind} refuses a path holding anything but a socket, and a socket some server
 * still answers on; it replaces a stale socket left by a dead process.
 *
 * <p>Thread-safe: instances are immutable, and {@link #delete()} may be called from any thread.
 */
public final class UnixSocketFile {

    private static final Logger log = LoggerFactory.getLogger(UnixSocketFile.class);
    private static final int SOCKET_TYPE_MASK = 0170000;
    private static final int SOCKET_TYPE = 0140000;

    private final Path path;
    private final Object fileKey;

    private UnixSocketFile(Path path, Object fileKey) {
        this.path = path;
        this.fileKey = fileKey;
    }

    /** Where the socket file is: the absolute form of the path it was bound at. */
    public Path path() {
        return path;
    }

    /**
     * Binds {@code listener} so that its socket file appears at {@code path}.
     *
     * <p>The socket is bound inside a freshly created directory of mode 0700 next to
     * {@code path}, where nobody else can reach it, narrowed to 0600 there, and only then
     * hard-linked to {@code path}. So there is no moment at which another user could connect
     * through a file still carrying the umask's wider mode; and unlike a rename, {@code link}
     * fails instead of replacing whatever appeared at {@code path} in the meantime. (A parent
     * directory that others may write to without the sticky bit can never be made safe, as
     * they could replace the file itself.) Where the file system has no POSIX permissions, the
     * socket is bound at {@code path} directly.
     *
     * @param listener an unbound {@code ServerSocketChannel} of the UNIX family; on failure the
     *                 caller closes it
     * @throws FileAlreadyExistsException if something other than a socket is at {@code path}
     * @throws BindException              if a server is listening on {@code path}
     * @throws IOException                if the socket cannot be created, for instance because
     *                                    the parent directory is missing or not writable
     */
    public static UnixSocketFile bind(ServerSocketChannel listener, Path path, int backlog) throws IOException {
        Path target = path.toAbsolutePath().normalize();
        removeIfStale(target);
        if (!target.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            listener.bind(UnixDomainSocketAddress.of(target), backlog);
            return new UnixSocketFile(target, fileKey(target));
        }
        Path staging = createStagingDirectory(target.getParent());
        Path staged = staging.resolve("s");
        try {
            listener.bind(UnixDomainSocketAddress.of(staged), backlog);
            Files.setPosixFilePermissions(staged, PosixFilePermissions.fromString("rw-------"));
            try {
                Files.createLink(target, staged);
            } catch (FileAlreadyExistsException e) {
                throw new BindException("cannot listen on " + target
                        + ": the path was taken while binding, by another server starting there?");
            }
            return new UnixSocketFile(target, fileKey(target));
        } finally {
            Files.deleteIfExists(staged);
            Files.deleteIfExists(staging);
        }
    }

    /**
     * Removes the socket file, unless it is no longer this server's (another server replaced
     * it). Logs instead of throwing, since it runs while closing.
     */
    public void delete() {
        try {
            Object current = fileKey(path);
            if (fileKey == null || Objects.equals(current, fileKey)) {
                Files.deleteIfExists(path);
            }
        } catch (NoSuchFileException e) {
            // Already gone: nothing to do.
        } catch (IOException e) {
            log.warn("Could not remove the control socket file {}: {}", path, e.toString());
        }
    }

    private static void removeIfStale(Path target) throws IOException {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!isSocket(target)) {
            throw new FileAlreadyExistsException(target.toString(), null,
                    "exists and is not a socket; refusing to replace it with the control socket");
        }
        // Only a connection attempt tells a live socket from one a dead process left behind.
        try {
            SocketChannel.open(UnixDomainSocketAddress.of(target)).close();
        } catch (ConnectException e) {
            log.info("Replacing stale control socket file {}", target);
            Files.deleteIfExists(target);
            return;
        } catch (IOException e) {
            throw new IOException("cannot tell whether a server is listening on " + target + ": " + e, e);
        }
        throw new BindException("another server is listening on " + target);
    }

    private static boolean isSocket(Path path) throws IOException {
        if (path.getFileSystem().supportedFileAttributeViews().contains("unix")) {
            int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            return (mode & SOCKET_TYPE_MASK) == SOCKET_TYPE;
        }
        return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther();
    }

    // A short name of our own: socket paths are limited to about 100 bytes, and the staged
    // path must fit wherever the target does (nearly).
    private static Path createStagingDirectory(Path parent) throws IOException {
        HexFormat hex = HexFormat.of();
        for (int attempt = 0; ; attempt++) {
            Path candidate = parent.resolve(".tpc" + hex.toHexDigits(ThreadLocalRandom.current().nextInt()));
            try {
                return Files.createDirectory(candidate,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (FileAlreadyExistsException e) {
                if (attempt == 9) {
                    throw e;
                }
            }
        }
    }

    private static Object fileKey(Path path) throws IOException {
        return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
    }
}
