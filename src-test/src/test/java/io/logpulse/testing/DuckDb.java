package io.logpulse.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Queries Parquet output with DuckDB, as a user of the tables would. */
public final class DuckDb {

  private DuckDb() {}

  /** The glob DuckDB reads a table's committed files with. */
  public static String table(Path output, String table) {
    return output.resolve(table) + "/**/*.parquet";
  }

  /** How many rows a table under {@code output} holds, every revision counted. */
  public static long count(Path output, String table) throws SQLException {
    return ((Number)
            query(
                    "SELECT count(*) AS n FROM read_parquet('"
                        + table(output, table)
                        + "', hive_partitioning = 1)")
                .get(0)
                .get("n"))
        .longValue();
  }

  /** Runs a query; each row as column name to value. */
  public static List<Map<String, Object>> query(String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      ResultSetMetaData meta = rows.getMetaData();
      List<Map<String, Object>> result = new ArrayList<>();
      while (rows.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          row.put(meta.getColumnLabel(i), rows.getObject(i));
        }
        result.add(row);
      }
      return result;
    }
  }
}
