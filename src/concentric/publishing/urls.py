from concentric.publishing import views, views_actions
from concentric.publishing.crud import ColumnCrud, ItemCrud
from concentric.publishing.models import ItemFeature, ItemImage

app_name = "publishing"

urlpatterns = [
    *ColumnCrud.urls(),
    *ItemCrud.urls(),
    ItemCrud.route("<int:pk>/submit/", views_actions.SubmitPage, "submit"),
    ItemCrud.route("<int:pk>/return/", views_actions.ReturnPage, "return"),
    ItemCrud.route("<int:pk>/publish/", views_actions.PublishPage, "publish"),
    ItemCrud.route("<int:pk>/withdraw/", views_actions.WithdrawPage, "withdraw"),
    ItemCrud.route("<int:pk>/cover/", views.CoverPage, "cover"),
    ItemCrud.route("<int:pk>/members/", views.FeatureSearchPage, "member_search"),
    ItemCrud.route("<int:pk>/features/", views_actions.FeatureAddPage, "feature_add"),
    ItemCrud.route("features/<int:pk>/remove/", views_actions.FeatureRemovePage, "feature_remove", model=ItemFeature),
    ItemCrud.route("images/upload/", views_actions.ImageUploadPage, "image_upload", model=ItemImage),
    ItemCrud.route("images/<int:pk>/", views.ImagePage, "image", model=ItemImage),
]
