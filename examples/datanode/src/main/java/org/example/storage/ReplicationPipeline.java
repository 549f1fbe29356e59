package org.example.storage;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The downstream half of a write pipeline, and re-replication of stored blocks to other nodes. */
public class ReplicationPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(ReplicationPipeline.class);

  static final int ACK_SUCCESS = 0;
  static final int ACK_ERROR = 1;
  static final int ACK_CHECKSUM_ERROR = 2;

  private final DataNode datanode;
  private final int socketTimeout;

  public ReplicationPipeline(DataNode datanode, int socketTimeout) {
    this.datanode = datanode;
    this.socketTimeout = socketTimeout;
  }

  /** Connects to the first downstream target; the rest of the pipeline is that node's business. */
  public Socket connectToMirror(Block block, DatanodeInfo[] targets) throws IOException {
    if (targets == null || targets.length == 0) {
      return null;
    }
    String mirrorNode = targets[0].getXferAddr();
    LOG.debug("Connecting to datanode {}", mirrorNode);
    Socket s = new Socket();
    try {
      s.connect(new InetSocketAddress(targets[0].getIpAddr(), targets[0].getXferPort()), socketTimeout);
      s.setSoTimeout(socketTimeout * targets.length);
      return s;
    } catch (IOException e) {
      LOG.error("{}: Exception transfering block {} to mirror {}: {}", datanode, block, mirrorNode, e.toString());
      s.close();
      throw e;
    }
  }

  /** Re-replication ordered by the name service: sends a stored replica to `targets` in the background. */
  public void transferBlock(Block block, DatanodeInfo[] targets) throws IOException {
    FsDataset.Replica replica = datanode.getDataset().getReplica(block.getBlockId());
    if (replica == null) {
      LOG.warn("{} can't send invalid block {}", datanode, block);
      datanode.getNameServiceClient().reportBadBlock(block);
      return;
    }
    long onDisk = replica.getBlock().getNumBytes();
    if (onDisk < block.getNumBytes()) {
      LOG.info("Can't replicate block {} because on-disk length {} is shorter than NameNode recorded length {}",
          block, onDisk, block.getNumBytes());
      return;
    }
    StringBuilder xfersBuilder = new StringBuilder();
    for (DatanodeInfo target : targets) {
      xfersBuilder.append(target.getXferAddr()).append(' ');
    }
    LOG.info("{} Starting thread to transfer block {} to {}", datanode, block, xfersBuilder);
    Thread transfer = new Thread(() -> {
      try {
        sendBlock(block, targets, replica);
      } catch (IOException ie) {
        LOG.warn("{}:Failed to transfer {} to {} got", datanode, block, targets[0], ie);
      }
    }, "DataTransfer: " + block);
    transfer.setDaemon(true);
    transfer.start();
  }

  /** Streams the replica to the first target, which forwards it down the rest of the pipeline. */
  void sendBlock(Block block, DatanodeInfo[] targets, FsDataset.Replica replica) throws IOException {
    try (Socket sock = connectToMirror(block, targets);
        DataOutputStream out = new DataOutputStream(sock.getOutputStream());
        DataInputStream in = new DataInputStream(sock.getInputStream());
        FileInputStream data = new FileInputStream(replica.getBlockFile())) {
      out.writeLong(block.getBlockId());
      out.writeLong(block.getGenerationStamp());
      out.writeInt(targets.length - 1);
      byte[] buf = new byte[64 * 1024];
      long sent = 0;
      int n;
      while ((n = data.read(buf)) > 0) {
        out.writeInt(n);
        out.write(buf, 0, n);
        sent += n;
      }
      out.writeInt(0);
      out.flush();
      int acked = waitForAcks(block, targets, in);
      if (acked == targets.length) {
        LOG.info("{}: Transmitted {} (numBytes={}) to {}", datanode, block, sent, targets[0].getXferAddr());
      }
    }
  }

  /** Reads one ack per target; stops at the first node that reports an error. Returns the good acks. */
  int waitForAcks(Block block, DatanodeInfo[] targets, DataInputStream in) throws IOException {
    int acked = 0;
    acks:
    for (int i = 0; i < targets.length; i++) {
      int status = in.readInt();
      switch (status) {
        case ACK_SUCCESS:
          acked++;
          continue;
        case ACK_ERROR:
          LOG.warn("Bad response {} for block {} from datanode {}", status, block, targets[i]);
          break acks;
        case ACK_CHECKSUM_ERROR:
          LOG.warn("Checksum error reported by {} for block {}", targets[i], block);
          throw new ChecksumException("Corrupt data reported by " + targets[i] + " for " + block, 0);
        default:
          LOG.error("Unknown ack status {} from {} for block {}", status, targets[i], block);
          break acks;
      }
    }
    if (acked < targets.length) {
      LOG.warn(String.format("Pipeline for block %s has only %d of %d acks", block, acked, targets.length));
    }
    return acked;
  }
}
