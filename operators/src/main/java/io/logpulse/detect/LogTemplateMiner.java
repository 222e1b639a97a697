package io.logpulse.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Online log-template mining in the style of Drain (He et al., ICWS 2017), bounded and
 * deterministic, for the error messages of one service.
 *
 * <p><b>Tokens.</b> Only the first line of a message is read; when a later line names an exception
 * class (a stack trace, or its {@code Caused by}) that the first line does not, that class is
 * appended as the last token, so the same words thrown by different exceptions stay apart. Quoted
 * strings become {@code <*>}, then the line is split on whitespace and every token that contains a
 * digit becomes {@code <*>}: numbers, hex values, UUIDs, IP addresses, durations and ids with
 * digits all vanish from the template. At most {@link #MAX_TOKENS} tokens are kept (the exception
 * class among them), each cut to {@link #MAX_TOKEN_CHARS} characters.
 *
 * <p><b>Tree.</b> A fixed-depth prefix tree: messages with the same token count, the same first
 * {@link #PREFIX_TOKENS} tokens and the same exception class reach the same leaf (the tree is
 * stored flattened, as a map from that path to the leaf's templates). In the leaf the message joins
 * the template that shares the most tokens position by position ({@code <*>} matches {@code <*>}),
 * when that share is at least {@link #SIMILARITY}; positions where they differ become {@code <*>}.
 * Otherwise it starts a new template. Ties go to the older template, so a message that joined a
 * template always maps to it again.
 *
 * <p><b>Bound.</b> At most {@code maxTemplates} templates; a new one evicts the template seen least
 * recently (by a counter of messages, not wall time, so runs repeat exactly).
 */
public final class LogTemplateMiner {

  /** The placeholder of a variable part. */
  public static final String WILDCARD = "<*>";

  /** Tokens considered per message; the rest of the first line is ignored. */
  public static final int MAX_TOKENS = 40;

  /** Characters kept of one token. */
  static final int MAX_TOKEN_CHARS = 64;

  /** Leading tokens on the path from the tree's root to a leaf (Drain's depth minus two). */
  static final int PREFIX_TOKENS = 2;

  /** Share of equal positions from which a message joins a template. */
  static final double SIMILARITY = 0.5;

  /** Lines after the first searched for an exception class. */
  static final int EXCEPTION_SCAN_LINES = 20;

  /** Characters of such a line searched. */
  static final int EXCEPTION_SCAN_CHARS = 256;

  private static final Pattern QUOTED = Pattern.compile("\"[^\"]*\"|(?<=^|[\\s=:(\\[])'[^']*'");
  private static final Pattern EXCEPTION_LINE =
      Pattern.compile(
          "^\\s*(?:Caused by:\\s*)?((?:[A-Za-z_$][\\w$]*\\.)*[A-Za-z_$][\\w$]*"
              + "(?:Exception|Error|Throwable|Fault))(?::|\\s*$)");

  /**
   * Where a message went.
   *
   * @param id the template's id, stable for its life in this miner
   * @param template the template after the message joined it
   * @param created whether the message started the template
   */
  public record Match(int id, String template, boolean created) {}

  private static final class Cluster {
    final int id;
    final String leaf;
    final String[] tokens;
    long lastSeen;

    Cluster(int id, String leaf, String[] tokens, long lastSeen) {
      this.id = id;
      this.leaf = leaf;
      this.tokens = tokens;
      this.lastSeen = lastSeen;
    }

    String template() {
      return String.join(" ", tokens);
    }
  }

  private final int maxTemplates;
  private final Map<String, List<Cluster>> leaves = new HashMap<>();
  private final Map<Integer, Cluster> byId = new HashMap<>();
  private int nextId;
  private long clock;

  /** An empty miner that keeps at most {@code maxTemplates} templates. */
  public LogTemplateMiner(int maxTemplates) {
    if (maxTemplates < 1) {
      throw new IllegalArgumentException("maxTemplates must be at least 1: " + maxTemplates);
    }
    this.maxTemplates = maxTemplates;
  }

  /** Puts {@code message} into its template, creating (and perhaps evicting) one if need be. */
  public Match add(String message) {
    clock++;
    Tokens read = read(message);
    List<String> tokens = read.all();
    String leafKey = leafKey(read);
    List<Cluster> leaf = leaves.get(leafKey);
    Cluster best = null;
    int bestEqual = -1;
    if (leaf != null) {
      for (Cluster cluster : leaf) {
        int equal = equalPositions(cluster.tokens, tokens);
        if (equal > bestEqual) {
          best = cluster;
          bestEqual = equal;
        }
      }
    }
    if (best != null && bestEqual >= SIMILARITY * tokens.size()) {
      for (int i = 0; i < tokens.size(); i++) {
        if (!best.tokens[i].equals(tokens.get(i))) {
          best.tokens[i] = WILDCARD;
        }
      }
      best.lastSeen = clock;
      return new Match(best.id, best.template(), false);
    }
    if (byId.size() >= maxTemplates) {
      evictLeastRecentlySeen();
    }
    Cluster created = new Cluster(nextId++, leafKey, tokens.toArray(String[]::new), clock);
    insert(created);
    return new Match(created.id, created.template(), true);
  }

  /** Whether the template {@code id} is still kept. */
  public boolean contains(int id) {
    return byId.containsKey(id);
  }

  /** The template {@code id}, or null when it was evicted. */
  public String template(int id) {
    Cluster cluster = byId.get(id);
    return cluster == null ? null : cluster.template();
  }

  /** How many templates the miner keeps. */
  public int size() {
    return byId.size();
  }

  /** The tokens the miner reads of {@code message}, after masking; see the class comment. */
  public static List<String> tokenize(String message) {
    return read(message).all();
  }

  /**
   * A message's tokens, the exception class (or null) last among them.
   *
   * @param exception the exception class of a later line, which is part of the tree's path
   */
  private record Tokens(List<String> all, String exception) {}

  private static Tokens read(String message) {
    int end = lineEnd(message, 0);
    String first = QUOTED.matcher(message.substring(0, end)).replaceAll(WILDCARD);
    String exception = end < message.length() ? exceptionClass(message, end) : null;
    if (exception != null && first.contains(exception)) {
      exception = null;
    }
    int room = exception == null ? MAX_TOKENS : MAX_TOKENS - 1;
    List<String> tokens = new ArrayList<>();
    for (String token : first.trim().split("\\s+")) {
      if (tokens.size() == room) {
        break;
      }
      if (!token.isEmpty()) {
        tokens.add(mask(token));
      }
    }
    if (exception != null) {
      exception = cut(exception);
      tokens.add(exception);
    }
    return new Tokens(tokens, exception);
  }

  private static String mask(String token) {
    for (int i = 0; i < token.length(); i++) {
      if (Character.isDigit(token.charAt(i))) {
        return WILDCARD;
      }
    }
    return cut(token);
  }

  private static String cut(String token) {
    return token.length() > MAX_TOKEN_CHARS ? token.substring(0, MAX_TOKEN_CHARS) : token;
  }

  private static int lineEnd(String text, int from) {
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        return i;
      }
    }
    return text.length();
  }

  /**
   * The exception class named first by one of the {@link #EXCEPTION_SCAN_LINES} lines after {@code
   * from} (each read up to {@link #EXCEPTION_SCAN_CHARS} characters), or null.
   */
  private static String exceptionClass(String message, int from) {
    int start = from;
    for (int line = 0; line < EXCEPTION_SCAN_LINES && start < message.length(); line++) {
      int end = lineEnd(message, start);
      Matcher matcher =
          EXCEPTION_LINE.matcher(
              message.substring(start, Math.min(end, start + EXCEPTION_SCAN_CHARS)));
      if (matcher.find()) {
        return matcher.group(1);
      }
      start = end + 1;
    }
    return null;
  }

  private static String leafKey(Tokens read) {
    List<String> tokens = read.all();
    StringBuilder key = new StringBuilder().append(tokens.size());
    if (read.exception() != null) {
      key.append(" | ").append(read.exception());
    }
    for (int i = 0; i < Math.min(PREFIX_TOKENS, tokens.size()); i++) {
      key.append(' ').append(tokens.get(i));
    }
    return key.toString();
  }

  private static int equalPositions(String[] template, List<String> tokens) {
    int equal = 0;
    for (int i = 0; i < template.length; i++) {
      if (template[i].equals(tokens.get(i))) {
        equal++;
      }
    }
    return equal;
  }

  private void evictLeastRecentlySeen() {
    Cluster oldest = null;
    for (Cluster cluster : byId.values()) {
      if (oldest == null || cluster.lastSeen < oldest.lastSeen) {
        oldest = cluster;
      }
    }
    byId.remove(oldest.id);
    List<Cluster> leaf = leaves.get(oldest.leaf);
    for (Iterator<Cluster> it = leaf.iterator(); it.hasNext(); ) {
      if (it.next() == oldest) {
        it.remove();
      }
    }
    if (leaf.isEmpty()) {
      leaves.remove(oldest.leaf);
    }
  }

  private void insert(Cluster cluster) {
    byId.put(cluster.id, cluster);
    leaves.computeIfAbsent(cluster.leaf, k -> new ArrayList<>()).add(cluster);
  }

  /** Writes the templates; {@link #read} restores a miner that behaves exactly the same. */
  public void write(DataOutput out) throws IOException {
    out.writeInt(nextId);
    out.writeLong(clock);
    out.writeInt(byId.size());
    for (List<Cluster> leaf : leaves.values()) {
      for (Cluster cluster : leaf) {
        out.writeInt(cluster.id);
        out.writeLong(cluster.lastSeen);
        out.writeUTF(cluster.leaf);
        out.writeShort(cluster.tokens.length);
        for (String token : cluster.tokens) {
          out.writeUTF(token);
        }
      }
    }
  }

  /** Reads what {@link #write} wrote, keeping at most {@code maxTemplates} from then on. */
  public static LogTemplateMiner read(DataInput in, int maxTemplates) throws IOException {
    LogTemplateMiner miner = new LogTemplateMiner(maxTemplates);
    miner.nextId = in.readInt();
    miner.clock = in.readLong();
    int count = in.readInt();
    List<Cluster> clusters = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int id = in.readInt();
      long lastSeen = in.readLong();
      String leaf = in.readUTF();
      String[] tokens = new String[in.readShort()];
      for (int t = 0; t < tokens.length; t++) {
        tokens[t] = in.readUTF();
      }
      clusters.add(new Cluster(id, leaf, tokens, lastSeen));
    }
    clusters.sort((a, b) -> Integer.compare(a.id, b.id));
    for (Cluster cluster : clusters) {
      miner.insert(cluster);
    }
    while (miner.byId.size() > maxTemplates) {
      miner.evictLeastRecentlySeen();
    }
    return miner;
  }
}
