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

  # Step 1: per field, the type as JSON text, with "null" dropped from unions
  # (nullable columns). JSON text gives every field the same HCL type, which
  # the conditionals below need. A union of several non-null types has no
  # Hive equivalent: null, reported by the precondition on the table.
  table_fields = {
    for t, s in local.table_schemas : t => [
      for f in s.fields : {
        name = f.name
        doc  = try(tostring(f.doc), null)
        type_json = can(f.type[0]) ? ( # a union is a JSON array
          length([for u in f.type : u if u != "null"]) == 1 ? [for u in f.type : jsonencode(u) if u != "null"][0] : null
        ) : jsonencode(f.type)
      }
    ]
  }

  # Step 2: Avro type -> Hive type. Primitives, logical types, and one level of
  # map/array whose values/items are primitive or logical. Anything else
  # (nested records, multi-type unions) maps to null, which the precondition
  # on the table turns into an error naming the field.
  table_columns = {
    for t, fields in local.table_fields : t => [
      for f in fields : {
        name    = f.name
        comment = f.doc == null ? null : substr(f.doc, 0, min(length(f.doc), 255))
        type = f.type_json == null ? null : (
          startswith(f.type_json, "\"") ? lookup(local.avro_primitive, jsondecode(f.type_json), null) : (
            try(jsondecode(f.type_json).logicalType, null) != null ? lookup(local.avro_logical, jsondecode(f.type_json).logicalType, lookup(local.avro_primitive, jsondecode(f.type_json).type, null)) : (
              contains(["map", "array"], try(jsondecode(f.type_json).type, "")) ? (
                # element: a primitive name, or an object with a logical type
                try(coalesce(
                  try(lookup(local.avro_primitive, tostring(jsondecode(f.type_json)[jsondecode(f.type_json).type == "map" ? "values" : "items"]), null), null),
                  try(lookup(local.avro_logical, jsondecode(f.type_json)[jsondecode(f.type_json).type == "map" ? "values" : "items"].logicalType, null), null),
                  ), null) == null ? null : format(
                  jsondecode(f.type_json).type == "map" ? "map<string,%s>" : "array<%s>",
                  coalesce(
                    try(lookup(local.avro_primitive, tostring(jsondecode(f.type_json)[jsondecode(f.type_json).type == "map" ? "values" : "items"]), null), null),
                    try(lookup(local.avro_logical, jsondecode(f.type_json)[jsondecode(f.type_json).type == "map" ? "values" : "items"].logicalType, null), null),
                  )
                )
              ) : lookup(local.avro_primitive, try(jsondecode(f.type_json).type, ""), null)
            )
          )
        )
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
      error_message = "Schema ${var.tables[each.key]} has fields with no Glue type mapping (nested record or multi-type union): ${join(", ", [for c in each.value : c.name if c.type == null])}. Extend the mapping in glue.tf."
    }
  }
}
