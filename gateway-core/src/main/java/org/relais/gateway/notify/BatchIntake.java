package org.relais.gateway.notify;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.core.parsetools.JsonEventType;
import io.vertx.core.parsetools.JsonParser;
import io.vertx.core.parsetools.RecordParser;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the body of a batch as it streams in (NDJSON, one recipient a line, or a JSON array of
 * recipients), checks and renders each recipient, and writes them to the store in chunks while
 * the batch is in staging. The body is paused while a chunk is written, so memory holds one chunk
 * whatever the size of the batch, and the event loop never waits. Only when the whole body is read
 * and valid is the batch opened; the first invalid recipient rejects it, and what was staged is
 * deleted: nothing of it is ever queued.
 */
final class BatchIntake {

  private static final Logger log = LoggerFactory.getLogger(BatchIntake.class);
  private static final int PURGE_CHUNK = 10_000;

  /** The two shapes a batch body may take. */
  enum Format { NDJSON, JSON_ARRAY }

  private final BatchStore store;
  private final int chunkSize;
  private final long maxRecipients;
  private final int maxLineBytes;

  BatchIntake(BatchStore store, int chunkSize, long maxRecipients, int maxLineBytes) {
    this.store = store;
    this.chunkSize = chunkSize;
    this.maxRecipients = maxRecipients;
    this.maxLineBytes = maxLineBytes;
  }

  /**
   * Reads {@code body} (paused by the caller, so nothing is lost before the batch exists) into a
   * new batch; completes with the opened batch, or fails with a {@link BatchRejection}.
   */
  Future<Batch> accept(NewBatch request, RecipientCheck check, ReadStream<Buffer> body, Format format) {
    return new Upload(request, check, body, format).start();
  }

  /** Deletes the recipients of a rejected batch, a chunk per write so other writes go in between. */
  Future<Void> purge(String batchId) {
    return store.purge(batchId, PURGE_CHUNK).compose(n -> n > 0 ? purge(batchId) : Future.succeededFuture());
  }

  /** One body being read. Touched only on the context of the request. */
  private final class Upload {
    private final NewBatch request;
    private final RecipientCheck check;
    private final Format format;
    private final ReadStream<?> parser;
    private final Promise<Batch> result = Promise.promise();
    private List<StagedRecipient> chunk;
    private Batch batch;
    private long seq;
    private long line;
    private long segments;
    private boolean arrayOpened;
    private boolean failed;
    private boolean writing;
    private boolean ended;
    private Throwable early;

    Upload(NewBatch request, RecipientCheck check, ReadStream<Buffer> body, Format format) {
      this.request = request;
      this.check = check;
      this.format = format;
      this.chunk = new ArrayList<>(chunkSize);
      this.parser = format == Format.NDJSON ? lines(body) : array(body);
      parser.pause();
      parser.exceptionHandler(this::interrupted);
      parser.endHandler(v -> {
        ended = true;
        finish();
      });
    }

    private ReadStream<?> lines(ReadStream<Buffer> body) {
      RecordParser lines = RecordParser.newDelimited("\n", body).maxRecordSize(maxLineBytes);
      lines.handler(this::line);
      return lines;
    }

    private ReadStream<?> array(ReadStream<Buffer> body) {
      JsonParser json = JsonParser.newParser(body).objectValueMode();
      json.handler(event -> {
        if (failed) {
          return;
        }
        if (!arrayOpened) {
          if (event.type() != JsonEventType.START_ARRAY) {
            fail(new BatchRejection(400, "invalid_json", 0, null, "the body must be a JSON array of recipients"));
            return;
          }
          arrayOpened = true;
          return;
        }
        if (event.type() == JsonEventType.END_ARRAY) {
          return;
        }
        line++;
        if (event.type() != JsonEventType.VALUE || !(event.value() instanceof JsonObject recipient)) {
          fail(check.fault(line, null, null, "each recipient must be a JSON object"));
          return;
        }
        recipient(recipient);
      });
      return json;
    }

    Future<Batch> start() {
      store.create(request).onComplete(ar -> {
        if (ar.failed()) {
          failed = true;
          result.tryFail(ar.cause());
          parser.resume();
          return;
        }
        batch = ar.result();
        if (failed) {
          rejectStaged(early);
        } else {
          parser.resume();
        }
      });
      return result.future();
    }

    private void line(Buffer raw) {
      if (failed) {
        return;
      }
      line++;
      String text = raw.toString(java.nio.charset.StandardCharsets.UTF_8);
      if (line == 1 && text.startsWith("\uFEFF")) {
        text = text.substring(1);
      }
      if (text.isBlank()) {
        return;
      }
      Object value;
      try {
        value = Json.decodeValue(text);
      } catch (DecodeException e) {
        fail(check.fault(line, null, null, "not a JSON object"));
        return;
      }
      if (!(value instanceof JsonObject recipient)) {
        fail(check.fault(line, null, null, "each line must be one JSON object"));
        return;
      }
      recipient(recipient);
    }

    private void recipient(JsonObject json) {
      if (seq >= maxRecipients) {
        fail(new BatchRejection(413, "too_many_recipients", line, null,
            "a batch holds at most " + maxRecipients + " recipients (notifications.max_recipients)"));
        return;
      }
      StagedRecipient recipient;
      try {
        recipient = check.check(seq + 1, line, json);
      } catch (BatchRejection e) {
        fail(e);
        return;
      }
      seq++;
      segments += recipient.parts();
      chunk.add(recipient);
      if (chunk.size() >= chunkSize) {
        parser.pause();
        write().onSuccess(v -> {
          if (!failed) {
            parser.resume();
          }
        });
      }
    }

    /** Writes the chunk read so far; a failure of the store rejects the batch. */
    private Future<Void> write() {
      List<StagedRecipient> full = chunk;
      chunk = new ArrayList<>(chunkSize);
      if (full.isEmpty()) {
        return Future.succeededFuture();
      }
      writing = true;
      return store.stage(batch.id(), full).andThen(ar -> {
        writing = false;
        if (ar.failed()) {
          fail(ar.cause());
        } else if (ended && !failed) {
          finish();
        }
      });
    }

    private void finish() {
      if (failed || writing || batch == null) {
        return;
      }
      if (!chunk.isEmpty()) {
        write();
        return;
      }
      if (format == Format.JSON_ARRAY && !arrayOpened || seq == 0) {
        fail(new BatchRejection(400, "empty_batch", 0, null, "the batch has no recipient"));
        return;
      }
      store.open(batch.id(), seq, segments).onComplete(ar -> {
        if (ar.succeeded()) {
          log.info("batch {}: {} recipients, {} segments, template {}", batch.id(), seq, segments, request.template());
          result.tryComplete(ar.result());
        } else {
          fail(ar.cause());
        }
      });
    }

    private void interrupted(Throwable e) {
      if (e instanceof IllegalStateException && format == Format.NDJSON) {
        fail(check.fault(line + 1, null, null, "the line is longer than " + maxLineBytes / 1024
            + " KB (notifications.max_line_kb)"));
      } else if (e instanceof DecodeException) {
        fail(new BatchRejection(400, "invalid_json", line + 1, null, "the body is not valid JSON after recipient "
            + line + ": " + e.getMessage()));
      } else {
        fail(e);
      }
    }

    /** Rejects the batch: marked rejected (then the refusal is answered), its staged recipients deleted after. */
    private void fail(Throwable cause) {
      if (failed) {
        return;
      }
      failed = true;
      chunk = List.of();
      if (batch != null) {
        rejectStaged(cause);
      } else {
        early = cause;
      }
      parser.resume();
    }

    private void rejectStaged(Throwable cause) {
      String id = batch.id();
      store.reject(id, cause.getMessage()).onComplete(ar -> {
        result.tryFail(cause);
        if (ar.succeeded()) {
          purge(id).onFailure(e -> log.error("batch {}: cannot delete the recipients of the rejected batch: {}", id,
              e.getMessage()));
        } else {
          log.error("batch {}: cannot mark the batch rejected: {}", id, ar.cause().getMessage());
        }
      });
    }
  }
}
