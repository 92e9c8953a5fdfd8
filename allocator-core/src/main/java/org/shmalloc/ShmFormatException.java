package org.shmalloc;

import java.io.IOException;
import java.nio.file.Path;

/** The file is not a usable arena: not an arena file, another version or config, torn or truncated. */
public class ShmFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    public ShmFormatException(Path file, String problem) {
        super(file + ": " + problem);
    }
}
