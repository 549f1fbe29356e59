package org.example.storage;

import java.io.IOException;

/** Thrown when the data of a packet does not match its checksum. */
public class ChecksumException extends IOException {
  private static final long serialVersionUID = 1L;

  private final long pos;

  public ChecksumException(String message, long pos) {
    super(message);
    this.pos = pos;
  }

  /** Offset in the block of the first chunk that failed verification. */
  public long getPos() {
    return pos;
  }
}
