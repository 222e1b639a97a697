package io.logpulse.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a run committed, read back with DuckDB and reduced to what must not depend on how the run
 * went: the newest revision of every metric window and incident (a live run may correct a window or
 * re-rank an incident on the way), every change, anomaly step and dead letter, each row as one
 * sorted line of JSON. Revisions and the dead letters' processing time are left out; latency sums
 * are rounded to a millionth of a millisecond, because adding the same doubles in another order can
 * change their last bits.
 *
 * @param tables each table's rows, sorted
 */
public record JobTables(Map<String, List<String>> tables) {

  /** Reads the tables under {@code output}. */
  public static JobTables read(Path output) throws SQLException {
    Map<String, List<String>> tables = new TreeMap<>();
    tables.put(
        "metrics",
        rows(
            output,
            "metrics",
            "SELECT * EXCLUDE (revision, latency_sum_ms, dt, hr),"
                + " round(latency_sum_ms, 6) AS latency_sum_ms",
            "QUALIFY row_number() OVER (PARTITION BY account, service, operation, window_start"
                + " ORDER BY revision DESC) = 1"));
    tables.put(
        "incidents",
        rows(
            output,
            "incidents",
            "SELECT * EXCLUDE (revision, dt, hr)",
            "QUALIFY row_number() OVER (PARTITION BY incident_id ORDER BY revision DESC) = 1"));
    tables.put("changes", rows(output, "changes", "SELECT * EXCLUDE (dt, hr)", ""));
    tables.put("anomalies", rows(output, "anomalies", "SELECT * EXCLUDE (dt, hr)", ""));
    tables.put(
        "dead_letters", rows(output, "dead_letters", "SELECT * EXCLUDE (recorded_at, dt, hr)", ""));
    return new JobTables(tables);
  }

  /** The rows of one table. */
  public List<String> of(String table) {
    return tables.get(table);
  }

  private static List<String> rows(Path output, String table, String select, String qualify)
      throws SQLException {
    if (!hasFiles(output.resolve(table))) {
      return List.of();
    }
    List<String> rows = new ArrayList<>();
    for (Map<String, Object> row :
        DuckDb.query(
            "SELECT CAST(to_json(t) AS VARCHAR) AS row FROM ("
                + select
                + " FROM read_parquet('"
                + DuckDb.table(output, table)
                + "', hive_partitioning = 1) "
                + qualify
                + ") t ORDER BY row")) {
      rows.add((String) row.get("row"));
    }
    return rows;
  }

  private static boolean hasFiles(Path folder) {
    try (var files = Files.walk(folder)) {
      return files.anyMatch(p -> p.toString().endsWith(".parquet"));
    } catch (IOException | UncheckedIOException missing) {
      return false;
    }
  }
}
