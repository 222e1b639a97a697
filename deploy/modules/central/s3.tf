# ---------------------------------------------------------------------------
# S3 data lake: <table>/dt=YYYY-MM-DD/hr=HH/*.parquet, the job jar under
# artifacts/, Athena results under athena-results/.
# ---------------------------------------------------------------------------

resource "aws_s3_bucket" "data" {
  bucket        = local.bucket_name
  force_destroy = var.bucket_force_destroy
  tags          = local.tags
}

resource "aws_s3_bucket_ownership_controls" "data" {
  bucket = aws_s3_bucket.data.id
  rule {
    object_ownership = "BucketOwnerEnforced" # no ACLs
  }
}

resource "aws_s3_bucket_public_access_block" "data" {
  bucket                  = aws_s3_bucket.data.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "data" {
  bucket = aws_s3_bucket.data.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.this.arn
    }
    # One data key per bucket instead of one KMS request per object: the job
    # writes many small Parquet files, and KMS requests cost.
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_versioning" "data" {
  bucket = aws_s3_bucket.data.id
  versioning_configuration {
    status = var.bucket_versioning ? "Enabled" : "Suspended"
  }
}

locals {
  data_bucket_policy = {
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "DenyInsecureTransport"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Resource  = [aws_s3_bucket.data.arn, "${aws_s3_bucket.data.arn}/*"]
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      },
      {
        Sid       = "DenyOutdatedTls"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Resource  = [aws_s3_bucket.data.arn, "${aws_s3_bucket.data.arn}/*"]
        Condition = { NumericLessThan = { "s3:TlsVersion" = "1.2" } }
      },
    ]
  }
}

resource "aws_s3_bucket_policy" "data" {
  bucket = aws_s3_bucket.data.id
  policy = jsonencode(local.data_bucket_policy)

  # S3 rejects a policy while the public access block is being changed.
  depends_on = [aws_s3_bucket_public_access_block.data]
}

# ---------------------------------------------------------------------------
# Lifecycle: one rule per table prefix, defaults overridable per table.
# ---------------------------------------------------------------------------

locals {
  lifecycle_keys = ["standard_ia_days", "glacier_ir_days", "expiration_days", "abort_multipart_days", "noncurrent_days", "noncurrent_max_versions"]

  # Effective settings per table: an override that is set wins over the default.
  table_lifecycle_raw = {
    for t in keys(var.tables) : t => {
      for k in local.lifecycle_keys : k => (
        try(var.lifecycle_overrides[t][k], null) != null ? var.lifecycle_overrides[t][k] : var.lifecycle_defaults[k]
      )
    }
  }
  # 0 (or null) disables a step.
  table_lifecycle = {
    for t, l in local.table_lifecycle_raw : t => { for k, v in l : k => v == 0 ? null : v }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "data" {
  bucket = aws_s3_bucket.data.id

  # S3's default since 2024, stated so the behaviour is visible: objects under
  # 128 KB are not transitioned (the transition request would cost more than
  # the storage it saves).
  transition_default_minimum_object_size = "all_storage_classes_128K"

  dynamic "rule" {
    for_each = local.table_lifecycle
    content {
      id     = "table-${rule.key}"
      status = "Enabled"

      filter {
        prefix = "${rule.key}/"
      }

      dynamic "transition" {
        for_each = rule.value.standard_ia_days == null ? [] : [rule.value.standard_ia_days]
        content {
          days          = transition.value
          storage_class = "STANDARD_IA"
        }
      }

      dynamic "transition" {
        for_each = rule.value.glacier_ir_days == null ? [] : [rule.value.glacier_ir_days]
        content {
          days          = transition.value
          storage_class = "GLACIER_IR"
        }
      }

      dynamic "expiration" {
        for_each = rule.value.expiration_days == null ? [] : [rule.value.expiration_days]
        content {
          days = expiration.value
        }
      }

      dynamic "abort_incomplete_multipart_upload" {
        for_each = rule.value.abort_multipart_days == null ? [] : [rule.value.abort_multipart_days]
        content {
          days_after_initiation = abort_incomplete_multipart_upload.value
        }
      }

      dynamic "noncurrent_version_expiration" {
        for_each = rule.value.noncurrent_days == null ? [] : [rule.value.noncurrent_days]
        content {
          noncurrent_days           = noncurrent_version_expiration.value
          newer_noncurrent_versions = rule.value.noncurrent_max_versions
        }
      }
    }
  }

  rule {
    id     = "artifacts"
    status = "Enabled"
    filter {
      prefix = var.artifacts_prefix
    }
    abort_incomplete_multipart_upload {
      days_after_initiation = 1
    }
    noncurrent_version_expiration {
      noncurrent_days = 30
    }
  }

  rule {
    id     = "athena-results"
    status = "Enabled"
    filter {
      prefix = "athena-results/"
    }
    expiration {
      days = var.athena_results_expiration_days
    }
    abort_incomplete_multipart_upload {
      days_after_initiation = 1
    }
    noncurrent_version_expiration {
      noncurrent_days = 1
    }
  }

  lifecycle {
    precondition {
      condition = alltrue([
        for t, l in local.table_lifecycle : (
          (l.standard_ia_days == null || try(l.standard_ia_days >= 30, false)) &&
          (l.glacier_ir_days == null || l.standard_ia_days == null || try(l.glacier_ir_days >= l.standard_ia_days + 30, false)) &&
          (l.expiration_days == null || try(l.expiration_days > max(coalesce(l.standard_ia_days, 0), coalesce(l.glacier_ir_days, 0)), false))
        )
      ])
      error_message = "Lifecycle per table: standard_ia_days must be >= 30, glacier_ir_days >= standard_ia_days + 30, and expiration_days later than any transition."
    }
  }

  # Versioning must be configured first, or S3 may reject noncurrent rules.
  depends_on = [aws_s3_bucket_versioning.data]
}

# ---------------------------------------------------------------------------
# Athena workgroup: results encrypted in the bucket, scan cap per query.
# ---------------------------------------------------------------------------

resource "aws_athena_workgroup" "this" {
  name          = var.name
  force_destroy = true # only query history and saved queries live here

  configuration {
    enforce_workgroup_configuration    = true
    publish_cloudwatch_metrics_enabled = true
    bytes_scanned_cutoff_per_query     = var.athena_bytes_scanned_cutoff

    result_configuration {
      output_location = "s3://${aws_s3_bucket.data.bucket}/athena-results/"
      encryption_configuration {
        encryption_option = "SSE_KMS"
        kms_key_arn       = aws_kms_key.this.arn
      }
    }
  }

  tags = local.tags
}
