package org.example.storage;

/**
 * A block of a file as a data node stores it: an id, a generation stamp that changes on every
 * append or recovery, and the number of bytes written so far.
 */
public class Block implements Comparable<Block> {
  public static final String BLOCK_FILE_PREFIX = "blk_";
  public static final String METADATA_EXTENSION = ".meta";

  private final long blockId;
  private long generationStamp;
  private long numBytes;

  public Block(long blockId, long numBytes, long generationStamp) {
    this.blockId = blockId;
    this.numBytes = numBytes;
    this.generationStamp = generationStamp;
  }

  public Block(Block other) {
    this(other.blockId, other.numBytes, other.generationStamp);
  }

  public long getBlockId() {
    return blockId;
  }

  public long getGenerationStamp() {
    return generationStamp;
  }

  public void setGenerationStamp(long stamp) {
    this.generationStamp = stamp;
  }

  public long getNumBytes() {
    return numBytes;
  }

  public void setNumBytes(long len) {
    this.numBytes = len;
  }

  public String getBlockName() {
    return BLOCK_FILE_PREFIX + blockId;
  }

  public String getMetaFileName() {
    return getBlockName() + "_" + generationStamp + METADATA_EXTENSION;
  }

  @Override
  public int compareTo(Block other) {
    return Long.compare(blockId, other.blockId);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Block)) {
      return false;
    }
    return blockId == ((Block) o).blockId;
  }

  @Override
  public int hashCode() {
    return (int) (blockId ^ (blockId >>> 32));
  }

  @Override
  public String toString() {
    return getBlockName() + "_" + generationStamp;
  }
}
