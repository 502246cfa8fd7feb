from rest_framework import serializers

from concentric.audit.models import AuditEvent


class AuditEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = AuditEvent
        fields = [
            "id",
            "occurred_at",
            "actor_id",
            "actor_name",
            "ip",
            "request_id",
            "action",
            "object_type",
            "object_id",
            "object_repr",
            "org_unit_id",
            "result",
            "changes",
            "reason",
            "prev_hash",
            "hash",
        ]
        read_only_fields = fields
