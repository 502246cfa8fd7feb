from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from concentric.core.api import required_version
from concentric.core.kit.api import VERSION_PARAMETER, CrudDeleteMixin, CrudViewSet
from concentric.core.scoping import Action
from concentric.publishing.api.serializers import (
    ColumnCreateSerializer,
    ColumnSerializer,
    CoverSerializer,
    ItemCreateSerializer,
    ItemSerializer,
    TransitionSerializer,
)
from concentric.publishing.crud import ColumnCrud, ItemCrud
from concentric.publishing.services.items import item_update
from concentric.publishing.services.workflow import item_publish, item_return, item_submit, item_withdraw


class ColumnViewSet(CrudDeleteMixin, CrudViewSet):
    """专题栏目 the user's units and the units above them keep; unit administrators change them. A
    column with items cannot be deleted (switch it off with ``is_active``)."""

    crud = ColumnCrud
    serializer_class = ColumnSerializer
    create_serializer_class = ColumnCreateSerializer


def _values(data: dict) -> dict:
    if "featured_ids" in data:
        data["features"] = data.pop("featured_ids")
    return data


class ItemViewSet(CrudDeleteMixin, CrudViewSet):
    """Information items of the user's units, filtered like the list page. A draft or returned
    item is changed by its unit's writers; the review steps are ``POST …/submit/``, ``…/return/``
    (with a ``comment``), ``…/publish/`` and ``…/withdraw/`` (with a ``comment``), each with the
    ``version`` read. ``POST …/cover/`` (multipart: ``image``, ``version``) sets the cover and
    ``DELETE …/cover/?version=`` removes it, while the item may be edited."""

    crud = ItemCrud
    serializer_class = ItemSerializer
    create_serializer_class = ItemCreateSerializer

    @property
    def scope_action(self) -> Action:
        # Removing the cover changes the item: the right to change it, not to delete it, is asked.
        return Action.CHANGE if self.action == "cover" else super().scope_action

    def get_serializer_class(self):
        if self.action in ("submit", "return_", "publish", "withdraw"):
            return TransitionSerializer
        if self.action == "cover":
            return CoverSerializer
        return super().get_serializer_class()

    def create_through_service(self, data):
        return self.crud.create(self.request.user, _values(data))

    def update_through_service(self, instance, data, version):
        return self.crud.update(self.request.user, instance, _values(data), version)

    def _step(self, request, service, arguments):
        item = self.get_object()
        serializer = TransitionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = serializer.validated_data
        item = service(actor=request.user, item_id=item.pk, version=values["version"], **arguments(values))
        return Response(ItemSerializer(item, context=self.get_serializer_context()).data)

    @extend_schema(request=TransitionSerializer, responses=ItemSerializer)
    @action(detail=True, methods=["post"], url_path="submit", filter_backends=[], pagination_class=None)
    def submit(self, request, pk=None):
        """Send a draft, or a returned item, for review."""
        return self._step(request, item_submit, arguments=lambda values: {})

    @extend_schema(request=TransitionSerializer, responses=ItemSerializer)
    @action(detail=True, methods=["post"], url_path="return", filter_backends=[], pagination_class=None)
    def return_(self, request, pk=None):
        """Return a submitted item to its writers with a ``comment`` (unit administrators)."""
        return self._step(request, item_return, arguments=lambda values: {"comment": values["comment"]})

    @extend_schema(request=TransitionSerializer, responses=ItemSerializer)
    @action(detail=True, methods=["post"], url_path="publish", filter_backends=[], pagination_class=None)
    def publish(self, request, pk=None):
        """Publish a submitted item now (unit administrators); an earlier ``published_at`` is refused."""
        return self._step(
            request,
            item_publish,
            arguments=lambda values: {"comment": values["comment"], "published_at": values["published_at"]},
        )

    @extend_schema(request=TransitionSerializer, responses=ItemSerializer)
    @action(detail=True, methods=["post"], url_path="withdraw", filter_backends=[], pagination_class=None)
    def withdraw(self, request, pk=None):
        """Withdraw a published item with the reason in ``comment`` (unit administrators)."""
        return self._step(request, item_withdraw, arguments=lambda values: {"comment": values["comment"]})

    @extend_schema(methods=["POST"], request=CoverSerializer, responses=ItemSerializer)
    @extend_schema(methods=["DELETE"], request=None, parameters=[VERSION_PARAMETER], responses=ItemSerializer)
    @action(
        detail=True,
        methods=["post", "delete"],
        url_path="cover",
        parser_classes=[MultiPartParser, FormParser],
        filter_backends=[],
        pagination_class=None,
    )
    def cover(self, request, pk=None):
        """Set (POST) or remove (DELETE) a draft's or returned item's cover picture."""
        item = self.get_object()
        if request.method == "DELETE":
            item = item_update(
                actor=request.user, item_id=item.pk, version=required_version(request), remove_cover=True
            )
        else:
            serializer = CoverSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            values = serializer.validated_data
            item = item_update(actor=request.user, item_id=item.pk, version=values["version"], cover=values["image"])
        return Response(ItemSerializer(item, context=self.get_serializer_context()).data)
