package org.example.storage;

/** Where a data node can be reached, and what the name service last heard from it. */
public class DatanodeInfo {
  private final String hostName;
  private final String ipAddr;
  private final int xferPort;
  private final int ipcPort;
  private final String storageId;
  private long lastUpdate;
  private long remaining;
  private int xceiverCount;

  public DatanodeInfo(String hostName, String ipAddr, int xferPort, int ipcPort, String storageId) {
    this.hostName = hostName;
    this.ipAddr = ipAddr;
    this.xferPort = xferPort;
    this.ipcPort = ipcPort;
    this.storageId = storageId;
  }

  public String getHostName() {
    return hostName;
  }

  public String getIpAddr() {
    return ipAddr;
  }

  public int getXferPort() {
    return xferPort;
  }

  public int getIpcPort() {
    return ipcPort;
  }

  public String getStorageId() {
    return storageId;
  }

  /** The data-transfer address, `ip:port`, as it appears in the logs. */
  public String getXferAddr() {
    return ipAddr + ":" + xferPort;
  }

  public long getLastUpdate() {
    return lastUpdate;
  }

  public void setLastUpdate(long time) {
    this.lastUpdate = time;
  }

  public long getRemaining() {
    return remaining;
  }

  public void setRemaining(long bytes) {
    this.remaining = bytes;
  }

  public int getXceiverCount() {
    return xceiverCount;
  }

  public void setXceiverCount(int count) {
    this.xceiverCount = count;
  }

  @Override
  public String toString() {
    return getXferAddr();
  }
}
