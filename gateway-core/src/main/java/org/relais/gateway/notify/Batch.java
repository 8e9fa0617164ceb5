package org.relais.gateway.notify;

import java.time.Instant;
import org.relais.sms.Priority;

/**
 * A batch as stored: what it sends ({@code request}), where it stands, and its counters
 * (recipients and segments read, released to the queue, skipped because the number opted out,
 * cancelled before release). {@code releasedThrough} is the last recipient handed to the queue.
 */
public record Batch(String id, NewBatch request, BatchState state, Progress progress, String error, Instant createdAt,
    Instant updatedAt) {

  /** The counters of a batch; recipients = waiting + released + skipped + cancelled. */
  public record Progress(long recipients, long segments, long releasedThrough, long released, long releasedSegments,
      long skipped, long skippedSegments, long cancelled) {

    public static Progress empty() {
      return new Progress(0, 0, 0, 0, 0, 0, 0, 0);
    }

    /** Recipients not yet handed to the queue (none once the batch is cancelled or rejected). */
    public long waiting() {
      return recipients - released - skipped - cancelled;
    }

    /** Segments of the recipients not yet handed to the queue. */
    public long waitingSegments() {
      return waiting() == 0 ? 0 : segments - releasedSegments - skippedSegments;
    }
  }

  public Priority priority() {
    return request.priority();
  }

  public String category() {
    return request.category();
  }
}
