package org.relais.ivr.engine;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.relais.ivr.flow.Node;
import org.relais.ivr.flow.Prompt;

/** The nodes that wait for the caller: menu, input, language and record, each with its retries. */
final class Dialogs {

  private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(5);
  private static final int MAX_CONFIRM_TURNS = 6;
  private static final int MAX_TAKES = 3;

  private Dialogs() {}

  static CompletionStage<Step> menu(CallRun run, Node.Menu menu, int turn) {
    Collect collect = new Collect(menu.keyLength(), menu.timeout(), menu.interDigitTimeout(), "#");
    return run.call.read(run.prompt(menu.prompt()), collect).thenCompose(input -> {
      String target = menu.options().get(key(input));
      if (target != null) {
        return CallRun.completed(Steps.next(target));
      }
      if (turn >= menu.retries()) {
        return CallRun.completed(Steps.next(menu.fallback()));
      }
      return run.play(input.isSilence() ? menu.noInput() : menu.invalid()).thenCompose(v -> menu(run, menu, turn + 1));
    });
  }

  /** The option an entry chose: its keys, or "#" for the terminator alone. */
  private static String key(Input input) {
    if (input.isEmpty() && input.stop() == Input.Stop.TERMINATOR) {
      return "#";
    }
    return input.digits();
  }

  static CompletionStage<Step> input(CallRun run, Node.Input node, int turn) {
    Collect collect = new Collect(node.maxDigits(), node.timeout(), node.interDigitTimeout(), node.terminator());
    return run.call.read(run.prompt(node.prompt()), collect).thenCompose(input -> {
      String digits = input.digits();
      boolean valid = digits.length() >= node.minDigits() && digits.length() <= node.maxDigits()
          && digits.chars().allMatch(c -> c >= '0' && c <= '9') && node.check().isValid(digits);
      if (valid) {
        run.variable(node.variable(), digits);
        return CallRun.completed(Steps.next(node.next()));
      }
      if (turn >= node.retries()) {
        return CallRun.completed(Steps.next(node.fallback()));
      }
      return run.play(input.isSilence() ? node.noInput() : node.invalid()).thenCompose(v -> input(run, node, turn + 1));
    });
  }

  static CompletionStage<Step> language(CallRun run, Node.Language choice) {
    String caller = run.call.caller();
    CompletionStage<Optional<String>> known = choice.skipWhenKnown() && !caller.isEmpty()
        ? run.setup.services().knownLanguage(caller)
        : CallRun.completed(Optional.empty());
    return known.thenCompose(lang -> {
      if (lang.isPresent() && run.flow.languages().contains(lang.get())) {
        run.language(lang.get());
        return CallRun.completed(Steps.next(choice.next()));
      }
      return askLanguage(run, choice, 1);
    });
  }

  private static CompletionStage<Step> askLanguage(CallRun run, Node.Language choice, int turn) {
    return run.call.read(run.prompt(choice.prompt()), Collect.oneKey(choice.timeout())).thenCompose(input -> {
      String chosen = choice.options().get(key(input));
      if (chosen != null) {
        run.language(chosen);
        String caller = run.call.caller();
        CompletionStage<Void> remembered = caller.isEmpty()
            ? CallRun.completed(null)
            : run.setup.services().rememberLanguage(caller, chosen);
        return remembered.thenApply(v -> Steps.next(choice.next()));
      }
      if (turn >= choice.retries()) {
        return CallRun.completed(Steps.next(choice.next()));
      }
      return askLanguage(run, choice, turn + 1);
    });
  }

  /** Records; {@code silent} counts the turns nothing was said, {@code takes} the recordings made. */
  static CompletionStage<Step> record(CallRun run, String id, Node.Record node, int silent, int takes) {
    RecordRequest request = new RecordRequest(id, node.maxDuration(), node.silence(), node.beep());
    return run.play(node.prompt()).thenCompose(v -> run.call.record(request)).thenCompose(recording -> {
      if (!recording.isEmpty()) {
        return node.confirm() == null ? keep(run, node, recording) : confirm(run, id, node, silent, takes, recording, 1);
      }
      if (silent >= node.retries()) {
        return CallRun.completed(Steps.next(node.fallback()));
      }
      return run.play(node.noInput()).thenCompose(x -> record(run, id, node, silent + 1, takes));
    });
  }

  /** 1 keeps the recording, 2 plays it back, 3 records again; silence keeps it (the caller did speak). */
  private static CompletionStage<Step> confirm(
      CallRun run, String id, Node.Record node, int silent, int takes, Recording recording, int round) {
    if (round > MAX_CONFIRM_TURNS) {
      return keep(run, node, recording);
    }
    return run.call.read(run.prompt(node.confirm()), Collect.oneKey(CONFIRM_TIMEOUT)).thenCompose(input ->
        switch (key(input)) {
          case "2" -> run.call.play(playback(run, recording), "")
              .thenCompose(d -> confirm(run, id, node, silent, takes, recording, round + 1));
          case "3" -> takes >= MAX_TAKES ? keep(run, node, recording) : record(run, id, node, silent, takes + 1);
          case "1", "" -> keep(run, node, recording);
          default -> confirm(run, id, node, silent, takes, recording, round + 1);
        });
  }

  private static CompletionStage<Step> keep(CallRun run, Node.Record node, Recording recording) {
    run.variable(node.variable(), recording.file());
    return CallRun.completed(Steps.next(node.next()));
  }

  private static Prompt playback(CallRun run, Recording recording) {
    return new Prompt("recording", run.language(), recording.file(), "(the recording)");
  }
}
