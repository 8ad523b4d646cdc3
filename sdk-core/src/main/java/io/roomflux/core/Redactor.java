package io.roomflux.core;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from text before it reaches a log or an exception message: access tokens in
 * URLs ({@code access_token=}), bearer credentials ({@code Authorization}), the {@code token}
 * field of a request as the core prints it, anything shaped like a JWT, and E2EE keys.
 */
public final class Redactor {
  /** What a removed secret is replaced with. */
  public static final String MASK = "<redacted>";

  private record Rule(Pattern pattern, String replacement) {
  }

  private static final List<Rule> RULES = List.of(
      new Rule(Pattern.compile("(access_token=)[^&\\s\"',)}]+"), "$1" + MASK),
      new Rule(Pattern.compile("(?i)(authorization\"?\\s*[:=]\\s*\"?\\s*(?:bearer|basic)\\s+)[^\\s\"',)}]+"), "$1" + MASK),
      new Rule(Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]{8,}"), "$1" + MASK),
      new Rule(Pattern.compile("((?<![A-Za-z0-9])(?:access_)?token\"?\\s*[:=]\\s*\"?(?:Some\\()?\")[^\"]*(\")"),
          "$1" + MASK + "$2"),
      new Rule(Pattern.compile("(\\b(?:shared_key|ratchet_salt|key)\\s*:\\s*(?:Some\\()?)\\[[0-9,\\s]*\\]"), "$1[" + MASK + "]"),
      new Rule(Pattern.compile("eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*"), MASK));

  private Redactor() {
  }

  /**
   * Returns the text with every secret this class knows of replaced by {@value #MASK}.
   *
   * @param text any text
   * @return the redacted text
   */
  public static String redact(String text) {
    String out = text;
    for (Rule rule : RULES) {
      Matcher m = rule.pattern().matcher(out);
      if (m.find()) {
        out = m.replaceAll(rule.replacement());
      }
    }
    return out;
  }
}
