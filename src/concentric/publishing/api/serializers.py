from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from concentric.core.api import ScopedPrimaryKeyRelatedField, ServiceSerializerMixin, VersionField
from concentric.publishing.models import Column, Item
from concentric.publishing.services.items import check_publish_time, publish_time_of


class ColumnSerializer(ServiceSerializerMixin, serializers.ModelSerializer):
    org_unit = ScopedPrimaryKeyRelatedField(model="org.OrgUnit")
    version = VersionField()

    class Meta:
        model = Column
        fields = [
            "id",
            "org_unit",
            "name",
            "description",
            "is_public",
            "sort",
            "active_from",
            "active_until",
            "is_active",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]
        validators = []  # one name per unit: the service says so in Chinese


class ColumnCreateSerializer(ColumnSerializer):
    version = VersionField(read_only=True)


@extend_schema_field(OpenApiTypes.INT)
class MemberField(ScopedPrimaryKeyRelatedField):
    """A featured member, by id (of the item's unit or a unit below it: the service checks)."""

    def __init__(self, **kwargs):
        super().__init__(model="people.Person", **kwargs)

    def to_representation(self, value):
        return getattr(value, "pk", value)  # Item.featured_ids answers the ids themselves


class ItemSerializer(ServiceSerializerMixin, serializers.ModelSerializer):
    """``body`` is sent as HTML and kept as the sanitiser leaves it; ``published_at`` is set by
    publishing (``POST …/publish/``) and refused here, earlier than now as backdating."""

    org_unit = ScopedPrimaryKeyRelatedField(model="org.OrgUnit")
    columns = ScopedPrimaryKeyRelatedField(model=Column, many=True)
    features = MemberField(many=True, required=False, source="featured_ids")
    author = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)  # null once the account is gone
    cover_url = serializers.SerializerMethodField()
    version = VersionField()

    class Meta:
        model = Item
        fields = [
            "id",
            "org_unit",
            "columns",
            "title",
            "summary",
            "body",
            "body_text",
            "source",
            "features",
            "author",
            "cover_url",
            "status",
            "published_at",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["body_text", "status", "published_at", "created_at", "updated_at"]

    def get_cover_url(self, item) -> str:
        if not item.cover:
            return ""
        return self.context["request"].build_absolute_uri(reverse("publishing:cover", args=[item.pk]))

    def validate(self, attrs):
        raw = self.initial_data.get("published_at") if hasattr(self.initial_data, "get") else None
        check_publish_time(publish_time_of(raw))  # a ValidationError: the API's 400 with the message
        return attrs


class ItemCreateSerializer(ItemSerializer):
    version = VersionField(read_only=True)


class TransitionSerializer(serializers.Serializer):
    version = VersionField()
    comment = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    published_at = serializers.DateTimeField(
        required=False,
        allow_null=True,
        default=None,
        help_text=_("Only on a publish; the item is published now and an earlier time is refused (backdating)."),
    )


class CoverSerializer(serializers.Serializer):
    """A new cover: a JPEG, PNG, WebP or GIF picture, re-encoded without its metadata."""

    version = VersionField()
    image = serializers.FileField(help_text=_("The picture (multipart/form-data)."))
