package org.example.storage;

import java.io.DataOutputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A storage node: stores block replicas in its dataset, receives and serves blocks through
 * DataXceiver, scans its replicas, and reports to the name service with heartbeats and block reports.
 */
public class DataNode {
  public static final Logger LOG = LoggerFactory.getLogger(DataNode.class);

  private final DatanodeInfo self;
  private final FsDataset dataset;
  private final NameServiceClient nsClient;
  private final ReplicationPipeline pipeline;
  private final BlockScanner scanner;
  private final long heartbeatIntervalMs;
  private final long blockReportIntervalMs;
  private volatile boolean shouldRun = true;
  private long lastHeartbeat;
  private long lastBlockReport;
  private int xceiverCount;

  public DataNode(DatanodeInfo self, File dataDir, NameService namenode) {
    this.self = self;
    this.dataset = new FsDataset(dataDir, 1024L * 1024 * 1024);
    this.nsClient = new NameServiceClient(namenode, self, 3);
    this.pipeline = new ReplicationPipeline(this, 60000);
    this.scanner = new BlockScanner(this, 5000);
    this.heartbeatIntervalMs = 3000;
    this.blockReportIntervalMs = 6 * 3600 * 1000L;
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("Usage: DataNode <host:port> <dataDir>");
      System.exit(1);
    }
    String[] hostPort = args[0].split(":");
    DatanodeInfo self = new DatanodeInfo(hostPort[0], hostPort[0], Integer.parseInt(hostPort[1]), 9867, "DS-" + args[0]);
    DataNode dn = new DataNode(self, new File(args[1]), new NameService(42L));
    dn.runDatanodeDaemon();
  }

  /** Starts the services, then heartbeats until told to stop. */
  public void runDatanodeDaemon() throws IOException {
    LOG.info("Starting DataNode {} with data directory check", self);
    try {
      dataset.checkDataDir();
    } catch (FsDataset.DiskOutOfSpaceException e) {
      LOG.error("Initialization failed for {}. Exiting.", self, e);
      throw e;
    }
    nsClient.register();
    Thread scannerThread = new Thread(scanner, "BlockScanner");
    scannerThread.setDaemon(true);
    scannerThread.start();
    Thread.UncaughtExceptionHandler handler = new Thread.UncaughtExceptionHandler() {
      @Override
      public void uncaughtException(Thread t, Throwable e) {
        LOG.error("Thread {} died unexpectedly", t.getName(), e);
      }
    };
    scannerThread.setUncaughtExceptionHandler(handler);
    offerService();
    shutdown();
  }

  /** The main loop: heartbeats, commands from the name service, periodic block reports. */
  void offerService() {
    LOG.info("For namenode, using BLOCKREPORT_INTERVAL of {} msec; heartBeatInterval={}", blockReportIntervalMs,
        heartbeatIntervalMs);
    while (shouldRun) {
      try {
        long now = System.currentTimeMillis();
        if (now - lastHeartbeat >= heartbeatIntervalMs) {
          lastHeartbeat = now;
          NameService.Command[] cmds = nsClient.sendHeartbeat(dataset.getRemaining(), xceiverCount);
          for (NameService.Command cmd : cmds) {
            if (!processCommand(cmd)) {
              break;
            }
          }
        }
        if (now - lastBlockReport >= blockReportIntervalMs) {
          nsClient.blockReport(dataset.getBlockReport());
          lastBlockReport = now;
        }
        Thread.sleep(heartbeatIntervalMs);
      } catch (InterruptedException ie) {
        LOG.warn("offerService interrupted");
        shouldRun = false;
      } catch (IOException e) {
        LOG.warn("IOException in offerService", e);
      }
    }
  }

  /** Carries out one command; false when the node must stop processing (shutdown). */
  boolean processCommand(NameService.Command cmd) throws IOException {
    switch (cmd.action) {
      case NameService.DNA_TRANSFER:
        for (Block b : cmd.blocks) {
          pipeline.transferBlock(b, cmd.targets);
        }
        break;
      case NameService.DNA_INVALIDATE:
        try {
          dataset.invalidate(cmd.blocks);
        } catch (IOException e) {
          LOG.warn("Error processing datanode Command", e);
        }
        break;
      case NameService.DNA_SHUTDOWN:
        LOG.info("DatanodeCommand action: DNA_SHUTDOWN");
        shouldRun = false;
        return false;
      case NameService.DNA_REGISTER:
        LOG.info("DatanodeCommand action: DNA_REGISTER");
        nsClient.register();
        // fall through: a re-registered node sends a full block report at once
      case NameService.DNA_BLOCKREPORT:
        nsClient.blockReport(dataset.getBlockReport());
        break;
      default:
        LOG.warn("Unknown DatanodeCommand action: {}", cmd.action);
    }
    return true;
  }

  /** Tells the name service about a finalized replica. */
  void notifyBlockReceived(Block block) {
    nsClient.blockReceived(block);
    LOG.debug("Notified the name service of received block {}", block);
  }

  /** Copies a replica to `out`; returns the bytes sent. */
  long sendReplica(FsDataset.Replica replica, DataOutputStream out) throws IOException {
    long sent = 0;
    byte[] buf = new byte[64 * 1024];
    try (InputStream in = new FileInputStream(replica.getBlockFile())) {
      int n;
      while ((n = in.read(buf)) > 0) {
        out.write(buf, 0, n);
        sent += n;
      }
    }
    return sent;
  }

  synchronized void xceiverStarted() {
    xceiverCount++;
  }

  synchronized void xceiverStopped() {
    xceiverCount--;
  }

  boolean shouldRun() {
    return shouldRun;
  }

  FsDataset getDataset() {
    return dataset;
  }

  NameServiceClient getNameServiceClient() {
    return nsClient;
  }

  ReplicationPipeline getPipeline() {
    return pipeline;
  }

  public void shutdown() {
    shouldRun = false;
    LOG.info("Shutting down DataNode {}", self);
  }

  @Override
  public String toString() {
    return "DataNode{" + self + "}";
  }
}
