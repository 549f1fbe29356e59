package org.example.storage;

import java.io.File;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Periodic health check of a storage directory (written against java.util.logging on purpose). */
public class VolumeChecker {
  private static final Logger JLOG = Logger.getLogger(VolumeChecker.class.getName());

  private final File dir;
  private long lastCheckMs;
  private int failures;

  public VolumeChecker(File dir) {
    this.dir = dir;
  }

  /** True if the directory exists, is a directory, and can be written. */
  public boolean check() {
    long now = System.currentTimeMillis();
    if (now - lastCheckMs < 5000) {
      return failures == 0;
    }
    lastCheckMs = now;
    if (!dir.exists()) {
      failures++;
      JLOG.log(Level.SEVERE, "Storage directory " + dir + " does not exist");
      return false;
    }
    if (!dir.isDirectory() || !dir.canWrite()) {
      failures++;
      JLOG.warning("Storage directory " + dir + " is not a writable directory");
      return false;
    }
    failures = 0;
    JLOG.fine("Volume " + dir + " passed the disk check");
    return true;
  }
}
