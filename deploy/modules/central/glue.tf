# ---------------------------------------------------------------------------
# Glue catalog: one table per Parquet table, columns derived from the Avro
# schemas in schemas/ (the single source of truth), partitions by projection
# so Athena needs no crawler and no MSCK REPAIR.
# ---------------------------------------------------------------------------

locals {
  schemas_dir = coalesce(var.schemas_dir, "${path.module}/../../../schemas/src/main/avro")

  # Tables whose schema file exists; the others are skipped until it is added.
  table_schemas = {
    for t, f in var.tables : t => jsondecode(file("${local.schemas_dir}/${f}"))
    if fileexists("${local.schemas_dir}/${f}")
  }

  # Avro primitive (and named simple) types -> Hive/Athena types.
  avro_primitive = {
    string  = "string"
    long    = "bigint"
    int     = "int"
    double  = "double"
    float   = "float"
    boolean = "boolean"
    bytes   = "binary"
    fixed   = "binary"
    enum    = "string"
  }
  avro_logical = {
    "timestamp-millis" = "timestamp"
    "timestamp-micros" = "timestamp"
    "date"             = "date"
    "uuid"             = "string"
  }

  # Avro types are handled as JSON text (jsonencode of the schema's type), which
  # gives every type the same HCL type (the conditionals below need that) and a
  # canonical key for the maps below. HCL has no recursion, so the mapping is
  # built in a fixed number of levels, deep enough for a column that is an
  # array (or map) of records whose fields are primitives, logical types,
  # nullable unions and arrays/maps of those, e.g. Incident.suspects.

  # Every type text that occurs in the schemas down to that depth: the fields'
  # types, then, three times over, each type's non-null union members and
  # their array items, map values and record field types.
  type_texts_0 = distinct(flatten([for t, s in local.table_schemas : [for f in s.fields : jsonencode(f.type)]]))
  type_texts_1 = distinct(concat(local.type_texts_0, flatten([for j in local.type_texts_0 : [
    for m in(can(jsondecode(j)[0]) ? [for u in jsondecode(j) : jsonencode(u) if u != "null"] : [j]) : concat([m], try(
      jsondecode(m).type == "array" ? [jsonencode(jsondecode(m).items)] :
      jsondecode(m).type == "map" ? [jsonencode(jsondecode(m).values)] :
      jsondecode(m).type == "record" ? [for f in jsondecode(m).fields : jsonencode(f.type)] : [],
    []))
  ]])))
  type_texts_2 = distinct(concat(local.type_texts_1, flatten([for j in local.type_texts_1 : [
    for m in(can(jsondecode(j)[0]) ? [for u in jsondecode(j) : jsonencode(u) if u != "null"] : [j]) : concat([m], try(
      jsondecode(m).type == "array" ? [jsonencode(jsondecode(m).items)] :
      jsondecode(m).type == "map" ? [jsonencode(jsondecode(m).values)] :
      jsondecode(m).type == "record" ? [for f in jsondecode(m).fields : jsonencode(f.type)] : [],
    []))
  ]])))
  type_texts = distinct(concat(local.type_texts_2, flatten([for j in local.type_texts_2 : [
    for m in(can(jsondecode(j)[0]) ? [for u in jsondecode(j) : jsonencode(u) if u != "null"] : [j]) : concat([m], try(
      jsondecode(m).type == "array" ? [jsonencode(jsondecode(m).items)] :
      jsondecode(m).type == "map" ? [jsonencode(jsondecode(m).values)] :
      jsondecode(m).type == "record" ? [for f in jsondecode(m).fields : jsonencode(f.type)] : [],
    []))
  ]])))

  # A type without "null" in unions (nullable columns), as JSON text; null for
  # a union of several non-null types, which has no Hive equivalent.
  non_null = { for j in local.type_texts : j => (
    can(jsondecode(j)[0]) ? (
      length([for u in jsondecode(j) : u if u != "null"]) == 1 ? [for u in jsondecode(j) : jsonencode(u) if u != "null"][0] : null
    ) : j
  ) }

  # What each non-null type is made of. Every lookup below has a default and
  # every conditional branch is free of errors: HCL evaluates both branches of
  # a conditional, and an error hidden in try() can surface as an unknown value.
  kind              = { for j, n in local.non_null : j => n == null ? "" : try(tostring(jsondecode(n).type), "") }
  element           = { for j, n in local.non_null : j => n == null ? "-" : try(jsonencode(jsondecode(n)[jsondecode(n).type == "map" ? "values" : "items"]), "-") }
  field_names       = { for j, n in local.non_null : j => n == null ? [] : try([for f in jsondecode(n).fields : tostring(f.name)], []) }
  field_types       = { for j, n in local.non_null : j => n == null ? [] : try([for f in jsondecode(n).fields : jsonencode(f.type)], []) }
  collection_prefix = { for j in local.type_texts : j => local.kind[j] == "map" ? "map<string," : "array<" }

  # Level 1: primitives and logical types.
  hive_leaf = { for j, n in local.non_null : j => n == null ? null : (
    startswith(n, "\"") ? lookup(local.avro_primitive, try(jsondecode(n), ""), null) : (
      try(jsondecode(n).logicalType, null) != null ?
      lookup(local.avro_logical, try(jsondecode(n).logicalType, ""), lookup(local.avro_primitive, try(jsondecode(n).type, ""), null)) :
      lookup(local.avro_primitive, local.kind[j], null)
    )
  ) }

  # Level 2: level 1, or an array/map of level 1.
  hive_collection = { for j in local.type_texts : j => (
    local.hive_leaf[j] != null ? local.hive_leaf[j] : (
      !contains(["array", "map"], local.kind[j]) || lookup(local.hive_leaf, local.element[j], null) == null ? null :
      "${local.collection_prefix[j]}${lookup(local.hive_leaf, local.element[j], "")}>"
    )
  ) }

  # Level 3: level 2, or a record whose fields are all level 2: struct<name:type,...>.
  hive_struct = { for j in local.type_texts : j => (
    local.hive_collection[j] != null ? local.hive_collection[j] : (
      local.kind[j] != "record" || length(local.field_types[j]) == 0 ||
      !alltrue([for t in local.field_types[j] : lookup(local.hive_collection, t, null) != null]) ? null :
      "struct<${join(",", [for i, t in local.field_types[j] : "${local.field_names[j][i]}:${lookup(local.hive_collection, t, "")}"])}>"
    )
  ) }

  # Level 4, a column's type: level 3, or an array/map of level 3. Anything
  # else (records nested deeper, multi-type unions) is null, which the
  # precondition on the table turns into an error naming the field.
  hive_column = { for j in local.type_texts : j => (
    local.hive_struct[j] != null ? local.hive_struct[j] : (
      !contains(["array", "map"], local.kind[j]) || lookup(local.hive_struct, local.element[j], null) == null ? null :
      "${local.collection_prefix[j]}${lookup(local.hive_struct, local.element[j], "")}>"
    )
  ) }

  table_columns = {
    for t, s in local.table_schemas : t => [
      for f in s.fields : {
        name    = f.name
        comment = try(substr(tostring(f.doc), 0, min(length(tostring(f.doc)), 255)), null)
        type    = local.hive_column[jsonencode(f.type)]
      }
    ]
  }

  partition_keys = [
    { name = "dt", type = "string", comment = "Event-time day, yyyy-MM-dd (UTC)." },
    { name = "hr", type = "string", comment = "Event-time hour 00-23 (UTC)." },
  ]
}

resource "aws_glue_catalog_database" "this" {
  name        = local.glue_database
  description = "logpulse Parquet tables in s3://${aws_s3_bucket.data.bucket}/ (partition projection; no crawler)."
  tags        = local.tags
}

resource "aws_glue_catalog_table" "this" {
  for_each = local.table_columns

  name          = each.key
  database_name = aws_glue_catalog_database.this.name
  description   = "logpulse ${each.key}, from ${var.tables[each.key]}"
  table_type    = "EXTERNAL_TABLE"

  parameters = {
    "EXTERNAL"                    = "TRUE"
    "classification"              = "parquet"
    "parquet.compression"         = "SNAPPY"
    "projection.enabled"          = "true"
    "projection.dt.type"          = "date"
    "projection.dt.format"        = "yyyy-MM-dd"
    "projection.dt.range"         = "${var.partition_projection_start},NOW"
    "projection.dt.interval"      = "1"
    "projection.dt.interval.unit" = "DAYS"
    "projection.hr.type"          = "integer"
    "projection.hr.range"         = "0,23"
    "projection.hr.digits"        = "2"
    "storage.location.template"   = "s3://${aws_s3_bucket.data.bucket}/${each.key}/dt=$${dt}/hr=$${hr}/"
  }

  dynamic "partition_keys" {
    for_each = local.partition_keys
    content {
      name    = partition_keys.value.name
      type    = partition_keys.value.type
      comment = partition_keys.value.comment
    }
  }

  storage_descriptor {
    location      = "s3://${aws_s3_bucket.data.bucket}/${each.key}/"
    input_format  = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat"
    output_format = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat"

    ser_de_info {
      name                  = "parquet"
      serialization_library = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"
      parameters            = { "serialization.format" = "1" }
    }

    dynamic "columns" {
      for_each = each.value
      content {
        name    = columns.value.name
        type    = columns.value.type
        comment = columns.value.comment
      }
    }
  }

  lifecycle {
    precondition {
      condition     = alltrue([for c in each.value : c.type != null])
      error_message = "Schema ${var.tables[each.key]} has fields with no Glue type mapping (records nested deeper than an array of records, or a multi-type union): ${join(", ", [for c in each.value : c.name if c.type == null])}. Extend the mapping in glue.tf."
    }
  }
}
